// The bundle format's path for checked targets (cosign v3's default, `signature-format: bundle`
// or `both`): in-toto statement → DSSE signature, Rekor `dsse` entry (and RFC 3161 timestamp)
// → the entry checked against what was sent → the bundle attached as an OCI 1.1 referrer. As in
// pipeline.ts, signing never writes; main.ts stores only after every signature is logged.
import { bundleToJSON, type BundleWithDsseEnvelope } from '@sigstore/bundle';
import type { Witness } from '@sigstore/sign';
import { SignImageError } from './errors.js';
import type { PreparedSigner } from './main.js';
import {
  buildStatement,
  COSIGN_SIGN_PREDICATE_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
} from './payload/statement.js';
import type { CheckedTarget } from './pipeline.js';
import { repositoryName } from './reference/parse.js';
import type { SignTarget } from './reference/targets.js';
import type { RegistryClient } from './registry/client.js';
import type { SignatureResult } from './report/result.js';
import { DSSEV03BundleBuilder } from './signer/dsse-bundle.js';
import {
  certificateIdentity,
  toPem,
  type CertificateIdentity,
} from './signer/keyless/certificate.js';
import { BundleStore } from './storage/bundle/bundle-store.js';
import { toLogSummary, type LogSummary } from './tlog/entry.js';
import { submittedEnvelope } from './tlog/proposed-entry.js';
import { checkDsseEntry } from './tlog/verify-dsse.js';
import { verifySignedEntryTimestamp } from './tlog/verify-entry.js';
import type { Limiter } from './util/limit.js';
import { settleEach, type Settled } from './unsigned.js';

/** A target signed and logged in the bundle format, not yet stored. */
export interface BundledTarget {
  checked: CheckedTarget;
  bundle: BundleWithDsseEnvelope;
  log?: LogSummary;
  /** Keyless: who the leaf that certified this signature names. */
  identity?: CertificateIdentity;
}

/** How the bundle half of a run signs. */
export interface BundleSigning {
  prepared: PreparedSigner;
  witnesses: Witness[];
  annotations?: Record<string, string>;
  /** Set when a Rekor entry is expected (tlog-upload): every entry is checked against it. */
  rekorPublicKey?: string;
  parallel: number;
}

/** Signs every checked target's statement; a target whose signing or entry fails is returned as failed. */
export function signBundles(
  checked: readonly CheckedTarget[],
  how: BundleSigning,
): Promise<Settled<CheckedTarget, BundledTarget>> {
  const builder = new DSSEV03BundleBuilder({
    signer: how.prepared.signer,
    witnesses: how.witnesses,
  });
  return settleEach(checked, how.parallel, (c) => signBundleTarget(c, builder, how));
}

/** Signs one target's in-toto statement as cosign v3 does and checks its Rekor entry and SET. */
export async function signBundleTarget(
  checked: CheckedTarget,
  builder: DSSEV03BundleBuilder,
  how: Pick<BundleSigning, 'annotations' | 'rekorPublicKey' | 'prepared'>,
): Promise<BundledTarget> {
  const statement = buildStatement(checked.target.digest, how.annotations);
  const bundle = (await builder.create({
    data: statement,
    type: IN_TOTO_PAYLOAD_TYPE,
  })) as BundleWithDsseEnvelope;
  if (bundle.content.$case !== 'dsseEnvelope')
    throw new SignImageError('INTERNAL', 'expected a DSSE bundle');
  // Keyless: the leaf can be renewed during a long run, so each bundle names its own.
  const material = bundle.verificationMaterial.content;
  const leafPem =
    material.$case === 'certificate'
      ? toPem(Buffer.from(material.certificate.rawBytes))
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
    publicKeyPem: leafPem ?? how.prepared.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, how.rekorPublicKey);
  return { checked, bundle, identity, log: toLogSummary(entry) };
}

/** One BundleStore per registry client, all bounded by the run's shared write limit. */
export function bundleStores(
  limit: Limiter,
): (client: RegistryClient, target: SignTarget) => BundleStore {
  const stores = new WeakMap<RegistryClient, BundleStore>();
  return (client, target) => {
    let store = stores.get(client);
    if (!store)
      stores.set(client, (store = new BundleStore(client, repositoryName(target.ref), { limit })));
    return store;
  };
}

/** Attaches one bundle to its digest (unless `upload` is false) and returns its record. */
export async function storeBundle(
  { checked, bundle, log, identity }: BundledTarget,
  upload: boolean,
  storeFor: (target: SignTarget) => BundleStore,
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
    ({ signatureRef } = await storeFor(target).write(descriptor, bytes, meta));
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
