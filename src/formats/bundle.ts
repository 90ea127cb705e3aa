// The bundle format (`signature-format: bundle` or `both`, cosign v3's default): an in-toto
// statement → DSSE signature, Rekor `dsse` entry (and RFC 3161 timestamp) → the entry checked
// against what was sent → the Sigstore bundle attached as an OCI 1.1 referrer
// (storage/bundle/). It reads nothing before signing: in particular never the `.sig` tag.
import { bundleToJSON, type BundleWithDsseEnvelope } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import { SignImageError } from '../errors.js';
import {
  buildStatement,
  COSIGN_SIGN_PREDICATE_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
} from '../payload/statement.js';
import { repositoryName } from '../reference/parse.js';
import type { SignatureResult } from '../report/result.js';
import { builderPerSigning } from './builder-per-signing.js';
import { DSSEV03BundleBuilder } from '../signer/bundle-builders.js';
import { certificateIdentity, type CertificateIdentity } from '../signer/keyless/certificate.js';
import { BundleStore } from '../storage/bundle/bundle-store.js';
import { toLogSummary, type LogSummary } from '../tlog/entry.js';
import { submittedEnvelope } from '../tlog/proposed-entry.js';
import { checkDsseEntry } from '../tlog/verify-dsse.js';
import { verifySignedEntryTimestamp } from '../tlog/verify-entry.js';
import type { CheckedTarget, FormatFactory, SignatureFormat } from './format.js';

/** A target signed and logged in the bundle format, not yet stored. */
export interface BundleSigned {
  checked: CheckedTarget;
  bundle: BundleWithDsseEnvelope;
  log?: LogSummary;
  /** Keyless: who the leaf that certified this signature names. */
  identity?: CertificateIdentity;
}

/** The bundle referrer format for one run. */
export const bundleFormat: FormatFactory = (run) => {
  const stores = new Map<string, BundleStore>();
  const storeFor = (checked: CheckedTarget): BundleStore => {
    const name = repositoryName(checked.target.ref);
    let store = stores.get(name);
    if (!store) {
      store = new BundleStore(run.clientFor(checked.target), name, {
        limit: run.writeLimit,
        now: run.now,
      });
      stores.set(name, store);
    }
    return store;
  };
  const builderFor = builderPerSigning(DSSEV03BundleBuilder);
  const format: SignatureFormat<undefined, BundleSigned> = {
    name: 'bundle',
    sign: async (checked, _found, signing) =>
      signBundle(checked, builderFor(signing), {
        annotations: run.config.annotations,
        rekorPublicKey: signing.rekorPublicKey,
        publicKeyPem: signing.prepared.publicKeyPem,
      }),
    toVerify: (signed) => ({
      bundle: signed.bundle,
      what: `${repositoryName(signed.checked.target.ref)}@${signed.checked.target.digest} (bundle)`,
    }),
    store: (signed) => storeBundle(signed, run.config.upload, storeFor(signed.checked)),
  };
  return format;
};

/** Signs one target's in-toto statement as cosign v3 does and checks its Rekor entry and SET. */
export async function signBundle(
  checked: CheckedTarget,
  builder: DSSEV03BundleBuilder,
  how: { annotations?: Record<string, string>; rekorPublicKey?: string; publicKeyPem: string },
): Promise<BundleSigned> {
  const statement = buildStatement(checked.target.digest, how.annotations);
  const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
  // Keyless: the leaf can be renewed during a long run, so each bundle names its own.
  const material = bundle.verificationMaterial.content;
  const leafPem =
    material.$case === 'certificate'
      ? pem.fromDER(Buffer.from(material.certificate.rawBytes))
      : undefined;
  const identity = leafPem ? certificateIdentity(leafPem) : undefined;
  if (!how.rekorPublicKey) return { checked, bundle, identity };
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry)
    throw new SignImageError('TLOG_ERROR', 'the transparency log returned no entry for the bundle');
  // sigstore-go (cosign v3) re-checks all of this from the bundle; a wrong entry must not be stored.
  checkDsseEntry(entry, {
    envelope: bundle.content.dsseEnvelope,
    submittedEnvelope: submittedEnvelope(bundle.content.dsseEnvelope),
    publicKeyPem: leafPem ?? how.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, how.rekorPublicKey);
  return { checked, bundle, identity, log: toLogSummary(entry) };
}

/** Attaches one bundle to its digest (unless `upload` is false) and returns its record. */
export async function storeBundle(
  { checked, bundle, log, identity }: BundleSigned,
  upload: boolean,
  store: BundleStore,
): Promise<SignatureResult> {
  const { target, descriptor } = checked;
  const json = bundleToJSON(bundle);
  let signatureRef = '';
  if (upload) {
    const bytes = Buffer.from(JSON.stringify(json), 'utf8');
    const meta = {
      content: 'dsse-envelope' as const,
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
    };
    ({ signatureRef } = await store.write(descriptor, bytes, meta));
  }
  return {
    image: repositoryName(target.ref),
    digest: target.digest,
    tags: target.tags,
    format: 'bundle',
    signatureRef,
    added: true,
    rekorLogIndex: log?.logIndex,
    rekorLogId: log?.logIdHex,
    integratedTime: log?.integratedTime,
    identity: identity?.identity,
    issuer: identity?.issuer,
    bundle: json,
  };
}
