// Every signature is checked against the trusted root before anything reaches the registry,
// with @sigstore/verify (the sigstore-js maintainers' verifier, what cosign's and sigstore-go's
// checks are ported from): the Rekor entry's SET and inclusion proof by a log the root names
// (found by log ID, valid at the entry's time), the Fulcio chain to a CA the root names (valid
// at every verified time), the SCT by a CT log the root names, each RFC 3161 token chained to a
// TSA the root names, and the signature itself. Keyless, the certificate must also name the
// identity the job's token asked for. A bundle that fails would be refused by every verifier
// that trusts the same root; storing it would only publish a signature nobody can verify.
import type { Bundle } from '@sigstore/bundle';
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import { PublicKeyDetails } from '@sigstore/protobuf-specs';
import {
  PolicyError,
  toSignedEntity,
  VerificationError,
  Verifier,
  type SignedEntity,
  type TrustMaterial,
} from '@sigstore/verify';
import { createHash, createPublicKey } from 'node:crypto';
import { errorText, SignImageError, type ErrorCode } from '../errors.js';
import type { Trust } from './trusted-root.js';

/** Who must have signed, and what the bundle must carry. */
export interface BundleExpectations {
  /** Key mode: the signer's public key PEM (trusted for this check only). */
  publicKeyPem?: string;
  /** Keyless: the SAN and OIDC issuer the certificate must name. */
  identity?: { subject: string; issuer: string };
  /** A message-signature bundle signs an artifact that is not inside it (the cosign payload). */
  artifact?: Buffer;
  /** A Rekor entry is required (`tlog-upload`). */
  tlog: boolean;
  /** An RFC 3161 token is required (`tsa-url`). */
  tsa: boolean;
}

/** Throws TLOG_UNTRUSTED, CERTIFICATE_UNTRUSTED, TSA_UNTRUSTED or TLOG_ENTRY_MISMATCH. */
export function verifyBundle(
  bundle: Bundle,
  trust: Trust,
  expect: BundleExpectations,
  what = 'the signature',
): void {
  const timestamps = (expect.tlog ? 1 : 0) + (expect.tsa ? 1 : 0);
  const keyless = bundle.verificationMaterial.content.$case !== 'publicKey';
  // A certificate is only checked at a verified time; without a log entry or token there is
  // none, and the chain was checked at issue (checkCertificate) instead.
  if (keyless && timestamps === 0) return;
  const verifier = new Verifier(materialFor(trust, expect.publicKeyPem), {
    tlogThreshold: expect.tlog ? 1 : 0,
    ctlogThreshold: keyless ? 1 : 0,
    timestampThreshold: timestamps,
  });
  try {
    verifier.verify(
      toSignedEntity(bundle, expect.artifact),
      expect.identity
        ? {
            subjectAlternativeName: expect.identity.subject,
            extensions: { issuer: expect.identity.issuer },
          }
        : undefined,
    );
  } catch (err) {
    throw untrusted(err, trust, what, bundle);
  }
}

/**
 * Checks a Fulcio leaf before anything is signed with it: it chains to a CA of the trusted root
 * that was valid when the leaf was issued, carries an SCT by a trusted CT log, and names
 * `identity`. @sigstore/verify checks a chain only at a verified time; before any signature
 * exists that time is the leaf's own notBefore (the bundle check later repeats all of it at the
 * Rekor and TSA times). The entity below holds the leaf and that time only, no signature.
 */
export function checkCertificate(
  leafPem: string,
  trust: Trust,
  identity?: { subject: string; issuer: string },
): void {
  let leaf: X509Certificate;
  try {
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(
      leafPem,
    )?.[1];
    leaf = X509Certificate.parse(Buffer.from((body ?? '').replace(/\s+/g, ''), 'base64'));
  } catch (cause) {
    throw new SignImageError(
      'CERTIFICATE_INVALID',
      'the certificate Fulcio returned cannot be parsed',
      {
        cause,
      },
    );
  }
  const entity: SignedEntity = {
    signature: {
      signature: Buffer.alloc(0),
      compareSignature: () => false,
      compareDigest: () => false,
      compareSignedDigest: () => false,
      verifySignature: () => true, // no signature yet: only the chain, SCT and identity are checked
    },
    key: { $case: 'certificate', certificate: leaf },
    tlogEntries: [],
    timestamps: [{ $case: 'transparency-log', tlogEntry: timeEntry(leaf.notBefore) }],
  };
  const verifier = new Verifier(trust.material(), {
    tlogThreshold: 0,
    ctlogThreshold: 1,
    timestampThreshold: 1,
  });
  try {
    verifier.verify(
      entity,
      identity
        ? { subjectAlternativeName: identity.subject, extensions: { issuer: identity.issuer } }
        : undefined,
    );
  } catch (err) {
    throw untrusted(err, trust, 'the certificate Fulcio returned');
  }
}

