// RFC 3161 timestamps from the `tsa-url` authority. The request is RFC 3161's own DER
// TimeStampReq (timestamp-request.ts), POSTed as `application/timestamp-query` to the URL as
// given, as cosign's --timestamp-server-url does: plain RFC 3161 authorities take nothing else,
// and sigstore's timestamp-authority takes it at /api/v1/timestamp. (@sigstore/sign's TSAWitness
// sends sigstore's JSON request instead, which only sigstore's authority understands.) The
// token's message imprint is the sha256 of the raw signature bytes, as cosign's is
// (cosign-format §3.3). The TimeStampResp lands in the bundle's `timestampVerificationData`; the
// legacy `.sig` carries the same bytes in the `dev.sigstore.cosign/rfc3161timestamp` annotation.
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
  type HttpAnswer,
} from '../util/http-retry.js';
import type { RetryPolicy } from '../util/retry.js';
import { BODY_LIMITS } from '../util/bounded-body.js';
import {
  newNonce,
  nonceValue,
  TIMESTAMP_QUERY,
  TIMESTAMP_REPLY,
  timestampRequest,
} from './timestamp-request.js';

// A TimeStampResp is a few kilobytes (the token and the TSA's chain); more is not one.
const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * A Witness that timestamps each signature at `tsaUrl` and checks the token before it is used,
 * under the action's retry policy.
 */
export function tsaWitness(tsaUrl: string, policy?: RetryPolicy): Witness {
  return {
    testify: async (content) => {
      const signature = signatureOf(content);
      const nonce = newNonce();
      const body = timestampRequest(createHash('sha256').update(signature).digest(), nonce);
      let res: HttpAnswer;
      try {
        res = await fetchWithRetry(
          tsaUrl,
          {
            method: 'POST',
            headers: { 'Content-Type': TIMESTAMP_QUERY, Accept: TIMESTAMP_REPLY },
            body,
          },
          {
            what: `the timestamp authority at ${host(tsaUrl)}`,
            policy,
            maxBodyBytes: BODY_LIMITS.service,
          },
        );
      } catch (err) {
        if (err instanceof SignImageError) throw err; // RESPONSE_TOO_LARGE
        throw tsaError(tsaUrl, err);
      }
      if (!res.ok) throw tsaError(tsaUrl, { statusCode: res.status, note: attemptsNote(res) });
      const token = res.bytes;
      checkTimestamp(token, signature, tsaUrl, nonce);
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
 * Requires a granted TimeStampResp whose token's imprint is the sha256 of `signature` and, when
 * we sent one, whose nonce is ours (RFC 3161 §2.4.2). The TSA's certificate chain is the
 * verifier's trust (trusted_root.json), not ours; what we can check is that the token answers
 * this request, so a confused or hostile TSA cannot put someone else's token in the registry.
 */
export function checkTimestamp(
  der: Buffer,
  signature: Buffer,
  tsaUrl: string,
  nonce?: Buffer,
): void {
  let status: bigint;
  try {
    if (der.length > MAX_RESPONSE_BYTES) {
      throw new Error(`${der.length} bytes is more than a timestamp response holds`);
    }
    const ts = RFC3161Timestamp.parse(Buffer.from(der));
    status = ts.status;
    if (status <= 1n) {
      const info = ts.tstInfo;
      if (info.messageImprintHashAlgorithm !== 'sha256') {
        throw new Error('the message imprint is not the SHA-256 we asked for');
      }
      info.verify(signature);
      if (nonce && tokenNonce(info.root.subs) !== nonceValue(nonce)) {
        throw new Error('the token does not carry the nonce of our request');
      }
    }
  } catch (cause) {
    throw new SignImageError(
      'TSA_ERROR',
      `the timestamp from ${host(tsaUrl)} does not cover the signature`,
      {
        cause,
        hint: "Check that `tsa-url` is the RFC 3161 endpoint itself (for sigstore's timestamp-authority, its /api/v1/timestamp URL); nothing was pushed to the registry",
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

// TSTInfo: version, policy, messageImprint, serialNumber, genTime, then the optional accuracy
// (SEQUENCE), ordering (BOOLEAN) and nonce, the only INTEGER after genTime.
function tokenNonce(fields: { tag: { isInteger(): boolean }; toInteger(): bigint }[]) {
  return fields
    .slice(5)
    .find((f) => f.tag.isInteger())
    ?.toInteger();
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
            : "Check `tsa-url`: it must be the RFC 3161 endpoint itself, which takes `application/timestamp-query` (for sigstore's timestamp-authority, https://HOST/api/v1/timestamp); nothing was pushed to the registry",
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
