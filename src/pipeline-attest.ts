// Attestations (`attestations: TYPE=FILE` lines): every predicate attests every checked digest,
// as `cosign attest --type TYPE --predicate FILE` does per digest. One DSSE signature per digest
// and predicate, with the run's one signer (one key decryption, one Fulcio certificate), logged
// as a Rekor `dsse` entry (what cosign v2.5 and v3.1 attest write by default), the entry checked
// against what was sent. The same envelope then goes where `signature-format` says: the legacy
// `sha256-<hex>.att` image (a layer holding the envelope string exactly as proposed to Rekor)
// and/or a Sigstore bundle referrer (dev.sigstore.bundle.content=dsse-envelope with the predicate
// type). As for signatures, nothing is written before every attestation of the run was logged.
import { bundleToJSON, type BundleWithDsseEnvelope } from '@sigstore/bundle';
import type { Witness } from '@sigstore/sign';
import { SignImageError } from './errors.js';
import type { Predicate } from './inputs/attestations.js';
import { checkStatementSize } from './inputs/attestations.js';
import type { PreparedSigner } from './main.js';
import { buildAttestationStatement } from './payload/attestation.js';
import { IN_TOTO_PAYLOAD_TYPE } from './payload/statement.js';
import type { CheckedTarget } from './pipeline.js';
import { repositoryName } from './reference/parse.js';
import type { SignTarget } from './reference/targets.js';
import type { RegistryClient } from './registry/client.js';
import type { AttestationResult } from './report/result.js';
import { DSSEV03BundleBuilder } from './signer/dsse-bundle.js';
import { certificateIdentity, toPem } from './signer/keyless/certificate.js';
import type { BundleStore } from './storage/bundle/bundle-store.js';
import { attestationTag, buildAttestationLayer } from './storage/legacy/attestation-layer.js';
import {
  checkReusableAttestation,
  mayBeOurAttestation,
} from './storage/legacy/existing-attestation.js';
import type { ExistingSignatures, LegacyStore } from './storage/legacy/legacy-store.js';
import { parseSignatureManifest } from './storage/legacy/manifest.js';
import { buildCosignBundleAnnotation, toLogSummary, type LogSummary } from './tlog/entry.js';
import { submittedEnvelope } from './tlog/proposed-entry.js';
import { checkDsseEntry } from './tlog/verify-dsse.js';
import { verifySignedEntryTimestamp } from './tlog/verify-entry.js';
import { settleEach, type Settled } from './unsigned.js';
import { mapLimit } from './util/limit.js';

/** One digest with every predicate to attest it with, and its current `.att` image. */
export interface AttestTarget {
  checked: CheckedTarget;
  /** The `.att` store of the digest's repository. */
  store: LegacyStore;
  existing?: ExistingSignatures;
}

/** One attestation made and logged (or found already stored), not yet stored. */
export interface SignedAttestation {
  target: AttestTarget;
  predicate: Predicate;
  bundle?: BundleWithDsseEnvelope;
  /** The envelope string as proposed to Rekor: the `.att` layer's blob. */
  envelope?: Buffer;
  rekorBundle?: string;
  log?: LogSummary;
  certificate?: { pem: string; chainPem: string; identity: string; issuer: string };
  /** Set when an equal attestation by our key is already in the `.att`: nothing to sign or write. */
  reused?: boolean;
}

/** How the attestations of a run are signed. */
export interface AttestSigning {
  prepared: PreparedSigner;
  witnesses: Witness[];
  predicates: readonly Predicate[];
  /** Set when a Rekor entry is expected (tlog-upload): every entry is checked against it. */
  rekorPublicKey?: string;
  /** Key mode without `force`: skip what the `.att` already holds (legacy format only). */
  reuse: boolean;
  /** The legacy `.att` is one of the formats written (so it is read and reused). */
  legacy: boolean;
  parallel: number;
  /** Reads a blob of the digest's repository (the stored envelopes, when looking for reuse). */
  getBlob: (target: SignTarget, digest: string) => Promise<Buffer>;
}

/** Reads each digest's `.att` (when the legacy format is written); writes nothing. */
export async function checkAttestTargets(
  checked: readonly CheckedTarget[],
  storeFor: (target: SignTarget) => LegacyStore,
  legacy: boolean,
  parallel: number,
): Promise<AttestTarget[]> {
  return mapLimit(checked, parallel, async (c) => {
    const store = storeFor(c.target);
    const existing = legacy ? await store.read(c.target.digest) : undefined;
    return { checked: c, store, existing };
  });
}

/** Signs every digest × predicate; a pair whose signing or entry fails is returned as failed. */
export function signAttestations(
  targets: readonly AttestTarget[],
  how: AttestSigning,
): Promise<Settled<{ target: AttestTarget; predicate: Predicate }, SignedAttestation>> {
  const builder = new DSSEV03BundleBuilder({
    signer: how.prepared.signer,
    witnesses: how.witnesses,
  });
  const jobs = targets.flatMap((target) =>
    how.predicates.map((predicate) => ({ target, predicate })),
  );
  return settleEach(jobs, how.parallel, (j) =>
    signAttestation(j.target, j.predicate, builder, how),
  );
}