// The trust material of a root (its keys and certificates parsed) and signer key, built once
// per run and reused for every bundle of it.
const materials = new WeakMap<Trust, Map<string, TrustMaterial>>();
function materialFor(trust: Trust, publicKeyPem: string | undefined): TrustMaterial {
  let byKey = materials.get(trust);
  if (!byKey) materials.set(trust, (byKey = new Map()));
  let material = byKey.get(publicKeyPem ?? '');
  if (!material) {
    material = withKeyCache(trust.material(publicKeyPem ? keyTrust(publicKeyPem).keys : undefined));
    byKey.set(publicKeyPem ?? '', material);
  }
  return material;
}

/**
 * `material` with each hinted key parsed once: @sigstore/verify's key locator runs
 * createPublicKey on every verify, and a run checks many signatures by the same key.
 */
export function withKeyCache(material: TrustMaterial): TrustMaterial {
  const found = new Map<string, ReturnType<TrustMaterial['publicKey']>>();
  return {
    ...material,
    publicKey: (hint) => {
      const known = found.get(hint) ?? material.publicKey(hint);
      found.set(hint, known);
      return known;
    },
  };
}

/**
 * Key mode: the signer's own key for @sigstore/verify's trust material, under the hint a
 * bundle names it by (KeySigner's: base64 sha256 of the SPKI).
 */
export function keyTrust(pem: string): {
  hint: string;
  keys: Record<string, { rawBytes: Buffer; keyDetails: PublicKeyDetails }>;
} {
  const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  const hint = createHash('sha256').update(spki).digest('base64');
  return {
    hint,
    keys: { [hint]: { rawBytes: spki, keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256 } },
  };
}

/**
 * A log entry that says nothing but a time: @sigstore/verify checks a certificate only at the
 * times of an entity's timestamps, so this is how a chain is checked at a time of our choosing
 * (a leaf's issue time before anything is signed; "now" when a signature has no timestamp).
 */
export function timeEntry(at: Date): TransparencyLogEntry {
  return {
    logIndex: '0',
    logId: { keyId: Buffer.alloc(0) },
    kindVersion: { kind: 'none', version: 'none' },
    integratedTime: String(Math.floor(at.getTime() / 1000)),
    inclusionPromise: { signedEntryTimestamp: Buffer.alloc(0) },
    inclusionProof: undefined,
    canonicalizedBody: Buffer.alloc(0),
  };
}

function untrusted(err: unknown, trust: Trust, what: string, bundle?: Bundle): SignImageError {
  const code = (err as { code?: unknown })?.code;
  const detail = errorText(err);
  const hasTsa = Boolean(
    bundle?.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length,
  );
  let ours: ErrorCode = 'INTERNAL';
  let why = '';
  if (err instanceof PolicyError || code === 'CERTIFICATE_ERROR' || code === 'PUBLIC_KEY_ERROR') {
    ours = 'CERTIFICATE_UNTRUSTED';
    why =
      'its certificate does not chain to a Fulcio CA (with an SCT by a CT log) of the trusted root, or names another identity';
  } else if (code === 'TLOG_BODY_ERROR') {
    ours = 'TLOG_ENTRY_MISMATCH';
    why = 'the Rekor entry is not the signature that was sent';
  } else if (code === 'TIMESTAMP_ERROR' && hasTsa) {
    ours = 'TSA_UNTRUSTED';
    why = 'its RFC 3161 timestamp is not signed by a timestamp authority of the trusted root';
  } else if (typeof code === 'string' && (code.startsWith('TLOG') || code === 'TIMESTAMP_ERROR')) {
    ours = 'TLOG_UNTRUSTED';
    why =
      'its Rekor entry is not signed by a transparency log of the trusted root (matched by log ID)';
  }
  if (!(err instanceof VerificationError) && !(err instanceof PolicyError) && ours === 'INTERNAL') {
    return new SignImageError('INTERNAL', `${what} could not be checked against ${trust.source}`, {
      cause: err,
    });
  }
  return new SignImageError(
    ours,
    `${what} is not trusted: ${why || 'it does not verify'} (${trust.source}: ${detail})`,
    {
      cause: err,
      hint:
        ours === 'TLOG_ENTRY_MISMATCH'
          ? 'The log did not record what was sent; nothing was written to the registry. Check `rekor-url` and re-run'
          : 'Point `rekor-url`/`fulcio-url`/`tsa-url` at the services `trusted-root` names, or pass the trusted_root.json of the instance you use (`cosign trusted-root create`); nothing was written to the registry',
    },
  );
}
