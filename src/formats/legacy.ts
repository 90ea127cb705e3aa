// The legacy format (`signature-format: legacy` or `both`, cosign 2's default): the cosign
// simple-signing payload, signed as a message, logged as a Rekor `hashedrekord`, stored as one
// layer of the `sha256-<hex>.sig` image beside the digest (storage/legacy/). In key mode without
// `force` or `tsa-url`, a re-run finds an equal signature by the same key already in the `.sig`
// and reports it instead of signing and logging again.
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import { createHash } from 'node:crypto';
import { buildSimpleSigningPayload } from '../payload/simple-signing.js';
import { repositoryName } from '../reference/parse.js';
import type { SignTarget } from '../reference/targets.js';
import type { SignatureResult } from '../report/result.js';
import { certificateIdentity, type CertificateIdentity } from '../signer/keyless/certificate.js';
import { builderPerSigning } from './builder-per-signing.js';
import { MessageSignatureV03BundleBuilder } from '../signer/bundle-builders.js';
import { findReusableSignature } from '../storage/legacy/existing.js';
import { buildRfc3161TimestampAnnotation, buildSignatureLayer } from '../storage/legacy/layer.js';
import { LegacyStore, type ExistingSignatures } from '../storage/legacy/legacy-store.js';
import { signatureTag } from '../storage/legacy/manifest.js';
import { buildCosignBundleAnnotation, toLogSummary, type LogSummary } from '../tlog/entry.js';
import { firstTimestamp } from '../tlog/tsa.js';
import { checkHashedRekordEntry, verifySignedEntryTimestamp } from '../tlog/verify-entry.js';
import type { CheckedTarget, FormatFactory, SignatureFormat } from './format.js';

/** A signature made and logged in the legacy format, not yet stored. */
export interface LegacySigned {
  target: SignTarget;
  /** The `.sig` image read in the check phase, the base of the merge. */
  existing?: ExistingSignatures;
  payload: Buffer;
  bundle: Bundle;
  signatureBase64: string;
  rekorBundle?: string;
  log?: LogSummary;
  /** Keyless: the leaf that certified this signature, the rest of its chain, and who it names. */
  certificate?: { pem: string; chainPem: string } & CertificateIdentity;
  /** True when an equal signature by the same key was already stored: nothing new to sign or log. */
  reused?: boolean;
}

/** The legacy `.sig` format for one run. */
export const legacyFormat: FormatFactory = (run) => {
  const stores = new Map<string, LegacyStore>();
  const storeFor = (target: SignTarget): LegacyStore => {
    const name = repositoryName(target.ref);
    let store = stores.get(name);
    if (!store) {
      store = new LegacyStore(run.clientFor(target), name, {
        limit: run.writeLimit,
        log: run.log,
      });
      stores.set(name, store);
    }
    return store;
  };
  // One builder per signer, as every signature of the run uses the same signer and witnesses.
  const builderFor = builderPerSigning(MessageSignatureV03BundleBuilder);
  const { config } = run;
  const format: SignatureFormat<ExistingSignatures | undefined, LegacySigned> = {
    name: 'legacy',
    find: (checked) => storeFor(checked.target).read(checked.target.digest),
    // The payload names the digest, not the signature: it and the config listing it go up now.
    stage: async (checked, existing) => {
      if (config.upload)
        await storeFor(checked.target).stage(
          payloadOf(checked.target, config.annotations),
          existing,
        );
    },
    sign: async (checked, existing, signing) =>
      signLegacy(checked, existing, builderFor(signing), {
        annotations: config.annotations,
        publicKeyPem: signing.prepared.publicKeyPem,
        rekorPublicKey: signing.rekorPublicKey,
        chainFor: signing.prepared.chainFor,
        // A stored layer carries no timestamp we could check, so with a TSA every run signs anew.
        reuse: signing.prepared.identity.mode === 'key' && !config.force && !config.tsaUrl,
      }),
    toVerify: (signed) => ({
      bundle: signed.bundle,
      artifact: signed.payload,
      reused: signed.reused,
      what: `${repositoryName(signed.target.ref)}@${signed.target.digest} (legacy)`,
    }),
    store: (signed) => storeLegacy(signed, config.upload, storeFor(signed.target)),
  };
  return format;
};

/** Signs the cosign payload of a target and, when a witness is configured, checks its Rekor entry. */
export async function signLegacy(
  checked: CheckedTarget,
  existing: ExistingSignatures | undefined,
  builder: MessageSignatureV03BundleBuilder,
  options: {
    annotations?: Record<string, string>;
    publicKeyPem: string;
    rekorPublicKey?: string;
    chainFor?: (leafPem: string) => string;
    /** Key mode without `force`: skip signing when the `.sig` already holds this signature. */
    reuse?: boolean;
  },
): Promise<LegacySigned> {
  const { target } = checked;
  const payload = payloadOf(target, options.annotations);
  const { publicKeyPem, rekorPublicKey } = options;
  const found =
    options.reuse &&
    existing &&
    findReusableSignature(existing.manifest.bytes, { payload, publicKeyPem, rekorPublicKey });
  if (found) return { target, existing, payload, ...found, reused: true };
  const bundle = await builder.create({ data: payload });
  const signatureBase64 = bundle.content.messageSignature.signature.toString('base64');
  // Keyless: the leaf can be renewed during a long run, so each signature names its own.
  const material = bundle.verificationMaterial.content;
  const leafPem =
    material.$case === 'certificate'
      ? pem.fromDER(Buffer.from(material.certificate.rawBytes))
      : undefined;
  const certificate = leafPem
    ? { pem: leafPem, chainPem: options.chainFor?.(leafPem) ?? '', ...certificateIdentity(leafPem) }
    : undefined;
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry || !options.rekorPublicKey)
    return { target, existing, payload, bundle, signatureBase64, certificate };
  // cosign verify re-checks all of this; a log that returned something else must not reach the registry.
  checkHashedRekordEntry(entry, {
    payloadSha256Hex: createHash('sha256').update(payload).digest('hex'),
    signatureBase64,
    publicKeyPem: leafPem ?? options.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, options.rekorPublicKey);
  return {
    target,
    existing,
    payload,
    bundle,
    signatureBase64,
    certificate,
    rekorBundle: buildCosignBundleAnnotation(entry),
    log: toLogSummary(entry),
  };
}

/** The cosign simple-signing payload of a target: what is signed, logged and stored. */
function payloadOf(target: SignTarget, annotations?: Record<string, string>): Buffer {
  return buildSimpleSigningPayload(repositoryName(target.ref), target.digest, annotations);
}

/** Stores the signature as a `.sig` layer (unless `upload` is false) and returns its record. */
export async function storeLegacy(
  signed: LegacySigned,
  upload: boolean,
  store: LegacyStore,
): Promise<SignatureResult> {
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
    ({ signatureRef, added } = await store.write(
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
