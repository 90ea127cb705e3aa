// Idempotent re-runs (key mode). The payload is deterministic (repository, digest, annotations),
// so a layer whose blob digest equals our payload's carries the same bytes; if its signature
// verifies with our public key, and (with the tlog on) its Rekor bundle annotation is an entry
// of this log for exactly that signature, signing again would only add a duplicate layer and a
// duplicate Rekor entry. cosign's own dupe detector never fires in practice (every Rekor upload
// makes a new annotation, cosign-format §3.4), which is how re-runs pile up duplicates.
import {
  BUNDLE_V01_MEDIA_TYPE,
  toMessageSignatureBundle,
  type Bundle,
  type TransparencyLogEntry,
} from '@sigstore/bundle';
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { COSIGN_SIMPLE_SIGNING } from '../../registry/media-types.js';
import { toLogSummary, type LogSummary } from '../../tlog/entry.js';
import { checkHashedRekordEntry, verifySignedEntryTimestamp } from '../../tlog/verify-entry.js';
import { BUNDLE_ANNOTATION, CERTIFICATE_ANNOTATION, SIGNATURE_ANNOTATION } from './layer.js';
import { parseSignatureManifest } from './manifest.js';

/** A stored signature that already says what we were about to sign. */
export interface ReusableSignature {
  signatureBase64: string;
  /** The layer's `dev.sigstore.cosign/bundle` text, verified; absent when the tlog is off. */
  rekorBundle?: string;
  log?: LogSummary;
  /** Rebuilt from the layer: a v0.1 bundle, since a `.sig` keeps the SET but no inclusion proof. */
  bundle: Bundle;
}

/** What a reusable layer must match. */
export interface ReuseCriteria {
  payload: Buffer;
  publicKeyPem: string;
  /** With the tlog on: the log's key; the layer must carry an entry whose SET verifies with it. */
  rekorPublicKey?: string;
}

/** The first layer of the `.sig` manifest `manifestBytes` that meets `c`, or undefined. */
export function findReusableSignature(
  manifestBytes: Buffer,
  c: ReuseCriteria,
): ReusableSignature | undefined {
  const payloadHash = createHash('sha256').update(c.payload).digest();
  const key = createPublicKey(c.publicKeyPem);
  for (const layer of parseSignatureManifest(manifestBytes).layers) {
    const notes = layer.annotations ?? {};
    const signatureBase64 = notes[SIGNATURE_ANNOTATION];
    if (
      layer.mediaType !== COSIGN_SIMPLE_SIGNING ||
      layer.digest !== `sha256:${payloadHash.toString('hex')}`
    )
      continue;
    // A certificate means a keyless signature: another identity than our key, even if the key matched.
    if (!signatureBase64 || notes[CERTIFICATE_ANNOTATION] !== undefined) continue;
    const signature = Buffer.from(signatureBase64, 'base64');
    if (!verifies(c.payload, key, signature)) continue;
    const hint = createHash('sha256')
      .update(key.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    const bundle: Bundle = toMessageSignatureBundle({
      digest: payloadHash,
      signature,
      keyHint: hint,
    });
    if (c.rekorPublicKey === undefined) return { signatureBase64, bundle };
    const rekorBundle = notes[BUNDLE_ANNOTATION];
    const entry = rekorBundle === undefined ? undefined : entryFromBundleAnnotation(rekorBundle);
    if (!entry || !loggedHere(entry, c, signatureBase64, payloadHash)) continue;
    bundle.mediaType = BUNDLE_V01_MEDIA_TYPE;
    bundle.verificationMaterial.tlogEntries = [entry];
    return { signatureBase64, rekorBundle, log: toLogSummary(entry), bundle };
  }
  return undefined;
}

/** The Rekor entry in cosign's bundle annotation `{"SignedEntryTimestamp","Payload":{…}}`; undefined if malformed. */
export function entryFromBundleAnnotation(text: string): TransparencyLogEntry | undefined {
  try {
    const { SignedEntryTimestamp: set, Payload: p } = JSON.parse(text) as {
      SignedEntryTimestamp?: unknown;
      Payload?: { body?: unknown; integratedTime?: unknown; logIndex?: unknown; logID?: unknown };
    };
    if (typeof set !== 'string' || typeof p?.body !== 'string' || typeof p.logID !== 'string')
      return undefined;
    if (
      !Number.isSafeInteger(p.integratedTime) ||
      !Number.isSafeInteger(p.logIndex) ||
      !/^[0-9a-f]{64}$/.test(p.logID)
    )
      return undefined;
    const canonicalizedBody = Buffer.from(p.body, 'base64');
    const body = JSON.parse(canonicalizedBody.toString('utf8')) as {
      kind?: unknown;
      apiVersion?: unknown;
    };
    if (typeof body.kind !== 'string' || typeof body.apiVersion !== 'string') return undefined;
    return {
      logIndex: String(p.logIndex),
      logId: { keyId: Buffer.from(p.logID, 'hex') },
      kindVersion: { kind: body.kind, version: body.apiVersion },
      integratedTime: String(p.integratedTime),
      inclusionPromise: { signedEntryTimestamp: Buffer.from(set, 'base64') },
      inclusionProof: undefined,
      canonicalizedBody,
    };
  } catch {
    return undefined;
  }
}

// The same checks a fresh entry gets before it may reach the registry (pipeline signTarget).
function loggedHere(
  e: TransparencyLogEntry,
  c: ReuseCriteria,
  signatureBase64: string,
  payloadHash: Buffer,
): boolean {
  try {
    checkHashedRekordEntry(e, {
      payloadSha256Hex: payloadHash.toString('hex'),
      signatureBase64,
      publicKeyPem: c.publicKeyPem,
    });
    verifySignedEntryTimestamp(e, c.rekorPublicKey!);
    return true;
  } catch {
    return false;
  }
}

// cosign's default per key (sigstore algorithm registry): ECDSA hashes follow the curve, RSA uses
// SHA-256. Other key types never sign here (signer/key/algorithm.ts), so they never match.
const CURVE_HASH: Record<string, string> = {
  prime256v1: 'sha256',
  secp384r1: 'sha384',
  secp521r1: 'sha512',
};

function verifies(payload: Buffer, key: KeyObject, signature: Buffer): boolean {
  const details = key.asymmetricKeyDetails ?? {};
  const hash = key.asymmetricKeyType === 'rsa' ? 'sha256' : CURVE_HASH[details.namedCurve ?? ''];
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') return false;
  try {
    return hash !== undefined && verify(hash, payload, key, signature);
  } catch {
    return false;
  }
}
