// The Rekor v1 client side. Uploading goes through RekorLog (rekor-log.ts: @sigstore/sign's
// proposed entries, the action's retry policy, 409 answered with the existing entry); this module
// builds it. The log's key is never fetched from the log: it comes from the trusted root (trust/).
import type { Witness } from '@sigstore/sign';
import type { FetchFn } from '../util/fetch.js';
import type { RetryPolicy } from '../util/retry.js';
import { RekorLog } from './rekor-log.js';

/** A Witness that logs signatures in the Rekor at `rekorUrl`, with errors that say what to do. */
export function rekorWitness(rekorUrl: string, policy?: RetryPolicy, fetch?: FetchFn): Witness {
  // Message signatures are logged as `hashedrekord`, DSSE envelopes (bundle format) as `dsse`
  // entries, as cosign v3 makes them (not the older `intoto`).
  return new RekorLog({ rekorUrl, policy, fetch });
}
