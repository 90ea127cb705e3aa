// The legacy places, as cosign 2 writes them: the `sha256-<hex>.sig` image (one simple-signing
// payload per layer, the signature and its evidence in annotations, cosign-format §3) and the
// `sha256-<hex>.att` image (one DSSE envelope per layer). Each layer becomes the v0.1 bundle it
// amounts to: no library reads cosign's annotations, so this is the one place that does. The
// Rekor bundle annotation keeps the SET but no inclusion proof, which is what v0.1 allows.
import { errorText } from '../../errors.js';
import {
  BUNDLE_V01_MEDIA_TYPE,
  envelopeFromJSON,
  toDSSEBundle,
  toMessageSignatureBundle,
  type Bundle,
  type Envelope,
} from '@sigstore/bundle';
import { createHash } from 'node:crypto';
import { buildSimpleSigningPayload } from '../../payload/simple-signing.js';
import { repositoryName } from '../../reference/parse.js';
import type { SignTarget } from '../../reference/targets.js';
import type { RegistryClient } from '../../registry/client.js';
import type { Descriptor } from '../../registry/types.js';
import { attestationTag } from '../../storage/legacy/attestation-layer.js';
import { entryFromBundleAnnotation } from '../../storage/legacy/existing.js';
import {
  BUNDLE_ANNOTATION,
  CERTIFICATE_ANNOTATION,
  RFC3161_TIMESTAMP_ANNOTATION,
  SIGNATURE_ANNOTATION,
} from '../../storage/legacy/layer.js';
import { parseSignatureManifest, signatureTag } from '../../storage/legacy/manifest.js';
import { pemDer } from '../../tlog/verify-entry.js';
import { STD_BASE64 } from '../../util/encoding.js';
import { mapLimit } from '../../util/limit.js';
import { simpleSigningClaims, statementClaims } from './claims.js';
import {
  MAX_BLOB_BYTES_PER_DIGEST,
  MAX_CANDIDATES,
  type Candidate,
  type SignatureKind,
  type VerifyFormat,
} from './format.js';

/** Blobs fetched at once per digest. */
const BLOB_READS = 8;

/**
 * The `.sig` image of a digest: simple-signing signatures. `annotations` are those the run
 * requires: a payload signed with them (or with none) is known before it is read (knownPayloads).
 */
export function legacySignatures(annotations?: Readonly<Record<string, string>>): VerifyFormat {
  return {
    format: 'legacy',
    kinds: ['signature'],
    find: (target, client) =>
      readLayers(target, client, 'signature', knownPayloads(target, annotations)),
  };
}

/** The `.att` image of a digest: DSSE attestations. */
export const legacyAttestations: VerifyFormat = {
  format: 'legacy',
  kinds: ['attestation'],
  find: (target, client) => readLayers(target, client, 'attestation'),
};

async function readLayers(
  target: SignTarget,
  client: RegistryClient,
  kind: SignatureKind,
  known: ReadonlyMap<string, Buffer> = new Map(),
): Promise<Candidate[]> {
  const tag = kind === 'signature' ? signatureTag(target.digest) : attestationTag(target.digest);
  const found = await client.getManifest(tag);
  if (!found) return [];
  const where = `${repositoryName(target.ref)}@${found.digest}`;
  let layers: Descriptor[];
  try {
    layers = parseSignatureManifest(found.bytes).layers;
  } catch (err) {
    return [
      {
        format: 'legacy',
        kind,
        ref: where,
        unreadable: `the ${tag} manifest cannot be read (${errorText(err)})`,
      },
    ];
  }
  return mapLimit(planLayerReads(layers, kind), BLOB_READS, async (plan, i) => {
    const ref = `${where}#layer ${i}`;
    const { layer } = plan;
    if (!plan.read) return { format: 'legacy' as const, kind, ref, unreadable: plan.why };
    let blob: Buffer;
    try {
      blob = known.get(layer.digest) ?? (await client.getBlob(layer.digest));
    } catch (err) {
      return {
        format: 'legacy' as const,
        kind,
        ref,
        unreadable: `its blob cannot be read (${errorText(err)})`,
      };
    }
    return kind === 'signature'
      ? signatureCandidate(layer, blob, ref)
      : attestationCandidate(layer, blob, ref, target.digest);
  });
}

/**
 * The payloads a signature of this digest most likely carries, by their sha256: the bytes this
 * action's signer (and cosign) writes for the repository and digest, without annotations and
 * with the required ones. A blob is content-addressed, so a layer whose digest is one of these
 * holds exactly those bytes: it needs no read, which halves a deploy gate's requests. Any other
 * layer (another reference, other annotations, a tampered payload) is read as before.
 */
export function knownPayloads(
  target: SignTarget,
  annotations?: Readonly<Record<string, string>>,
): Map<string, Buffer> {
  const known = new Map<string, Buffer>();
  for (const notes of annotations ? [undefined, annotations] : [undefined]) {
    const payload = buildSimpleSigningPayload(repositoryName(target.ref), target.digest, notes);
    known.set(`sha256:${createHash('sha256').update(payload).digest('hex')}`, payload);
  }
  return known;
}

/** A simple-signing payload is a few hundred bytes; a layer that claims more is not one. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/**
 * Which layers' blobs are fetched, by their descriptors alone (pure): the first MAX_CANDIDATES,
 * a `.sig` payload only if it claims at most MAX_PAYLOAD_BYTES, and none once the layers read
 * so far claim MAX_BLOB_BYTES_PER_DIGEST: a `.sig` or `.att` of thousands of layers, or of
 * large SBOMs, costs a bounded amount of memory. A layer not read still counts, with why.
 */
