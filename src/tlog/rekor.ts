// The Rekor v1 client side. Uploading goes through @sigstore/sign's RekorWitness (it builds the
// hashedrekord proposal and handles 409 by fetching the existing entry); this module wraps it so
// that failures name the service and the fix, and fetches the log's public key to check the SET.
import { RekorWitness, type Witness } from '@sigstore/sign';
import { SignImageError } from '../errors.js';

const RETRY = { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2000 };
const TIMEOUT_MS = 30_000;

/** A Witness that logs signatures in the Rekor at `rekorUrl`, with errors that say what to do. */
export function rekorWitness(rekorUrl: string): Witness {
  // entryType only applies to DSSE envelopes (bundle format): a `dsse` entry as cosign v3 makes,
  // not the older `intoto`; message signatures are always `hashedrekord`.
  const witness = new RekorWitness({ rekorBaseURL: rekorUrl, entryType: 'dsse', fetchOnConflict: true, retry: RETRY, timeout: TIMEOUT_MS });
  return {
    testify: async (content, publicKey) => {
      try {
        return await witness.testify(content, publicKey);
      } catch (err) {
        throw rekorError(rekorUrl, err, 'recording the signature');
      }
    },
  };
}

/** Fetches the log's public key (PEM) from `GET /api/v1/log/publicKey`, used to check each SET. */
export async function fetchRekorPublicKey(rekorUrl: string, fetchFn: typeof fetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(`${rekorUrl}/api/v1/log/publicKey`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw rekorError(rekorUrl, err, 'fetching its public key');
  }
  const text = await response.text();
  if (!response.ok || !text.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new SignImageError('TLOG_ERROR', `Rekor at ${host(rekorUrl)} answered ${response.status} when asked for its public key`, {
      hint: 'Check that `rekor-url` points at a Rekor v1 API (e.g. https://rekor.sigstore.dev)',
    });
  }
  return text;
}

function rekorError(rekorUrl: string, err: unknown, doing: string): SignImageError {
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const status = (cause as { statusCode?: number })?.statusCode;
  if (typeof status === 'number') {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return new SignImageError('TLOG_ERROR', `Rekor at ${host(rekorUrl)} answered ${status} when ${doing}${detail}`, {
      cause: err,
      hint:
        status >= 500 || status === 429
          ? 'The log is failing or throttling; re-run the job later (for the public log see https://status.sigstore.dev)'
          : 'Check `rekor-url`; nothing was pushed to the registry',
    });
  }
  return new SignImageError('TLOG_UNREACHABLE', `Rekor at ${host(rekorUrl)} could not be reached when ${doing}`, {
    cause: err,
    hint: 'Check `rekor-url` and the network, or set `tlog-upload: false` to sign without the transparency log; nothing was pushed to the registry',
  });
}

function host(url: string): string {
  return new URL(url).host;
}
