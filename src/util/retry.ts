// Bounded waiting with jitter. Jitter matters here: several jobs that raced once on one `.sig`
// would otherwise retry in lock step and race again.

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Backoff before retry `attempt` (1-based): base·2^(attempt-1), capped, times a factor in [0.5, 1.5). */
export function backoffMs(
  attempt: number,
  opts: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const plain = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.5 + random()));
}

/**
 * Calls `lookup` until it returns a value, sleeping `delaysMs[i]` before try i+2; undefined
 * once the delays are used up. For answers that are "not yet" rather than "no" (a digest just
 * pushed can be unknown to a registry's read replicas for a few seconds).
 */
export async function retryWhileUndefined<T>(
  lookup: () => Promise<T | undefined>,
  delaysMs: readonly number[],
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    const value = await lookup();
    if (value !== undefined || attempt >= delaysMs.length) return value;
    await wait(delaysMs[attempt]!);
  }
}
