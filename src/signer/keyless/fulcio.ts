// The certificate request to Fulcio (`POST /api/v2/signingCert`), the same JSON @sigstore/sign's
// CAClient sends, under the action's one retry policy. Only answers that carry no certificate
// are retried (no answer, 408, 429, 500–504): a certificate that arrived is never asked for
// again, so a retry mints a second one only when the first was lost on the way.
// https://github.com/sigstore/fulcio/blob/main/fulcio.proto
import { fetchWithRetry, attemptsNote, type FetchFn } from '../../util/http-retry.js';
import type { RetryPolicy } from '../../util/retry.js';
import { BODY_LIMITS } from '../../util/bounded-body.js';

/** Fulcio answered with a status other than 200/201: `statusCode` and Fulcio's own reason. */
export class FulcioStatusError extends Error {
  constructor(
    readonly statusCode: number,
    reason: string,
    /** " after 8 attempts" when the policy retried it. */
    readonly note: string,
  ) {
    super(`(${statusCode}) ${reason}`);
    this.name = 'FulcioStatusError';
  }
}

/** Options of one certificate request; `policy` and `fetch` default to the action's own. */
export interface CertificateRequest {
  fulcioUrl: string;
  /** The OIDC token; it goes in the body only, never in a message. */
  token: string;
  publicKeyPem: string;
  /** Signature of the token's subject by the key being certified. */
  proofOfPossession: Buffer;
  policy?: RetryPolicy;
  fetch?: FetchFn;
}

interface CertificateResponse {
  signedCertificateEmbeddedSct?: { chain?: { certificates?: unknown } };
  signedCertificateDetachedSct?: { chain?: { certificates?: unknown } };
}

/**
 * Asks Fulcio for a certificate and returns its chain, leaf first (PEM strings). Throws
 * FulcioStatusError for a refusal, RequestFailure when Fulcio never answered.
 */
export async function requestSigningCertificate(req: CertificateRequest): Promise<string[]> {
  const body = JSON.stringify({
    credentials: { oidcIdentityToken: req.token },
    publicKeyRequest: {
      publicKey: { algorithm: 'ECDSA', content: req.publicKeyPem },
      proofOfPossession: req.proofOfPossession.toString('base64'),
    },
  });
  const res = await fetchWithRetry(
    `${req.fulcioUrl.replace(/\/$/, '')}/api/v2/signingCert`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
    },
    {
      what: `Fulcio at ${new URL(req.fulcioUrl).host}`,
      policy: req.policy,
      fetch: req.fetch,
      maxBodyBytes: BODY_LIMITS.service,
    },
  );
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) {
    // Belt and braces: whatever Fulcio says, the token is not repeated. Scrubbed whole, then
    // cut: a token is longer than the cut, so cutting first would leave a piece of it.
    const reason = scrubToken(reasonOf(text) ?? res.statusText, req.token).slice(0, 300);
    throw new FulcioStatusError(res.status, reason, attemptsNote(res));
  }
  let parsed: CertificateResponse;
  try {
    parsed = JSON.parse(text) as CertificateResponse;
  } catch {
    parsed = {};
  }
  const chain = (parsed.signedCertificateEmbeddedSct ?? parsed.signedCertificateDetachedSct)?.chain
    ?.certificates;
  // An unreadable answer is left to the certificate check, which names what is wrong.
  return Array.isArray(chain) ? chain.filter((c): c is string => typeof c === 'string') : [];
}

/** `text` without `token` and without anything shaped like a JWT (three base64url parts). */
export function scrubToken(text: string, token: string): string {
  const without = token ? text.split(token).join('***') : text;
  return without.replace(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***');
}

// Fulcio's JSON error `{"code":…, "message":"…"}`, whole (the caller scrubs, then cuts).
function reasonOf(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
