// Attestations (`attestations: TYPE=FILE` lines) as formats of the pipeline: for each predicate,
// one format per storage `signature-format` asks for. Each signs, per digest, the in-toto
// statement `cosign attest --type TYPE --predicate FILE` signs (payload/attestation.ts) as a DSSE
// envelope with the run's one signer (one key decryption, one Fulcio certificate for the whole
// step), logged as a Rekor `dsse` entry, the kind cosign v2.5 and v3.1 attest write (v2.5's
// --rekor-entry-type defaults to dsse; v3.1 signs through sigstore-go, which proposes dsse), the
// entry checked against what was sent before anything is written. Then:
// - legacy: one layer of the `sha256-<hex>.att` image (storage/legacy/attestation-layer.ts),
//   appended by the same race-safe loop as `.sig`; in key mode without `force`/`tsa-url` a re-run
//   finds an equal attestation by our key and writes nothing and logs nothing;
// - bundle: a Sigstore bundle referrer holding the DSSE envelope, annotated
//   dev.sigstore.bundle.content=dsse-envelope and dev.sigstore.bundle.predicateType=<URI>, as
//   cosign 3.1 attest (ociremote.WriteAttestationNewBundleFormat) writes it.
// The formats of one run share their stores, the `.att` read of each digest, and the writes of
// each digest: every `.att` layer of one digest goes up in one read-merge-PUT (the store calls of
// a run all arrive in one turn of the event loop, so they are gathered until the next), and
// referrers of one digest are written one after another, so predicates never race each other.
import { bundleToJSON, toDSSEBundle, type BundleWithDsseEnvelope } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import { SignImageError } from '../errors.js';
import { checkStatementSize } from '../inputs/attestations.js';
import type { Config } from '../inputs/parse.js';
import { buildAttestationStatement, type Predicate } from '../payload/attestation.js';
import { IN_TOTO_PAYLOAD_TYPE } from '../payload/statement.js';
import { repositoryName } from '../reference/parse.js';
import type { SignTarget } from '../reference/targets.js';
import type { SignatureResult } from '../report/result.js';
import { builderPerSigning } from './builder-per-signing.js';
import { DSSEV03BundleBuilder } from '../signer/bundle-builders.js';
import { certificateIdentity } from '../signer/keyless/certificate.js';
import { BundleStore } from '../storage/bundle/bundle-store.js';
import { attestationTag, buildAttestationLayer } from '../storage/legacy/attestation-layer.js';
import {
  checkReusableAttestation,
  mayBeOurAttestation,
} from '../storage/legacy/existing-attestation.js';
import {
  LegacyStore,
  type ExistingSignatures,
  type LegacyWriteResult,
  type NewLayer,
} from '../storage/legacy/legacy-store.js';
import { parseSignatureManifest } from '../storage/legacy/manifest.js';
import { buildCosignBundleAnnotation, toLogSummary, type LogSummary } from '../tlog/entry.js';
import { submittedEnvelope } from '../tlog/proposed-entry.js';
import { checkDsseEntry } from '../tlog/verify-dsse.js';
import { verifySignedEntryTimestamp } from '../tlog/verify-entry.js';
import type {
  CheckedTarget,
  FormatFactory,
  FormatName,
  FormatRun,
  SignatureFormat,
  Signing,
} from './format.js';

/** One attestation made and logged (or found already stored), not yet stored. */
export interface AttestationSigned {
  checked: CheckedTarget;
  /** The `.att` image read in the check phase (legacy only), the base of the merge. */
  existing?: ExistingSignatures;
  bundle: BundleWithDsseEnvelope;
  /** The envelope string exactly as proposed to Rekor: the `.att` layer's blob. */
  envelope: Buffer;
  rekorBundle?: string;
  log?: LogSummary;
  certificate?: { pem: string; chainPem: string; identity: string; issuer: string };
  /** An equal attestation by our key is already in the `.att`: nothing signed, logged or written. */
  reused?: boolean;
}

