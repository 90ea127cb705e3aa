// One HTTP request under the one retry policy (util/retry.ts), for every service the action
// talks to. Each attempt reads the whole body under its own timeout, so a connection reset in
// the middle of a body is retried like one before the headers. Callers get a buffered HttpAnswer
// (or a RequestFailure when no answer ever came) and map it to their own service's error.
import { trace } from './trace.js';
import {
  backoffMs,
  defaultRetryPolicy,
  isRetryableStatus,
  parseRetryAfter,
  sleep,
  type RetryPolicy,
} from './retry.js';
import { SignImageError } from '../errors.js';
import { BODY_LIMITS, readBounded } from './bounded-body.js';
import type { AnswerHeaders, FetchFn } from './fetch.js';

export type { FetchFn } from './fetch.js';

/**
 * A whole answer, its body read (bounded) into memory: what every client of fetchWithRetry
 * gets. Its own small class rather than a rebuilt fetch Response, whose WHATWG streams and
 * header validation cost each of a run's hundreds of requests more CPU than the rest of it.
 */
export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: AnswerHeaders,
    /** The body as received (empty for HEAD, 204, 304). */
    readonly bytes: Buffer,
    /** Which attempt this answer was (1 when the first one was). */
    readonly attempts = 1,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  text(): Promise<string> {
    return Promise.resolve(this.bytes.toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8')) as unknown;
  }
}

/** Who is asked, for messages and retry lines: e.g. "Rekor at rekor.sigstore.dev". */
export interface HttpCall {
  what: string;
  policy?: RetryPolicy;
  fetch?: FetchFn;
  /** Largest body read (default BODY_LIMITS.registry); more is RESPONSE_TOO_LARGE, not retried. */
  maxBodyBytes?: number;
}

/** No answer at all: refused, reset, timed out on every attempt, or the run's deadline passed. */
export class RequestFailure extends Error {
  constructor(
    readonly kind: 'network' | 'timeout' | 'deadline',
    /** The system error code (ECONNREFUSED, ECONNRESET…) when there is one. */
    readonly code: string | undefined,
    readonly attempts: number,
    readonly timeoutMs: number,
    readonly deadlineMs: number,
    cause: unknown,
  ) {
    super(kind === 'network' ? `network error${code ? ` (${code})` : ''}` : kind, { cause });
    this.name = 'RequestFailure';
  }
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** " after 8 attempts" for an answer that was the last of several tries, else ''. */
export function attemptsNote(answer: HttpAnswer | RequestFailure): string {
  const n = answer.attempts;
  return n > 1 ? ` after ${n} attempts` : '';
}

/**
 * Sends `init` to `url`, retrying network errors, timeouts, 408, 429 and 500–504 with jittered
 * exponential backoff (or the server's `Retry-After`), never past the run's deadline. Returns
 * the first answer that is not retryable, or the last one; redirects are returned, not followed.
 */
export async function fetchWithRetry(
  url: URL | string,
  init: RequestInit,
  call: HttpCall,
): Promise<HttpAnswer> {
  const policy = call.policy ?? defaultRetryPolicy();
  const fetchFn = call.fetch ?? fetch;
  const target = new URL(url);
  for (let attempt = 1; ; attempt++) {
    const remaining = policy.deadline.remainingMs();
    if (remaining <= 0) throw failure('deadline', undefined, attempt - 1, policy, undefined);
    const timeoutMs = Math.min(policy.timeoutMs, remaining);
    let answer: HttpAnswer | RequestFailure;
    try {
      trace(`> ${init.method ?? 'GET'} ${target.pathname}`);
      const res = await fetchFn(target, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = NULL_BODY.has(res.status)
        ? Buffer.alloc(0)
        : await readBounded(res, call.maxBodyBytes ?? BODY_LIMITS.registry, call.what);
      answer = new HttpAnswer(res.status, res.statusText, res.headers, body, attempt);
      trace(`< ${res.status} ${init.method ?? 'GET'} ${target.pathname}`);
    } catch (err) {
      // Too large is an answer, not a failure to get one: another try would read it again.
      if (err instanceof SignImageError) throw err;
      const timedOut = isTimeout(err);
      // A request cut short by the deadline is not worth another try: there is no time left.
      const kind = timedOut ? (timeoutMs < policy.timeoutMs ? 'deadline' : 'timeout') : 'network';
      answer = failure(kind, timedOut ? undefined : networkCode(err), attempt, policy, err);
      if (kind === 'deadline') throw answer;
    }
    if (answer instanceof HttpAnswer && !isRetryableStatus(answer.status)) return answer;
    const asked =
      answer instanceof HttpAnswer ? parseRetryAfter(answer.headers.get('retry-after')) : undefined;
    const waitMs = asked ?? backoffMs(attempt, policy.backoff, policy.random);
    const last =
      attempt >= policy.attempts ||
      (asked !== undefined && asked > policy.maxRetryAfterMs) ||
      waitMs >= policy.deadline.remainingMs();
    if (last) {
      if (answer instanceof HttpAnswer) return answer;
      throw answer;
    }
    const why = answer instanceof HttpAnswer ? `answered ${answer.status}` : answer.message;
    policy.log?.(
      `${call.what}: ${init.method ?? 'GET'} ${target.host}${target.pathname} ${why}; ` +
        `retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.attempts})`,
    );
    await (policy.sleep ?? sleep)(waitMs);
  }
}

/** Words for a RequestFailure: "(ECONNREFUSED) after 8 attempts", "did not answer within 30 s"… */
export function describeFailure(f: RequestFailure): string {
  if (f.kind === 'deadline')
    return `did not answer before the step's ${f.deadlineMs / 1000} s deadline`;
  if (f.kind === 'timeout')
    return `did not answer within ${f.timeoutMs / 1000} s${attemptsNote(f)}`;
  return `could not be reached${f.code ? ` (${f.code})` : ''}${attemptsNote(f)}`;
}

function failure(
  kind: RequestFailure['kind'],
  code: string | undefined,
  attempts: number,
  policy: RetryPolicy,
  cause: unknown,
): RequestFailure {
  return new RequestFailure(kind, code, attempts, policy.timeoutMs, policy.deadline.totalMs, cause);
}

// Duck-typed on purpose: undici's errors may come from another realm (jest's vm contexts),
// where `instanceof Error` is false.
interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function isTimeout(err: unknown): boolean {
  const name = (err as ErrorLike | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

// undici reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND…) as its cause.
function networkCode(err: unknown): string | undefined {
  let current = err as ErrorLike | undefined;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if (typeof current.code === 'string') return current.code;
    if (current.cause === undefined && depth > 0 && typeof current.message === 'string')
      return current.message;
    current = current.cause as ErrorLike | undefined;
  }
  return undefined;
}
