// One attestation as a layer of the `.att` image beside the digest (`sha256-<hex>.att`), as
// `cosign attest` writes it in the legacy format (cosign v3.1.2 cmd/cosign/cli/attest/attest.go,
// pkg/oci/static: NewAttestation): the blob is the DSSE envelope, media type
// application/vnd.dsse.envelope.v1+json, the signature annotation present but empty (the
// signature is inside the envelope), `predicateType`, and the same bundle/certificate/chain
// annotations as a `.sig` layer. The blob must be the envelope string exactly as it was proposed
// to Rekor: cosign verify-attestation compares the dsse entry's envelopeHash with sha256 of the
// layer (cosign-format §6), so the caller passes tlog/proposed-entry.ts submittedEnvelope().
import { DSSE_ENVELOPE } from '../../registry/media-types.js';
import { cosignLayer, SIGNATURE_ANNOTATION, type Descriptor } from './layer.js';
import { parseDigest } from '../../reference/parse.js';

/** The predicate type of the statement in the layer (cosign's `predicateType` annotation). */
export const PREDICATE_TYPE_ANNOTATION = 'predicateType';

/** What one attestation layer carries. */
export interface AttestationLayerInput {
  /** The envelope bytes: the string proposed to Rekor, UTF-8. */
  envelope: Buffer;
  predicateType: string;
  /** Exact `dev.sigstore.cosign/bundle` JSON text (buildCosignBundleAnnotation). */
  rekorBundle?: string;
  certificatePem?: string;
  chainPem?: string;
  /** Exact `dev.sigstore.cosign/rfc3161timestamp` JSON text, over the envelope bytes. */
  rfc3161Timestamp?: string;
}

/** The tag that holds the attestations of `digest`: `sha256-<hex>.att` (cosign `normalize`). */
export function attestationTag(digest: string): string {
  return `${parseDigest(digest).replace(':', '-')}.att`;
}

/** The `.att` layer descriptor for one attestation. */
export function buildAttestationLayer(input: AttestationLayerInput): Descriptor {
  return cosignLayer(
    DSSE_ENVELOPE,
    input.envelope,
    { [SIGNATURE_ANNOTATION]: '', [PREDICATE_TYPE_ANNOTATION]: input.predicateType },
    input,
  );
}