/** `.att` layers of one digest waiting for their common write. */
interface Batch {
  items: NewLayer[];
  /** Their blobs' uploads (format `upload`), done before the write that references them. */
  uploads: Promise<void>[];
  waiters: { resolve: (r: LegacyWriteResult) => void; reject: (e: unknown) => void }[];
}

/** What the attestation formats of one run share. */
interface Shared {
  legacyStores: Map<string, LegacyStore>;
  bundleStores: Map<string, BundleStore>;
  reads: Map<string, Promise<ExistingSignatures | undefined>>;
  queues: Map<string, Promise<unknown>>;
  batches: Map<string, Batch>;
  builderFor: (signing: Signing) => DSSEV03BundleBuilder;
}

/**
 * The attestation formats of a run: for every predicate, `legacy` and/or `bundle` as
 * `signature-format` says (legacy first). [] without predicates.
 */
export function attestationFormats(
  config: Pick<Config, 'signatureFormat'>,
  predicates: readonly Predicate[],
): FormatFactory[] {
  const storages: FormatName[] =
    config.signatureFormat === 'both' ? ['legacy', 'bundle'] : [config.signatureFormat];
  const shared: Shared = {
    legacyStores: new Map(),
    bundleStores: new Map(),
    reads: new Map(),
    queues: new Map(),
    batches: new Map(),
    builderFor: builderPerSigning(DSSEV03BundleBuilder),
  };
  return predicates.flatMap((p) => storages.map((s) => attestationFormat(p, s, shared)));
}

function attestationFormat(
  predicate: Predicate,
  storage: FormatName,
  shared: Shared,
): FormatFactory {
  return (run) => {
    const { config } = run;
    const format: SignatureFormat<ExistingSignatures | undefined, AttestationSigned> = {
      name: storage,
      find: storage === 'legacy' ? (checked) => readAtt(shared, run, checked.target) : undefined,
      sign: async (checked, existing, signing) =>
        signAttestation(checked, predicate, existing, shared.builderFor(signing), {
          signing,
          // As for `.sig`: a stored layer carries no timestamp we could check, so a TSA signs anew.
          reuse:
            storage === 'legacy' &&
            signing.prepared.identity.mode === 'key' &&
            !config.force &&
            !config.tsaUrl,
          getBlob: (t, digest) => run.clientFor(t).getBlob(digest),
        }),
      // The `.att` layer's blob is the envelope: up as soon as it is signed and verified.
      upload:
        storage === 'legacy'
          ? async (signed) => {
              if (!signed.reused)
                await legacyStoreFor(shared, run, signed.checked.target).upload([signed.envelope]);
            }
          : undefined,
      // A reused attestation writes nothing, and its stored entry's SET was checked against the
      // trusted root's log keys when it was found (its bundle, rebuilt from the layer, has no
      // entry for the gate to check).
      toVerify: (signed) =>
        signed.reused
          ? undefined
          : {
              bundle: signed.bundle,
              what: `${repositoryName(signed.checked.target.ref)}@${signed.checked.target.digest} (${predicate.kind.name} attestation, ${storage})`,
            },
      store: (signed, uploaded) =>
        storeAttestation(signed, predicate, storage, config.upload, shared, run, uploaded),
    };
    return format;
  };
}

function legacyStoreFor(shared: Shared, run: FormatRun, target: SignTarget): LegacyStore {
  const name = repositoryName(target.ref);
  let store = shared.legacyStores.get(name);
  if (!store) {
    store = new LegacyStore(run.clientFor(target), name, {
      limit: run.writeLimit,
      log: run.log,
      tagFor: attestationTag,
    });
    shared.legacyStores.set(name, store);
  }
  return store;
}

function bundleStoreFor(shared: Shared, run: FormatRun, target: SignTarget): BundleStore {
  const name = repositoryName(target.ref);
  let store = shared.bundleStores.get(name);
  if (!store) {
    store = new BundleStore(run.clientFor(target), name, { limit: run.writeLimit, now: run.now });
    shared.bundleStores.set(name, store);
  }
  return store;
}