export function planLayerReads(
  layers: readonly Descriptor[],
  kind: SignatureKind,
): ({ layer: Descriptor; read: true } | { layer: Descriptor; read: false; why: string })[] {
  let budget = MAX_BLOB_BYTES_PER_DIGEST;
  return layers.slice(0, MAX_CANDIDATES).map((layer) => {
    if (kind === 'signature' && layer.size > MAX_PAYLOAD_BYTES)
      return {
        layer,
        read: false,
        why: `it claims ${layer.size} bytes, more than a signed payload`,
      };
    if (layer.size > budget)
      return {
        layer,
        read: false,
        why: `it was not read: the layers before it already hold ${MAX_BLOB_BYTES_PER_DIGEST / 1024 / 1024} MiB`,
      };
    budget -= layer.size;
    return { layer, read: true };
  });
}

/** A `.sig` layer and its payload blob as a message-signature bundle. */
export function signatureCandidate(layer: Descriptor, payload: Buffer, ref: string): Candidate {
  const base: Candidate = { format: 'legacy', kind: 'signature', ref, artifact: payload };
  const notes = layer.annotations ?? {};
  const signatureText = notes[SIGNATURE_ANNOTATION];
  if (!signatureText || !STD_BASE64.test(signatureText))
    return { ...base, unreadable: 'its signature annotation is missing or not base64' };
  const evidence = readEvidence(notes);
  if (typeof evidence === 'string') return { ...base, unreadable: evidence };
  const bundle = toMessageSignatureBundle({
    digest: createHash('sha256').update(payload).digest(),
    signature: Buffer.from(signatureText, 'base64'),
    ...keyMaterial(evidence.certificate),
  });
  return {
    ...base,
    bundle: withEvidence(bundle, evidence),
    claims: simpleSigningClaims(payload),
  };
}

/** A `.att` layer and its envelope blob as a DSSE bundle. */
export function attestationCandidate(
  layer: Descriptor,
  blob: Buffer,
  ref: string,
  digest: string,
): Candidate {
  const base: Candidate = { format: 'legacy', kind: 'attestation', ref, storedEnvelope: blob };
  let envelope: Envelope;
  try {
    envelope = envelopeFromJSON(JSON.parse(blob.toString('utf8')));
  } catch {
    return { ...base, unreadable: 'its blob is not a DSSE envelope' };
  }
  if (envelope.signatures.length !== 1)
    return {
      ...base,
      unreadable: `its envelope holds ${envelope.signatures.length} signatures, not one`,
    };
  // The RFC 3161 annotation of a `.att` layer covers the whole envelope, not its signature, which
  // is not what a bundle's timestamp covers: it is not read (a legacy attestation's time is its
  // Rekor entry's).
  const notes = { ...(layer.annotations ?? {}) };
  delete notes[RFC3161_TIMESTAMP_ANNOTATION];
  const evidence = readEvidence(notes);
  if (typeof evidence === 'string') return { ...base, unreadable: evidence };
  const bundle = toDSSEBundle({
    artifact: Buffer.from(envelope.payload),
    artifactType: envelope.payloadType,
    signature: Buffer.from(envelope.signatures[0]!.sig),
    ...keyMaterial(evidence.certificate),
  });
  bundle.content.dsseEnvelope = envelope;
  return {
    ...base,
    bundle: withEvidence(bundle, evidence),
    claims: statementClaims(Buffer.from(envelope.payload), digest),
  };
}

interface Evidence {
  certificate?: Buffer;
  entry?: NonNullable<ReturnType<typeof entryFromBundleAnnotation>>;
  timestamp?: Buffer;
}

// The certificate, Rekor bundle and RFC 3161 annotations; a string says which one is malformed.
function readEvidence(notes: Record<string, string>): Evidence | string {
  const out: Evidence = {};
  const certificate = notes[CERTIFICATE_ANNOTATION];
  if (certificate) {
    const der = pemDer(certificate);
    if (!der) return 'its certificate annotation is not one PEM certificate';
    out.certificate = der;
  }
  const rekorBundle = notes[BUNDLE_ANNOTATION];
  if (rekorBundle !== undefined) {
    const entry = entryFromBundleAnnotation(rekorBundle);
    if (!entry) return 'its Rekor bundle annotation cannot be read';
    out.entry = entry;
  }
  const timestamp = notes[RFC3161_TIMESTAMP_ANNOTATION];
  if (timestamp !== undefined) {
    try {
      const token = (JSON.parse(timestamp) as { SignedRFC3161Timestamp?: unknown })
        .SignedRFC3161Timestamp;
      if (typeof token !== 'string' || !STD_BASE64.test(token)) throw new Error('no token');
      out.timestamp = Buffer.from(token, 'base64');
    } catch {
      return 'its RFC 3161 timestamp annotation cannot be read';
    }
  }
  return out;
}

// A layer with a certificate is keyless; one without names no key (check.ts supplies the
// policy's key hint, as `cosign verify --key` verifies with the key it is given).
function keyMaterial(certificate: Buffer | undefined) {
  return certificate ? { certificate, certificateChain: false } : { keyHint: '' };
}

function withEvidence<B extends Bundle>(bundle: B, evidence: Evidence): B {
  bundle.mediaType = BUNDLE_V01_MEDIA_TYPE;
  bundle.verificationMaterial.tlogEntries = evidence.entry ? [evidence.entry] : [];
  bundle.verificationMaterial.timestampVerificationData = {
    rfc3161Timestamps: evidence.timestamp ? [{ signedTimestamp: evidence.timestamp }] : [],
  };
  return bundle;
}
