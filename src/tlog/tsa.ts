// RFC 3161 timestamps from the `tsa-url` authority, through @sigstore/sign's TSAWitness (the JSON
// request sigstore's timestamp-authority serves at /api/v1/timestamp). The token's message
// imprint is the sha256 of the raw signature bytes, as cosign's is (cosign-format §3.3). It lands
// in the bundle's `timestampVerificationData`; the legacy `.sig` carries the same token in the
// `dev.sigstore.cosign/rfc3161timestamp` annotation.
import type { Bundle } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import { TSAWitness, type SignatureBundle, type Witness } from '@sigstore/sign';
import { SignImageError } from '../errors.js';

const RETRY = { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2000 };
const TIMEOUT_MS = 30_000;

/** A Witness that timestamps each signature at `tsaUrl` and checks the token before it is used. */
export function tsaWitness(tsaUrl: string): Witness {
  const witness = new TSAWitness({ tsaBaseURL: tsaUrl, retry: RETRY, timeout: TIMEOUT_MS });
  return {
    testify: async (content) => {
      let material: Awaited<ReturnType<Witness['testify']>>;
      try {
        material = await witness.testify(content);
      } catch (err) {
        throw tsaError(tsaUrl, err);
      }
      for (const t of material.rfc3161Timestamps ?? [])
        checkTimestamp(Buffer.from(t.signedTimestamp), signatureOf(content), tsaUrl);
      return material;
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
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const status = (cause as { statusCode?: number })?.statusCode;
  if (typeof status === 'number') {
    return new SignImageError(
      'TSA_ERROR',
      `the timestamp authority at ${host(tsaUrl)} answered ${status}`,
      {
        cause: err,
        hint:
          status >= 500 || status === 429
            ? 'The authority is failing or throttling; re-run the job later'
            : 'Check `tsa-url` (a sigstore timestamp-authority base URL or its /api/v1/timestamp endpoint); nothing was pushed to the registry',
      },
    );
  }
  return new SignImageError(
    'TSA_UNREACHABLE',
    `the timestamp authority at ${host(tsaUrl)} could not be reached`,
    {
      cause: err,
      hint: 'Check `tsa-url` and the network, or leave `tsa-url` empty to sign without a timestamp; nothing was pushed to the registry',
    },
  );
}

function host(url: string): string {
  return new URL(url).host;
}