// One read of a digest's `.att` per run, whichever predicate asks first.
function readAtt(shared: Shared, run: FormatRun, target: SignTarget) {
  const key = `${repositoryName(target.ref)}@${target.digest}`;
  let read = shared.reads.get(key);
  if (!read) {
    read = legacyStoreFor(shared, run, target).read(target.digest);
    shared.reads.set(key, read);
  }
  return read;
}

// Adds one `.att` layer to its digest's next write; the write starts once the current turn of the
// event loop has queued every layer of the run's store phase, after any earlier write of the digest.
function batchedWrite(
  shared: Shared,
  run: FormatRun,
  target: SignTarget,
  item: NewLayer,
  existing: ExistingSignatures | undefined,
  uploaded: Promise<void> | undefined,
): Promise<LegacyWriteResult> {
  const key = `${repositoryName(target.ref)}@${target.digest}`;
  let batch = shared.batches.get(key);
  if (!batch) {
    const fresh: Batch = { items: [], uploads: [], waiters: [] };
    shared.batches.set(key, fresh);
    batch = fresh;
    setImmediate(() => {
      shared.batches.delete(key);
      queued(shared, `legacy:${key}`, async () => {
        await Promise.all(fresh.uploads);
        return legacyStoreFor(shared, run, target).writeAll(target.digest, fresh.items, existing);
      }).then(
        ({ signatureRef, added }) =>
          fresh.waiters.forEach((w, i) => w.resolve({ signatureRef, added: added[i]! })),
        (err: unknown) => fresh.waiters.forEach((w) => w.reject(err)),
      );
    });
  }
  const joined = batch;
  return new Promise((resolve, reject) => {
    joined.items.push(item);
    if (uploaded) joined.uploads.push(uploaded);
    joined.waiters.push({ resolve, reject });
  });
}

// Runs `fn` after every earlier write queued under `key` has settled.
function queued<T>(shared: Shared, key: string, fn: () => Promise<T>): Promise<T> {
  const before = shared.queues.get(key) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  shared.queues.set(
    key,
    mine.catch(() => undefined),
  );
  return mine;
}

/** Builds the statement for one digest, reuses an equal stored one or signs it, checks its entry. */
export async function signAttestation(
  checked: CheckedTarget,
  predicate: Predicate,
  existing: ExistingSignatures | undefined,
  builder: DSSEV03BundleBuilder,
  how: {
    signing: Signing;
    reuse: boolean;
    getBlob: (target: SignTarget, digest: string) => Promise<Buffer>;
  },
): Promise<AttestationSigned> {
  const { target } = checked;
  const { prepared, rekorPublicKey } = how.signing;
  const statement = buildAttestationStatement(
    repositoryName(target.ref),
    target.digest,
    predicate.kind,
    predicate.json,
  );
  checkStatementSize(statement, predicate);
  if (how.reuse && existing) {
    const found = await findReusable(checked, predicate, existing, how);
    if (found) return { ...found, checked, existing, reused: true };
  }
  const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
  const envelopeText = submittedEnvelope(bundle.content.dsseEnvelope);
  // Keyless: the leaf can be renewed during a long run, so each attestation names its own.
  const material = bundle.verificationMaterial.content;
  const leafPem =
    material.$case === 'certificate'
      ? pem.fromDER(Buffer.from(material.certificate.rawBytes))
      : undefined;
  const certificate = leafPem
    ? {
        pem: leafPem,
        chainPem: prepared.chainFor?.(leafPem) ?? '',
        ...certificateIdentity(leafPem),
      }
    : undefined;
  const signed: AttestationSigned = {
    checked,
    existing,
    bundle,
    envelope: Buffer.from(envelopeText, 'utf8'),
    certificate,
  };
  if (!rekorPublicKey) return signed;
  const entry = bundle.verificationMaterial.tlogEntries[0];
  if (!entry)
    throw new SignImageError(
      'TLOG_ERROR',
      'the transparency log returned no entry for the attestation',
    );
  // cosign verify-attestation re-checks all of this (legacy: envelopeHash against the layer blob).
  checkDsseEntry(entry, {
    envelope: bundle.content.dsseEnvelope,
    submittedEnvelope: envelopeText,
    publicKeyPem: leafPem ?? prepared.publicKeyPem,
  });
  verifySignedEntryTimestamp(entry, rekorPublicKey);
  return { ...signed, rekorBundle: buildCosignBundleAnnotation(entry), log: toLogSummary(entry) };
}

