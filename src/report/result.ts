// The format-neutral record of one stored signature: what the outputs, the summary and the
// bundle file are all made from.
import type { SerializedBundle } from '@sigstore/bundle';

export interface SignatureResult {
  /** The normalized repository, e.g. `ghcr.io/acme/app` (what cosign records as identity). */
  image: string;
  digest: string;
  /** The tags the user named for this digest: labels only, never signed. */
  tags: string[];
  format: 'legacy' | 'bundle';
  /** Where the signature was stored (`repo:sha256-<hex>.sig`); '' with `upload: false`. */
  signatureRef: string;
  /** false when an identical signature was already stored. */
  added: boolean;
  rekorLogIndex?: number;
  rekorLogId?: string;
  integratedTime?: number;
  /** Keyless: the certificate's identity (SAN) and OIDC issuer, what `cosign verify` matches. */
  identity?: string;
  issuer?: string;
  /** The Sigstore bundle of this signature (message signature or DSSE). */
  bundle: SerializedBundle;
  /** Set for an attestation (`attestations` input): its predicate; `signatureRef` is then the `.att` or referrer. */
  attestation?: AttestationFacts;
}

/**
 * Who signed: what a verifier must be told. Keyless `subject` is the leaf's SAN (what
 * `--certificate-identity` matches: in a reusable workflow the called workflow's ref, as Fulcio
 * writes it), `issuer` its OIDC issuer; the summary reads the caller's workflow and the run link
 * from `certificatePem` itself.
 */
export type SignerIdentity =
  | {
      mode: 'key';
      publicKeyPem: string;
      /** A KMS-held key: its reference as given (`awskms://…`), never a credential. */
      keyRef?: string;
    }
  | { mode: 'keyless'; certificatePem: string; subject: string; issuer: string };

/** A stored attestation: a SignatureResult whose `attestation` says which predicate it holds. */
export type AttestationResult = SignatureResult & { attestation: AttestationFacts };

/** What an attestation result adds: the type as named (short name or URI) and its URI. */
export interface AttestationFacts {
  type: string;
  predicateType: string;
}

/** True for the records of attestations (the `attestations` output), not image signatures. */
export function isAttestation(r: SignatureResult): r is AttestationResult {
  return r.attestation !== undefined;
}
