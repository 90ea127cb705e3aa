// Idempotent re-runs of attestations (key mode), as existing.ts does for `.sig`: a layer of the
// `.att` image that holds a DSSE envelope signed by our key over a statement for this digest with
// the same predicate type and the same predicate, whose Rekor bundle annotation is an entry of
// this log for exactly that envelope, says everything a new attestation would. Signing again
// would only add a duplicate layer and a duplicate Rekor entry (cosign's dupe detector never
// fires after a Rekor upload, since every upload makes a new bundle annotation).
import { envelopeFromJSON, type Envelope } from '@sigstore/bundle';
import { dsse } from '@sigstore/core';
import { createPublicKey, verify } from 'node:crypto';
import { readStatement, samePredicate, type PredicateKind } from '../../payload/attestation.js';
import { IN_TOTO_PAYLOAD_TYPE } from '../../payload/statement.js';
import { DSSE_ENVELOPE } from '../../registry/media-types.js';
import type { Descriptor } from '../../registry/types.js';
import { toLogSummary, type LogSummary } from '../../tlog/entry.js';
import { checkDsseEntry } from '../../tlog/verify-dsse.js';
import { verifySignedEntryTimestamp } from '../../tlog/verify-entry.js';
import { PREDICATE_TYPE_ANNOTATION } from './attestation-layer.js';
import { entryFromBundleAnnotation } from './existing.js';
import { BUNDLE_ANNOTATION, CERTIFICATE_ANNOTATION } from './layer.js';

/** What a stored attestation must match to stand for ours. */
export interface AttestationReuseCriteria {
  digest: string;
  kind: PredicateKind;
  /** Our predicate, parsed. */
  predicate: unknown;
  publicKeyPem: string;
  /** With the tlog on: the log's key; the layer must carry an entry whose SET verifies with it. */
  rekorPublicKey?: string;
}

/** A stored attestation that already says what we were about to attest. */
export interface ReusableAttestation {
  layer: Descriptor;
  log?: LogSummary;
}

/** True when `layer` could be ours by its descriptor alone (worth fetching its blob). */
export function mayBeOurAttestation(layer: Descriptor, c: AttestationReuseCriteria): boolean {
  const notes = layer.annotations ?? {};
  return (
    layer.mediaType === DSSE_ENVELOPE &&
    notes[PREDICATE_TYPE_ANNOTATION] === c.kind.uri &&
    // A certificate means a keyless attestation: another identity than our key.
    notes[CERTIFICATE_ANNOTATION] === undefined &&
    (c.rekorPublicKey === undefined || notes[BUNDLE_ANNOTATION] !== undefined)
  );
}

/** Checks one layer and its blob (the envelope bytes); the reusable attestation or undefined. */
export function checkReusableAttestation(
  layer: Descriptor,
  blob: Buffer,
  c: AttestationReuseCriteria,
): ReusableAttestation | undefined {
  if (!mayBeOurAttestation(layer, c)) return undefined;
  let envelope: Envelope;
  try {
    envelope = envelopeFromJSON(JSON.parse(blob.toString('utf8')));
  } catch {
    return undefined;
  }
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE || envelope.signatures.length !== 1)
    return undefined;
  const statement = readStatement(Buffer.from(envelope.payload));
  if (
    !statement ||
    statement.predicateType !== c.kind.uri ||
    !statement.subjectDigests.includes(c.digest) ||
    !samePredicate(c.kind, statement.predicate, c.predicate)
  )
    return undefined;
  const pae = dsse.preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload));
  try {
    if (!verify('sha256', pae, createPublicKey(c.publicKeyPem), envelope.signatures[0]!.sig))
      return undefined;
  } catch {
    return undefined;
  }
  if (c.rekorPublicKey === undefined) return { layer };
  const entry = entryFromBundleAnnotation(layer.annotations?.[BUNDLE_ANNOTATION] ?? '');
  if (!entry) return undefined;
  try {
    // The same checks a fresh entry gets: the log holds exactly this envelope, by our key.
    checkDsseEntry(entry, {
      envelope,
      submittedEnvelope: blob.toString('utf8'),
      publicKeyPem: c.publicKeyPem,
    });
    verifySignedEntryTimestamp(entry, c.rekorPublicKey);
  } catch {
    return undefined;
  }
  return { layer, log: toLogSummary(entry) };
}