// Looks through the `.att` layers that could be ours (same predicate type, no certificate) and
// checks each one's envelope; the first that is ours, as a signed attestation with its entry.
async function findReusable(
  checked: CheckedTarget,
  predicate: Predicate,
  existing: ExistingSignatures,
  how: { signing: Signing; getBlob: (target: SignTarget, digest: string) => Promise<Buffer> },
): Promise<Omit<AttestationSigned, 'checked'> | undefined> {
  const criteria = {
    digest: checked.target.digest,
    kind: predicate.kind,
    predicate: predicate.value,
    publicKeyPem: how.signing.prepared.publicKeyPem,
    rekorPublicKey: how.signing.rekorPublicKey,
  };
  for (const layer of parseSignatureManifest(existing.manifest.bytes).layers) {
    if (!mayBeOurAttestation(layer, criteria)) continue;
    const blob = await how.getBlob(checked.target, layer.digest);
    const found = checkReusableAttestation(layer, blob, criteria);
    if (!found) continue;
    const envelope = JSON.parse(blob.toString('utf8')) as {
      payload: string;
      signatures: { sig: string }[];
    };
    // Rebuilt from the layer for the report's bundle file (a `.att` keeps no inclusion proof).
    const bundle = toDSSEBundle({
      artifact: Buffer.from(envelope.payload, 'base64'),
      artifactType: IN_TOTO_PAYLOAD_TYPE,
      signature: Buffer.from(envelope.signatures[0]!.sig, 'base64'),
      keyHint: '',
    });
    return { bundle, envelope: blob, log: found.log };
  }
  return undefined;
}

/** Stores one attestation (unless `upload` is false) and returns its record. */
export async function storeAttestation(
  signed: AttestationSigned,
  predicate: Predicate,
  storage: FormatName,
  upload: boolean,
  shared: Shared,
  run: FormatRun,
  uploaded?: Promise<void>,
): Promise<SignatureResult> {
  const { target, descriptor } = signed.checked;
  let signatureRef = '';
  let added = !signed.reused;
  if (storage === 'legacy') {
    if (signed.reused) {
      signatureRef = upload ? `${repositoryName(target.ref)}:${attestationTag(target.digest)}` : '';
    } else if (upload) {
      const layer = buildAttestationLayer({
        envelope: signed.envelope,
        predicateType: predicate.kind.uri,
        rekorBundle: signed.rekorBundle,
        certificatePem: signed.certificate?.pem,
        chainPem: signed.certificate?.chainPem,
      });
      ({ signatureRef, added } = await batchedWrite(
        shared,
        run,
        target,
        { layer, blob: signed.envelope },
        signed.existing,
        uploaded,
      ));
    }
  } else if (upload) {
    const bytes = Buffer.from(JSON.stringify(bundleToJSON(signed.bundle)), 'utf8');
    ({ signatureRef } = await queued(
      shared,
      `bundle:${repositoryName(target.ref)}@${target.digest}`,
      () =>
        bundleStoreFor(shared, run, target).write(descriptor, bytes, {
          content: 'dsse-envelope',
          predicateType: predicate.kind.uri,
        }),
    ));
  }
  return {
    image: repositoryName(target.ref),
    digest: target.digest,
    tags: target.tags,
    format: storage,
    signatureRef,
    added,
    rekorLogIndex: signed.log?.logIndex,
    rekorLogId: signed.log?.logIdHex,
    integratedTime: signed.log?.integratedTime,
    identity: signed.certificate?.identity,
    issuer: signed.certificate?.issuer,
    bundle: bundleToJSON(signed.bundle),
    attestation: { type: predicate.kind.name, predicateType: predicate.kind.uri },
  };
}
