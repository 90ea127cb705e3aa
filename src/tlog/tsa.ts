// RFC 3161 timestamps from the `tsa-url` authority, through @sigstore/sign's TSAWitness (the JSON
// request sigstore's timestamp-authority serves at /api/v1/timestamp). The token's message
// imprint is the sha256 of the raw signature bytes, as cosign's is (cosign-format §3.3). It lands
// in the bundle's `timestampVerificationData`; the legacy `.sig` carries the same token in the
// `dev.sigstore.cosign/rfc3161timestamp` annotation.
import type { Bundle } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import type { SignatureBundle, Witness } from '@sigstore/sign';
import { createHash } from 'node:crypto';
import { SignImageError } from '../errors.js';
import {
  attemptsNote,
  describeFailure,
  fetchWithRetry,
  RequestFailure,
} from '../util/http-retry.js';
import type { RetryPolicy } from '../util/retry.js';

/**
 * A Witness that timestamps each signature at `tsaUrl` and checks the token before it is used.
 * The request is the one @sigstore/sign's TSAWitness sends, under the action's retry policy.
 */
export function tsaWitness(tsaUrl: string, policy?: RetryPolicy): Witness {
  // A base URL gets sigstore's path; a full endpoint URL (signing config style) is used as is.
  const endpoint =
    new URL(tsaUrl).pathname === '/' ? `${tsaUrl.replace(/\/$/, '')}/api/v1/timestamp` : tsaUrl;
  return {
    testify: async (content) => {
      const signature = signatureOf(content);
      const body = JSON.stringify({
        artifactHash: createHash('sha256').update(signature).digest('base64'),
        hashAlgorithm: 'sha256',
      });
      let res: Response;
      try {
        res = await fetchWithRetry(
          endpoint,
          { method: 'POST', headers: { 'Content-Type': 'application/json' }, body },
          { what: `the timestamp authority at ${host(tsaUrl)}`, policy },
        );
      } catch (err) {
        throw tsaError(tsaUrl, err);
      }
      if (!res.ok) throw tsaError(tsaUrl, { statusCode: res.status, note: attemptsNote(res) });
      const token = Buffer.from(await res.arrayBuffer());
      checkTimestamp(token, signature, tsaUrl);
      return { rfc3161Timestamps: [{ signedTimestamp: token }] };
    },
  };
}

/** The first RFC 3161 token (DER TimeStampResp) of a bundle, or undefined when it has none. */
export function firstTimestamp(bundle: Bundle): Buffer | undefined {
  const t = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
  return t ? Buffer.from(t.signedTimestamp) : undefined;
}

/**
 * Requires a granted response whose imprint is sha256(signature). The TSA's certificate chain is
 * the verifier's trust (trusted_root.json), not ours; what we can check is that the token covers
 * this signature, so a confused or hostile TSA cannot put someone else's token in the registry.
 */
export function checkTimestamp(der: Buffer, signature: Buffer, tsaUrl: string): void {
  let status: bigint;
  try {
    const ts = RFC3161Timestamp.parse(Buffer.from(der));
    status = ts.status;
    if (status <= 1n) ts.tstInfo.verify(signature);
  } catch (cause) {
    throw new SignImageError(
      'TSA_ERROR',
      `the timestamp from ${host(tsaUrl)} does not cover the signature`,
      {
        cause,
        hint: 'Check that `tsa-url` points at an RFC 3161 timestamp authority with a sigstore-style /api/v1/timestamp endpoint; nothing was pushed to the registry',
      },
    );
  }
  // 0 granted, 1 granted with modifications; anything else is a refusal.
  if (status > 1n) {
    throw new SignImageError(
      'TSA_ERROR',
      `the timestamp authority at ${host(tsaUrl)} refused the request (PKIStatus ${status})`,
      {
        hint: 'Check `tsa-url`; nothing was pushed to the registry',
      },
    );
  }
}

function signatureOf(content: SignatureBundle): Buffer {
  return content.$case === 'dsseEnvelope'
    ? Buffer.from(content.dsseEnvelope.signatures[0]!.sig)
    : Buffer.from(content.messageSignature.signature);
}

function tsaError(tsaUrl: string, err: unknown): SignImageError {
  const status = (err as { statusCode?: number })?.statusCode;
  if (typeof status === 'number') {
    return new SignImageError(
      'TSA_ERROR',
      `the timestamp authority at ${host(tsaUrl)} answered ${status}${(err as { note?: string }).note ?? ''}`,
      {
        hint:
          status >= 500 || status === 429 || status === 408
            ? 'The authority is failing or throttling; re-run the job later (for the public one see https://status.sigstore.dev); nothing was pushed to the registry'
            : 'Check `tsa-url` (a sigstore timestamp-authority base URL or its /api/v1/timestamp endpoint); nothing was pushed to the registry',
      },
    );
  }
  const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
  return new SignImageError(
    'TSA_UNREACHABLE',
    `the timestamp authority at ${host(tsaUrl)} ${how}`,
    {
      cause: err,
      hint: 'Check `tsa-url` and the network, or leave `tsa-url` empty to sign without a timestamp; nothing was pushed to the registry',
    },
  );
}

function host(url: string): string {
  return new URL(url).host;
}
