// One registry request under the action's retry policy (util/http-retry.ts); failures that never
// got an answer become REGISTRY_UNREACHABLE naming the host.

import { SignImageError } from '../errors.js';
import {
  attemptsNote,
  describeFailure,
  fetchWithRetry,
  RequestFailure,
  type HttpAnswer,
} from '../util/http-retry.js';
import type { RetryPolicy } from '../util/retry.js';

import type { FetchFn } from '../util/fetch.js';

export type { FetchFn };

/** Default deadline for one request, body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * fetch(url, init) that never follows redirects by itself (callers decide where credentials
 * may go), retries what the policy retries (network errors, 408, 429, 500–504) and turns
 * refused connections, DNS failures, resets and timeouts into REGISTRY_UNREACHABLE. `what`
 * names the peer in the message, e.g. "registry ghcr.io". The body comes back buffered.
 */
export async function sendWithRetry(
  fetchFn: FetchFn,
  url: URL,
  init: RequestInit,
  opts: { timeoutMs: number; what: string; retry?: RetryPolicy; maxBodyBytes?: number },
): Promise<HttpAnswer> {
  try {
    const policy = opts.retry && { ...opts.retry, timeoutMs: opts.timeoutMs };
    return await fetchWithRetry(url, init, {
      what: opts.what,
      fetch: fetchFn,
      policy,
      maxBodyBytes: opts.maxBodyBytes,
    });
  } catch (err) {
    if (err instanceof SignImageError) throw err; // RESPONSE_TOO_LARGE
    throw unreachable(err, opts.what);
  }
}

/** The body of an answer: fetchWithRetry has already read it into memory (util/http-retry.ts). */
export function bodyOf(res: HttpAnswer): Buffer {
  return res.bytes;
}

function unreachable(err: unknown, what: string): SignImageError {
  const failure = err instanceof RequestFailure ? err : undefined;
  if (failure && failure.kind !== 'network') {
    return new SignImageError('REGISTRY_UNREACHABLE', `${what} ${describeFailure(failure)}`, {
      hint: 'Check that the runner can reach it; a slow registry may just need a re-run',
      cause: err,
    });
  }
  const code = failure?.code;
  const tries = failure ? attemptsNote(failure) : '';
  return new SignImageError(
    'REGISTRY_UNREACHABLE',
    `cannot reach ${what}${code ? ` (${code})` : ''}${tries}`,
    {
      hint: 'Check the registry name in `image` and that the runner can reach it',
      cause: err,
    },
  );
}
