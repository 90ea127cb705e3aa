// Pure: which KMS keys this action signs with, decided from what GetPublicKey reports.
//
// Only ECC_NIST_P256 with SIGN_VERIFY, signed as ECDSA_SHA_256 over a SHA-256 digest:
// - cosign verifies a `--key` PEM with SHA-256 (the hashedrekord entry and bundle checks assume
//   it too, cosign-format §4), so a P-384/P-521 key, which KMS only lets sign SHA-384/SHA-512
//   digests, gives signatures that cosign's verification does not follow;
// - for an RSA key, `cosign verify --key awskms://…` verifies with the key's first signing
//   algorithm (RSASSA_PSS_SHA_256) while `cosign verify --key cosign.pub` verifies PKCS#1 v1.5:
//   whichever we sign with, one of cosign's two verifications refuses it;
// - secp256k1 and SM2 keys are not keys cosign verifies.
import { SignImageError } from '../../errors.js';

/** The facts GetPublicKey returns about a key (AWS names). */
export interface KmsKeyFacts {
  keySpec?: string;
  keyUsage?: string;
  signingAlgorithms?: readonly string[];
}

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';
export const KEY_SPEC = 'ECC_NIST_P256';

const HINT =
  'Use an ECC_NIST_P256 SIGN_VERIFY key (what `cosign generate-key-pair --kms awskms:///alias/NAME` creates)';

/** Returns the signing algorithm to send with Sign, or throws why this key cannot be used. */
export function checkKmsKey(facts: KmsKeyFacts, uri: string): typeof SIGNING_ALGORITHM {
  const spec = safeName(facts.keySpec);
  if (facts.keyUsage !== 'SIGN_VERIFY') {
    throw new SignImageError(
      'KMS_KEY_CANNOT_SIGN',
      `The KMS key ${uri} has key usage ${safeName(facts.keyUsage)}${spec !== 'unknown' ? ` (${spec})` : ''}, so it cannot sign`,
      { hint: HINT },
    );
  }
  if (spec !== KEY_SPEC || !(facts.signingAlgorithms ?? []).includes(SIGNING_ALGORITHM)) {
    throw new SignImageError(
      'KMS_KEY_SPEC_UNSUPPORTED',
      `The KMS key ${uri} has key spec ${spec}, whose signatures cosign's verification would not accept`,
      { hint: HINT },
    );
  }
  return SIGNING_ALGORITHM;
}

// The spec and usage come from the service: printed only when they look like AWS enum names.
function safeName(value: string | undefined): string {
  return value && /^[A-Z0-9_]{1,40}$/.test(value) ? value : 'unknown';
}
