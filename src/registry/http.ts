// One fetch with a deadline, whose network failures become REGISTRY_UNREACHABLE naming the host.

import { SignImageError } from '../errors.js';

export type FetchFn = typeof fetch;

/** Default deadline for one request, body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * fetch(url, init) that never follows redirects by itself (callers decide where credentials
 * may go) and turns refused connections, DNS failures, resets and timeouts into
 * REGISTRY_UNREACHABLE. `what` names the peer in the message, e.g. "registry ghcr.io".
 */
export async function fetchOnce(
  fetchFn: FetchFn,
  url: URL,
  init: RequestInit,
  opts: { timeoutMs: number; what: string },
): Promise<Response> {
  try {
    return await fetchFn(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    throw unreachable(err, opts.what, opts.timeoutMs);
  }
}

/** Reads a whole body under the same failure mapping (a reset mid-body is "unreachable" too). */
export async function readBody(res: Response, what: string, timeoutMs: number): Promise<Buffer> {
  try {
    return Buffer.from(await res.arrayBuffer());
  } catch (err) {
    throw unreachable(err, what, timeoutMs);
  }
}

/** Discards a body we do not need, so undici can reuse the connection. */
export async function drain(res: Response): Promise<void> {
  try {
    await res.arrayBuffer();
  } catch {
    // The connection is gone; nothing to reuse.
  }
}

// Duck-typed on purpose: undici's errors may come from another realm (jest's vm contexts),
// where `instanceof Error` is false.
interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function unreachable(err: unknown, what: string, timeoutMs: number): SignImageError {
  const name = (err as ErrorLike | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SignImageError(
      'REGISTRY_UNREACHABLE',
      `${what} did not answer within ${timeoutMs / 1000} s`,
      {
        hint: 'Check that the runner can reach it; a slow registry may just need a re-run',
        cause: err,
      },
    );
  }
  const code = networkCode(err);
  return new SignImageError(
    'REGISTRY_UNREACHABLE',
    `cannot reach ${what}${code ? ` (${code})` : ''}`,
    {
      hint: 'Check the registry name in `image` and that the runner can reach it',
      cause: err,
    },
  );
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
