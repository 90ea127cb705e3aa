// Bounded waiting with jitter, and the one retry policy every outbound call follows. Jitter
// matters here: several jobs that raced once on one `.sig` (or were throttled together) would
// otherwise retry in lock step and collide again.
import { stdoutLine } from './log.js';

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

/** Statuses worth another try: timeouts, rate limits and server faults. Other 4xx will not change. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 501, 502, 503, 504]);

/** True for a status the one retry policy tries again. */
export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUSES.has(status);
}

/** The run's overall deadline: no attempt starts after it and no request outlives it. */
export class Deadline {
  readonly at: number;

  constructor(
    readonly totalMs: number,
    startedAt: number = Date.now(),
  ) {
    this.at = startedAt + totalMs;
  }

  /** Milliseconds left (negative once passed). */
  remainingMs(now: number = Date.now()): number {
    return this.at - now;
  }
}

/** How every outbound call of the action is retried (registry, Rekor, Fulcio, TSA, token endpoints). */
export interface RetryPolicy {
  /** Tries per call, the first included. */
  attempts: number;
  /** Backoff before retry n: base·2^(n-1), capped, times a jitter factor in [0.5, 1.5). */
  backoff: { baseMs: number; maxMs: number };
  /** The longest `Retry-After` honoured; a server asking for more ends the retries at once. */
  maxRetryAfterMs: number;
  /** Deadline of one request, from connecting to the last body byte. */
  timeoutMs: number;
  deadline: Deadline;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about each retry (one line: service, method, host, path, why, how long). */
  log?: (line: string) => void;
}

/** The defaults stated in the README (Errors and troubleshooting). */
export const RETRY_DEFAULTS = {
  attempts: 8,
  backoff: { baseMs: 250, maxMs: 4000 },
  maxRetryAfterMs: 60_000,
  timeoutMs: 30_000,
  deadlineMs: 300_000,
} as const;

/** Environment variable that changes the overall deadline (whole seconds). */
export const DEADLINE_ENV = 'SIGN_IMAGE_DEADLINE_SECONDS';

let shared: RetryPolicy | undefined;

/**
 * The policy of this run, shared by every client so that they share one deadline, counted from
 * the first call (the action makes its first requests right after it starts).
 * `SIGN_IMAGE_DEADLINE_SECONDS` changes the deadline.
 */
export function defaultRetryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  if (shared) return shared;
  const seconds = Number(env[DEADLINE_ENV]);
  const totalMs =
    Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : RETRY_DEFAULTS.deadlineMs;
  shared = {
    attempts: RETRY_DEFAULTS.attempts,
    backoff: RETRY_DEFAULTS.backoff,
    maxRetryAfterMs: RETRY_DEFAULTS.maxRetryAfterMs,
    timeoutMs: RETRY_DEFAULTS.timeoutMs,
    deadline: new Deadline(totalMs),
    // The line names hosts and paths that came from inputs and answers: escaped (util/log.ts).
    log: stdoutLine,
  };
  return shared;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or undefined when
 * there is none or it does not parse. RFC 9110 §10.2.3.
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) || !/[a-z]/i.test(text) ? undefined : Math.max(0, date - now);
}
