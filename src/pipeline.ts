// One target's path through the stages: check it exists → sign and log → store. Each step takes
// its collaborators as arguments; only main.ts wires real ones.
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import type { BundleBuilder } from '@sigstore/sign';
import { createHash } from 'node:crypto';
import { SignImageError } from './errors.js';
import { buildSimpleSigningPayload } from './payload/simple-signing.js';
import { repositoryName } from './reference/parse.js';
import type { SignTarget } from './reference/targets.js';
import type { RegistryClient } from './registry/client.js';
import type { SignatureResult } from './report/result.js';
import { buildSignatureLayer } from './storage/legacy/layer.js';
import type { ExistingSignatures, LegacyStore } from './storage/legacy/legacy-store.js';
import { buildCosignBundleAnnotation, toLogSummary } from './tlog/entry.js';
import { checkHashedRekordEntry, verifySignedEntryTimestamp } from './tlog/verify-entry.js';

/** A target whose digest the registry has, with its current `.sig` (if any). */
export interface CheckedTarget {
  target: SignTarget;
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
}

/** Confirms the registry has the digest and reads the `.sig` beside it; writes nothing. */
export async function checkTarget(target: SignTarget, client: RegistryClient, store: LegacyStore): Promise<CheckedTarget> {
  const [manifest, existing] = await Promise.all([client.headManifest(target.digest), store.read(target.digest)]);
  if (!manifest) {
    throw new SignImageError('DIGEST_NOT_FOUND', `${repositoryName(target.ref)}@${target.digest} is not in the registry`, {
      hint: 'Sign the digest the build step pushed (docker/build-push-action `digest` output, with `push: true`), after the push, in the repository it was pushed to',
    });
  }
  return { target, store, existing };
}

/** Signs the cosign payload of a target and, when a witness is configured, checks its Rekor entry. */
export async function signTarget(
  checked: CheckedTarget,
  builder: BundleBuilder,
  options: { annotations?: Record<string, string>; publicKeyPem: string; rekorPublicKey?: string },
): Promise<SignedTarget> {
  const payload = buildSimpleSigningPayload(repositoryName(checked.target.ref), checked.target.digest, options.annotations);
  const bundle = await builder.create({ data: payload });
  if (bundle.content.$case !== 'messageSignature') throw new SignImageError('INTERNAL', 'expected a message signature bundle');
  const signatureBase64 = bundle.content.messageSignature.signature.toString('base64');
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry || !options.rekorPublicKey) return { ...checked, payload, bundle, signatureBase64 };
  // cosign verify re-checks all of this; a log that returned something else must not reach the registry.
  checkHashedRekordEntry(entry, {
    payloadSha256Hex: createHash('sha256').update(payload).digest('hex'),
    signatureBase64,
    publicKeyPem: options.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, options.rekorPublicKey);
  return { ...checked, payload, bundle, signatureBase64, rekorBundle: buildCosignBundleAnnotation(entry), log: toLogSummary(entry) };
}

/** Stores the signature as a `.sig` layer (unless `upload` is false) and returns its record. */
export async function storeTarget(signed: SignedTarget, upload: boolean): Promise<SignatureResult> {
  const { target } = signed;
  let signatureRef = '';
  let added = true;
  if (upload) {
    const layer = buildSignatureLayer({ payload: signed.payload, signatureBase64: signed.signatureBase64, rekorBundle: signed.rekorBundle });
    ({ signatureRef, added } = await signed.store.write(target.digest, layer, signed.payload, signed.existing));
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
    bundle: bundleToJSON(signed.bundle),
  };
}
