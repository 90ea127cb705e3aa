// What a Rekor v1 entry becomes in cosign's legacy format: the `dev.sigstore.cosign/bundle`
// annotation (cosign-format §3.3) and the numbers the report shows. The entry is the
// TransparencyLogEntry @sigstore/sign's RekorWitness returns.
// https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { SignImageError } from '../errors.js';

/** Where an entry sits in the log, as plain values for outputs and the summary. */
export interface LogSummary {
  /** Global log index (what `rekor-cli get --log-index` and search.sigstore.dev take). */
  logIndex: number;
  logIdHex: string;
  /** Unix seconds. */
  integratedTime: number;
}

/** The log index, log ID (hex) and integrated time of an entry. */
export function toLogSummary(e: TransparencyLogEntry): LogSummary {
  return {
    logIndex: Number(decimal(e.logIndex, 'logIndex')),
    logIdHex: logIdHex(e),
    integratedTime: Number(decimal(e.integratedTime, 'integratedTime')),
  };
}

/**
 * The `dev.sigstore.cosign/bundle` annotation text, byte-identical to Go json.Marshal of cosign's
 * bundle.RekorBundle: `{"SignedEntryTimestamp":…,"Payload":{"body","integratedTime","logIndex","logID"}}`.
 * The outer keys have no JSON tags in Go, hence the capitalised names. Throws without a SET:
 * `cosign verify` checks the bundle offline and needs one (Rekor v2 entries have none).
 */
export function buildCosignBundleAnnotation(e: TransparencyLogEntry): string {
  const set = e.inclusionPromise?.signedEntryTimestamp;
  if (!set || set.length === 0) {
    throw new SignImageError(
      'TLOG_ERROR',
      'the transparency log returned an entry without a signed entry timestamp',
      {
        hint: 'cosign needs the SET of a Rekor v1 log in the `.sig` bundle annotation; point `rekor-url` at a Rekor v1 API such as https://rekor.sigstore.dev',
      },
    );
  }
  if (e.canonicalizedBody.length === 0) {
    throw new SignImageError('TLOG_ERROR', 'the transparency log returned an entry without a body');
  }
  // Both numbers are copied as Rekor sent them (int64 in Go), so no float rounding can creep in.
  return (
    `{"SignedEntryTimestamp":"${Buffer.from(set).toString('base64')}",` +
    `"Payload":{"body":"${Buffer.from(e.canonicalizedBody).toString('base64')}",` +
    `"integratedTime":${decimal(e.integratedTime, 'integratedTime')},` +
    `"logIndex":${decimal(e.logIndex, 'logIndex')},` +
    `"logID":"${logIdHex(e)}"}}`
  );
}

/** The log ID as lower-case hex (sha256 of the log's public key), as cosign writes `logID`. */
export function logIdHex(e: TransparencyLogEntry): string {
  const keyId = e.logId?.keyId;
  if (!keyId || keyId.length === 0) {
    throw new SignImageError('TLOG_ERROR', 'the transparency log entry has no log ID');
  }
  return Buffer.from(keyId).toString('hex');
}

// protobuf int64 fields arrive as decimal strings; accept only canonical non-negative ones.
function decimal(value: string, name: string): string {
  const text = String(value);
  if (!/^(?:0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new SignImageError('TLOG_ERROR', `the transparency log entry has an invalid ${name}`);
  }
  return text;
}
