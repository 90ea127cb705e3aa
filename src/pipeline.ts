// One target's path through the stages: check it exists → sign and log → store. Each step takes
// its collaborators as arguments; only main.ts wires real ones.
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import type { BundleBuilder } from '@sigstore/sign';
import { createHash } from 'node:crypto';
import { SignImageError } from './errors.js';
import { buildSimpleSigningPayload } from './payload/simple-signing.js';
import {
  certificateIdentity,
  toPem,
  type CertificateIdentity,
} from './signer/keyless/certificate.js';
import { repositoryName } from './reference/parse.js';
import type { SignTarget } from './reference/targets.js';
import type { Descriptor, RegistryClient } from './registry/client.js';
import type { SignatureResult } from './report/result.js';
import { findReusableSignature } from './storage/legacy/existing.js';
import { buildRfc3161TimestampAnnotation, buildSignatureLayer } from './storage/legacy/layer.js';
import type { ExistingSignatures, LegacyStore } from './storage/legacy/legacy-store.js';
import { buildCosignBundleAnnotation, toLogSummary } from './tlog/entry.js';
import { checkHashedRekordEntry, verifySignedEntryTimestamp } from './tlog/verify-entry.js';
import { firstTimestamp } from './tlog/tsa.js';
import { retryWhileUndefined } from './util/retry.js';
import { signatureTag } from './storage/legacy/manifest.js';

// A digest just pushed can be unknown to a registry's read path for a few seconds (replicas,
// caches): ask again for about 5 s before calling it missing.
const LAG_DELAYS_MS = [250, 500, 1000, 1500, 2000];

/** A target whose digest the registry has, with its current `.sig` (if any). */
export interface CheckedTarget {
  target: SignTarget;
  /** What the registry says the digest is (media type and size), e.g. to find indexes. */
  descriptor: Descriptor;
  store: LegacyStore;
  existing?: ExistingSignatures;
}

/** A signature made and logged, not yet stored. */
export interface SignedTarget extends CheckedTarget {
  payload: Buffer;
  bundle: Bundle;
  signatureBase64: string;
  rekorBundle?: string;
  log?: { logIndex: number; logIdHex: string; integratedTime: number };
  /** Keyless: the leaf that certified this signature, the rest of its chain, and who it names. */
  certificate?: { pem: string; chainPem: string } & CertificateIdentity;
  /** True when an equal signature by the same key was already stored: nothing new to sign or log. */
  reused?: boolean;
}

/** Confirms the registry has the digest and reads the `.sig` beside it; writes nothing. */
export async function checkTarget(
  target: SignTarget,
  client: RegistryClient,
  store: LegacyStore,
  options: { lagDelaysMs?: readonly number[] } = {},
): Promise<CheckedTarget> {
  const manifest = await retryWhileUndefined(
    () => client.headManifest(target.digest),
    options.lagDelaysMs ?? LAG_DELAYS_MS,
  );
  // After the HEAD, not beside it: the client then has its credentials and skips a second 401.
  const existing = manifest && (await store.read(target.digest));
  if (!manifest) {
    throw new SignImageError(
      'DIGEST_NOT_FOUND',
      `${repositoryName(target.ref)}@${target.digest} is not in the registry`,
      {
        hint: 'Sign the digest the build step pushed (docker/build-push-action `digest` output, with `push: true`), after the push, in the repository it was pushed to',
      },
    );
  }
  return { target, descriptor: manifest, store, existing };
}

/** The exact bytes of the index a checked target names (the client checks them against the digest). */
export async function readIndex(checked: CheckedTarget, client: RegistryClient): Promise<Buffer> {
  const found = await client.getManifest(checked.target.digest);
  if (!found)
    throw new SignImageError(
      'DIGEST_NOT_FOUND',
      `${repositoryName(checked.target.ref)}@${checked.target.digest} is no longer in the registry`,
    );
  return found.bytes;
}

