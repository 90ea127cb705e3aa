import { backoffMs, retryWhileUndefined } from '../../src/util/retry.js';

describe('backoffMs', () => {
  it('doubles from the base up to the cap, jittered between 0.5 and 1.5 times', () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, opts, () => 0.5))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffMs(3, opts, () => 0)).toBe(200);
    expect(backoffMs(3, opts, () => 0.999)).toBe(600);
  });
});

describe('retryWhileUndefined', () => {
  it('asks again after each delay until there is an answer', async () => {
    const answers = [undefined, undefined, 'found'];
    const waits: number[] = [];
    const value = await retryWhileUndefined(
      async () => answers.shift(),
      [10, 20, 30],
      async (ms) => void waits.push(ms),
    );
    expect(value).toBe('found');
    expect(waits).toEqual([10, 20]);
  });

  it('gives undefined once the delays are used up, after one try per delay plus the first', async () => {
    let calls = 0;
    const waits: number[] = [];
    const value = await retryWhileUndefined(
      async () => void calls++,
      [1, 2, 3],
      async (ms) => void waits.push(ms),
    );
    expect(value).toBeUndefined();
    expect([calls, waits]).toEqual([4, [1, 2, 3]]);
  });

  it('passes errors through at once', async () => {
    await expect(retryWhileUndefined(() => Promise.reject(new Error('401')), [1])).rejects.toThrow(
      '401',
    );
  });
});
