// What the pipeline and every signature format need from a signer once it is ready: the
// @sigstore/sign Signer, who it is (for the report) and the PEM Rekor records for it.
import type { Signer } from '@sigstore/sign';
import type { SignerIdentity } from '../report/result.js';

/** A signer that is ready to sign, with what verifiers need to know about it. */
export interface PreparedSigner {
  signer: Signer;
  identity: SignerIdentity;
  /** The PEM Rekor records for this signer (public key or leaf certificate). */
  publicKeyPem: string;
  /** Keyless: the rest of the Fulcio chain for a leaf this signer used (cosign's `chain` annotation). */
  chainFor?: (leafPem: string) => string;
}