/** Signs the cosign payload of a target and, when a witness is configured, checks its Rekor entry. */
export async function signTarget(
  checked: CheckedTarget,
  builder: BundleBuilder,
  options: {
    annotations?: Record<string, string>;
    publicKeyPem: string;
    rekorPublicKey?: string;
    chainFor?: (leafPem: string) => string;
    /** Key mode without `force`: skip signing when the `.sig` already holds this signature. */
    reuse?: boolean;
  },
): Promise<SignedTarget> {
  const payload = buildSimpleSigningPayload(
    repositoryName(checked.target.ref),
    checked.target.digest,
    options.annotations,
  );
  const { publicKeyPem, rekorPublicKey } = options;
  const found =
    options.reuse &&
    checked.existing &&
    findReusableSignature(checked.existing.manifest.bytes, {
      payload,
      publicKeyPem,
      rekorPublicKey,
    });
  if (found) return { ...checked, payload, ...found, reused: true };
  const bundle = await builder.create({ data: payload });
  if (bundle.content.$case !== 'messageSignature')
    throw new SignImageError('INTERNAL', 'expected a message signature bundle');
  const signatureBase64 = bundle.content.messageSignature.signature.toString('base64');
  // Keyless: the leaf can be renewed during a long run, so each signature names its own.
  const material = bundle.verificationMaterial.content;
  const leafPem =
    material.$case === 'certificate'
      ? toPem(Buffer.from(material.certificate.rawBytes))
      : undefined;
  const certificate = leafPem
    ? { pem: leafPem, chainPem: options.chainFor?.(leafPem) ?? '', ...certificateIdentity(leafPem) }
    : undefined;
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry || !options.rekorPublicKey)
    return { ...checked, payload, bundle, signatureBase64, certificate };
  // cosign verify re-checks all of this; a log that returned something else must not reach the registry.
  checkHashedRekordEntry(entry, {
    payloadSha256Hex: createHash('sha256').update(payload).digest('hex'),
    signatureBase64,
    publicKeyPem: leafPem ?? options.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, options.rekorPublicKey);
  return {
    ...checked,
    payload,
    bundle,
    signatureBase64,
    certificate,
    rekorBundle: buildCosignBundleAnnotation(entry),
    log: toLogSummary(entry),
  };
}

/** Stores the signature as a `.sig` layer (unless `upload` is false) and returns its record. */
export async function storeTarget(signed: SignedTarget, upload: boolean): Promise<SignatureResult> {
  const { target } = signed;
  let signatureRef = '';
  let added = true;
  if (signed.reused) {
    // Already stored, already logged: report it as it is and write nothing.
    [signatureRef, added] = [
      upload ? `${repositoryName(target.ref)}:${signatureTag(target.digest)}` : '',
      false,
    ];
  } else if (upload) {
    const timestamp = firstTimestamp(signed.bundle);
    const layer = buildSignatureLayer({
      payload: signed.payload,
      signatureBase64: signed.signatureBase64,
      rekorBundle: signed.rekorBundle,
      certificatePem: signed.certificate?.pem,
      chainPem: signed.certificate?.chainPem,
      // `tsa-url`: the token the TSA witness checked covers this signature.
      rfc3161Timestamp: timestamp && buildRfc3161TimestampAnnotation(timestamp),
    });
    ({ signatureRef, added } = await signed.store.write(
      target.digest,
      layer,
      signed.payload,
      signed.existing,
    ));
  }
  return {
    image: repositoryName(target.ref),
    digest: target.digest,
    tags: target.tags,
    format: 'legacy',
    signatureRef,
    added,
    rekorLogIndex: signed.log?.logIndex,
    rekorLogId: signed.log?.logIdHex,
    integratedTime: signed.log?.integratedTime,
    identity: signed.certificate?.identity,
    issuer: signed.certificate?.issuer,
    bundle: bundleToJSON(signed.bundle),
  };
}
