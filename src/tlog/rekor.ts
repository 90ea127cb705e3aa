// The Rekor v1 client side. Uploading goes through RekorLog (rekor-log.ts: @sigstore/sign's
// proposed entries, the action's retry policy, 409 answered with the existing entry); this module
// builds it and fetches the log's public key to check each SET.
import type { Witness } from '@sigstore/sign';
import { SignImageError } from '../errors.js';
import { fetchWithRetry, type FetchFn } from '../util/http-retry.js';
import type { RetryPolicy } from '../util/retry.js';
import { RekorLog, rekorUnreachable, statusError } from './rekor-log.js';

/** A Witness that logs signatures in the Rekor at `rekorUrl`, with errors that say what to do. */
export function rekorWitness(rekorUrl: string, policy?: RetryPolicy): Witness {
  // Message signatures are logged as `hashedrekord`, DSSE envelopes (bundle format) as `dsse`
  // entries, as cosign v3 makes them (not the older `intoto`).
  return new RekorLog({ rekorUrl, policy });
}

/** Fetches the log's public key (PEM) from `GET /api/v1/log/publicKey`, used to check each SET. */
export async function fetchRekorPublicKey(
  rekorUrl: string,
  fetchFn?: FetchFn,
  policy?: RetryPolicy,
): Promise<string> {
  const doing = 'fetching its public key';
  let response: Response;
  try {
    response = await fetchWithRetry(
      `${rekorUrl}/api/v1/log/publicKey`,
      {},
      { what: `Rekor at ${host(rekorUrl)}`, fetch: fetchFn, policy },
    );
  } catch (err) {
    throw rekorUnreachable(rekorUrl, err, doing);
  }
  if (!response.ok) throw await statusError(rekorUrl, response, doing);
  const text = await response.text();
  if (!text.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new SignImageError(
      'TLOG_ERROR',
      `Rekor at ${host(rekorUrl)} answered ${response.status} without a public key when asked for its public key`,
      {
        hint: 'Check that `rekor-url` points at a Rekor v1 API (e.g. https://rekor.sigstore.dev)',
      },
    );
  }
  return text;
}

function host(url: string): string {
  return new URL(url).host;
}
