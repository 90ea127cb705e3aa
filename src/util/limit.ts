// Bounded parallelism: registries and Rekor throttle bursts, and a runner has few cores.

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * mapLimit, but the first item of each group (e.g. of each registry) runs alone first, the
 * groups' firsts side by side: what it learns (the registry's challenge, registry/auth.ts) then
 * serves the rest, which would otherwise each draw a 401 of their own. Results keep input order.
 */
export async function mapLimitFirstAlone<T, R>(
  items: readonly T[],
  groupOf: (item: T) => string,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const firsts = new Map<string, number>();
  items.forEach((item, i) => {
    const group = groupOf(item);
    if (!firsts.has(group)) firsts.set(group, i);
  });
  const results = new Array<R>(items.length);
  const first = new Set(firsts.values());
  await Promise.all([...first].map(async (i) => (results[i] = await fn(items[i] as T, i))));
  const rest = items.map((item, i) => ({ item, i })).filter(({ i }) => !first.has(i));
  await mapLimit(rest, limit, async ({ item, i }) => (results[i] = await fn(item, i)));
  return results;
}

/**
 * Runs a task under a shared bound; waits for a free slot first. A `first` task is queued ahead
 * of the others: work that finishes something already under way.
 */
export type Limiter = <R>(task: () => Promise<R>, order?: 'first') => Promise<R>;

/** A Limiter allowing `limit` tasks at once across all callers (FIFO); sleeps hold no slot. */
export function createLimiter(limit: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  let firsts = 0; // how many of `waiting`, at its head, are `first` tasks (kept in their order)
  return async <R>(task: () => Promise<R>, order?: 'first'): Promise<R> => {
    if (running >= limit) {
      await new Promise<void>((resolve) => {
        if (order === 'first') waiting.splice(firsts++, 0, resolve);
        else waiting.push(resolve);
      });
    } else running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never overshoots.
      const next = waiting.shift();
      if (firsts > 0) firsts--;
      if (next) next();
      else running--;
    }
  };
}