/** Builds one statement, reuses an equal stored one or signs it, and checks its Rekor entry. */
export async function signAttestation(
  target: AttestTarget,
  predicate: Predicate,
  builder: DSSEV03BundleBuilder,
  how: Pick<AttestSigning, 'prepared' | 'rekorPublicKey' | 'reuse' | 'legacy' | 'getBlob'>,
): Promise<SignedAttestation> {
  const { target: t } = target.checked;
  const statement = buildAttestationStatement(
    repositoryName(t.ref),
    t.digest,
    predicate.kind,
    predicate.json,
  );
  checkStatementSize(statement, predicate);
  if (how.reuse && how.legacy && target.existing) {
    const found = await findReusable(target, predicate, how);
    if (found) return { target, predicate, log: found.log, reused: true };
  }
  const bundle = (await builder.create({
    data: statement,
    type: IN_TOTO_PAYLOAD_TYPE,
  })) as BundleWithDsseEnvelope;
  if (bundle.content.$case !== 'dsseEnvelope')
    throw new SignImageError('INTERNAL', 'expected a DSSE bundle');
  const envelopeText = submittedEnvelope(bundle.content.dsseEnvelope);
  const material = bundle.verificationMaterial.content;
  const leafPem =
    material.$case === 'certificate'
      ? toPem(Buffer.from(material.certificate.rawBytes))
      : undefined;
  const certificate = leafPem
    ? {
        pem: leafPem,
        chainPem: how.prepared.chainFor?.(leafPem) ?? '',
        ...certificateIdentity(leafPem),
      }
    : undefined;
  const signed = { target, predicate, bundle, envelope: Buffer.from(envelopeText), certificate };
  if (!how.rekorPublicKey) return signed;
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry)
    throw new SignImageError(
      'TLOG_ERROR',
      'the transparency log returned no entry for the attestation',
    );
  // cosign verify-attestation re-checks all of this (legacy: envelopeHash against the layer).
  checkDsseEntry(entry, {
    envelope: bundle.content.dsseEnvelope,
    submittedEnvelope: envelopeText,
    publicKeyPem: leafPem ?? how.prepared.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, how.rekorPublicKey);
  return {
    ...signed,
    rekorBundle: buildCosignBundleAnnotation(entry),
    log: toLogSummary(entry),
  };
}

async function findReusable(
  target: AttestTarget,
  predicate: Predicate,
  how: Pick<AttestSigning, 'prepared' | 'rekorPublicKey' | 'getBlob'>,
) {
  const { target: t } = target.checked;
  const criteria = {
    digest: t.digest,
    kind: predicate.kind,
    predicate: predicate.value,
    publicKeyPem: how.prepared.publicKeyPem,
    rekorPublicKey: how.rekorPublicKey,
  };
  const layers = parseSignatureManifest(target.existing!.manifest.bytes).layers;
  for (const layer of layers) {
    if (!mayBeOurAttestation(layer, criteria)) continue;
    const blob = await how.getBlob(t, layer.digest);
    const found = checkReusableAttestation(layer, blob, criteria);
    if (found) return found;
  }
  return undefined;
}

/**
 * Stores the attestations of each digest in the formats asked for, one after another per digest
 * (they share its `.att` and its referrers index), digests side by side. Returns one result per
 * attestation and format.
 */
export async function storeAttestations(
  signed: readonly SignedAttestation[],
  options: {
    formats: readonly ('legacy' | 'bundle')[];
    upload: boolean;
    bundleStoreFor: (target: SignTarget) => BundleStore;
    parallel: number;
  },
): Promise<Settled<SignedAttestation, AttestationResult>> {
  const byDigest = new Map<AttestTarget, SignedAttestation[]>();
  for (const s of signed) byDigest.set(s.target, [...(byDigest.get(s.target) ?? []), s]);
  const ok: AttestationResult[] = [];
  const failed: Settled<SignedAttestation, AttestationResult>['failed'] = [];
  await mapLimit([...byDigest.values()], options.parallel, async (group) => {
    for (const s of group) {
      for (const format of options.formats) {
        // A reused `.att` layer says nothing about a bundle referrer: that one is signed anew.
        if (format === 'bundle' && s.reused) continue;
        const one = await settleEach([s], 1, (x) => storeOne(x, format, options));
        ok.push(...one.ok);
        failed.push(...one.failed);
      }
    }
  });
  return { ok, failed };
}

async function storeOne(
  s: SignedAttestation,
  format: 'legacy' | 'bundle',
  options: { upload: boolean; bundleStoreFor: (target: SignTarget) => BundleStore },
): Promise<AttestationResult> {
  const { target: t, descriptor } = s.target.checked;
  let attestationRef = '';
  let added = !s.reused;
  if (format === 'legacy') {
    if (s.reused) {
      attestationRef = options.upload ? `${repositoryName(t.ref)}:${attestationTag(t.digest)}` : '';
    } else if (options.upload) {
      const layer = buildAttestationLayer({
        envelope: s.envelope!,
        predicateType: s.predicate.kind.uri,
        rekorBundle: s.rekorBundle,
        certificatePem: s.certificate?.pem,
        chainPem: s.certificate?.chainPem,
      });
      ({ signatureRef: attestationRef, added } = await s.target.store.write(
        t.digest,
        layer,
        s.envelope!,
        s.target.existing,
      ));
    }
  } else if (options.upload) {
    const bytes = Buffer.from(JSON.stringify(bundleToJSON(s.bundle!)), 'utf8');
    ({ signatureRef: attestationRef } = await options.bundleStoreFor(t).write(descriptor, bytes, {
      content: 'dsse-envelope',
      predicateType: s.predicate.kind.uri,
    }));
  }
  return {
    image: repositoryName(t.ref),
    digest: t.digest,
    tags: t.tags,
    type: s.predicate.kind.name,
    predicateType: s.predicate.kind.uri,
    format,
    attestationRef,
    added,
    rekorLogIndex: s.log?.logIndex,
    rekorLogId: s.log?.logIdHex,
    integratedTime: s.log?.integratedTime,
    identity: s.certificate?.identity,
    issuer: s.certificate?.issuer,
  };
}

/** A client's `.att` store, made once per repository by main.ts. */
export type AttStoreFactory = (client: RegistryClient, target: SignTarget) => LegacyStore;
