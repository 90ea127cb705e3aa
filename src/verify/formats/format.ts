// One interface per place a signature can be stored, as the signing side has (src/formats/):
// each format reads what the registry holds for a digest and turns every stored signature into
// a Candidate: the Sigstore bundle @sigstore/verify checks (a legacy `.sig`/`.att` layer is
// rebuilt into the v0.1 bundle it amounts to), the artifact a message signature covers, and what
// the signed payload claims about the image. Reading never decides anything; check.ts does.
import type { Bundle } from '@sigstore/bundle';
import type { SignTarget } from '../../reference/targets.js';
import type { RegistryClient } from '../../registry/client.js';

export type StoredFormat = 'legacy' | 'bundle';
export type SignatureKind = 'signature' | 'attestation';

/** What a signed payload says about the image, read from the payload itself. */
export interface Claims {
  /** Every `sha256:<hex>` the payload names as what was signed. */
  subjectDigests: string[];
  /** Simple-signing `optional`, or the in-toto subject's annotations. */
  annotations?: Record<string, unknown>;
  /** In-toto statements: the predicate type. */
  predicateType?: string;
  /** Simple signing: `critical.identity.docker-reference` (reported; cosign does not check it). */
  dockerReference?: string;
}

/** One stored signature or attestation of a digest, ready to be checked. */
export interface Candidate {
  format: StoredFormat;
  kind: SignatureKind;
  /** Where it is stored: `repo@sha256:<manifest>` (plus `#layer N` for a `.sig`/`.att` layer). */
  ref: string;
  /** What @sigstore/verify checks; absent when the stored object could not be read as one. */
  bundle?: Bundle;
  /** A message signature's signed bytes (the simple-signing payload). */
  artifact?: Buffer;
  claims?: Claims;
  /** `.att` layers: the envelope bytes as stored (a dsse entry hashes exactly them). */
  storedEnvelope?: Buffer;
  /** Why it cannot be checked (a malformed layer, an unreadable blob). */
  unreadable?: string;
}

/** A place signatures are stored in; `find` reads only. */
export interface VerifyFormat {
  readonly format: StoredFormat;
  /** The kinds it may return (a bundle referrer can hold either). */
  readonly kinds: readonly SignatureKind[];
  find(target: SignTarget, client: RegistryClient): Promise<Candidate[]>;
}

/** Stored signatures read per digest and format at most: every read is bounded. */
export const MAX_CANDIDATES = 100;

/** Blob bytes read per digest and place at most (each blob is also capped by the client). */
export const MAX_BLOB_BYTES_PER_DIGEST = 32 * 1024 * 1024;
