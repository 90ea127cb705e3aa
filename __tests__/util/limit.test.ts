import { mapLimitFirstAlone, createLimiter, mapLimit } from '../../src/util/limit.js';

describe('mapLimit', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });
  it('rejects when one call fails', async () => {
    await expect(
      mapLimit([1, 2], 4, async (n) => (n === 2 ? Promise.reject(new Error('boom')) : n)),
    ).rejects.toThrow('boom');
  });
});

describe('createLimiter', () => {
  it('bounds tasks across callers, frees the slot on failure, and runs waiters in order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number, fail = false) =>
      limit(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        order.push(n);
        if (fail) throw new Error(`task ${n}`);
        return n;
      });
    const results = await Promise.allSettled([task(1, true), task(2), task(3), task(4), task(5)]);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(running).toBe(0);
  });

  it('starts `first` tasks before the queued others, each kind in its own order', async () => {
    const limit = createLimiter(1);
    const started: string[] = [];
    const task = (name: string, order?: 'first') =>
      limit(async () => {
        started.push(name);
        await new Promise((r) => setTimeout(r, 2));
      }, order);
    await Promise.all([
      task('running'),
      task('upload 1'),
      task('upload 2'),
      task('write 1', 'first'),
      task('write 2', 'first'),
      task('upload 3'),
    ]);
    expect(started).toEqual(['running', 'write 1', 'write 2', 'upload 1', 'upload 2', 'upload 3']);
  });
});

describe('mapLimitFirstAlone', () => {
  it('runs the first item of each group alone, then the rest; results keep input order', async () => {
    const events: string[] = [];
    const items = ['a1', 'b1', 'a2', 'a3', 'b2'];
    const results = await mapLimitFirstAlone(
      items,
      (item) => item[0]!,
      2,
      async (item, i) => {
        events.push(`start ${item}`);
        await new Promise((r) => setTimeout(r, item === 'a1' ? 10 : 2));
        events.push(`end ${item}`);
        return `${item}#${i}`;
      },
    );
    expect(results).toEqual(['a1#0', 'b1#1', 'a2#2', 'a3#3', 'b2#4']);
    // Both groups' firsts side by side, and nothing else before both have ended.
    expect(events.slice(0, 2).sort()).toEqual(['start a1', 'start b1']);
    const lastFirstEnd = Math.max(events.indexOf('end a1'), events.indexOf('end b1'));
    for (const later of ['a2', 'a3', 'b2'])
      expect(events.indexOf(`start ${later}`)).toBeGreaterThan(lastFirstEnd);
  });
});
