import type { KeyObject } from 'node:crypto';
import { SignImageError } from '../../errors.js';

/** Key types we sign with, named by key and size. */
export type KeyAlgorithm =
  'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096';

/** Digest the signature is made over; a Rekor hashedrekord entry must carry the same one. */
export type HashAlgorithm = 'sha256' | 'sha384' | 'sha512';

/** How cosign signs with a key by default (sigstore `GetDefaultPublicKeyDetails`). */
export interface SigningAlgorithm {
  readonly algorithm: KeyAlgorithm;
  readonly hashAlgorithm: HashAlgorithm;
  /** The protobuf-specs `PublicKeyDetails` name, e.g. `PKIX_ECDSA_P256_SHA_256`. */
  readonly keyDetails: string;
}

// sigstore:pkg/signature/algorithm_registry.go: ECDSA hashes follow the curve size; RSA uses
// PKCS#1 v1.5 with SHA-256 at the three sizes ValidatePubKey allows.
const ECDSA: Record<string, SigningAlgorithm> = {
  prime256v1: {
    algorithm: 'ecdsa-p256',
    hashAlgorithm: 'sha256',
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
  },
  secp384r1: {
    algorithm: 'ecdsa-p384',
    hashAlgorithm: 'sha384',
    keyDetails: 'PKIX_ECDSA_P384_SHA_384',
  },
  secp521r1: {
    algorithm: 'ecdsa-p521',
    hashAlgorithm: 'sha512',
    keyDetails: 'PKIX_ECDSA_P521_SHA_512',
  },
};
const RSA: Record<number, SigningAlgorithm> = {
  2048: {
    algorithm: 'rsa-2048',
    hashAlgorithm: 'sha256',
    keyDetails: 'PKIX_RSA_PKCS1V15_2048_SHA256',
  },
  3072: {
    algorithm: 'rsa-3072',
    hashAlgorithm: 'sha256',
    keyDetails: 'PKIX_RSA_PKCS1V15_3072_SHA256',
  },
  4096: {
    algorithm: 'rsa-4096',
    hashAlgorithm: 'sha256',
    keyDetails: 'PKIX_RSA_PKCS1V15_4096_SHA256',
  },
};
const USE_P256 = 'use an ECDSA P-256 key, as `cosign generate-key-pair` creates';

/** The algorithm cosign would sign with for this key; throws KEY_ALGORITHM_UNSUPPORTED otherwise. */
export function signingAlgorithmFor(key: KeyObject): SigningAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const found = ECDSA[details.namedCurve ?? ''];
      if (found) return found;
      throw unsupported(
        'The private key is on an elliptic curve cosign does not sign with (only P-256, P-384 and P-521)',
      );
    }
    case 'rsa': {
      const found = RSA[details.modulusLength ?? 0];
      if (found) return found;
      throw unsupported(
        `The private key is a ${details.modulusLength ?? 'unknown'}-bit RSA key; cosign accepts only 2048, 3072 or 4096 bits`,
      );
    }
    case 'ed25519':
      // cosign signs with Ed25519ph (SHA-512 prehash, RFC 8032) for keys loaded from a file
      // (GetDefaultLoadOptions), and Rekor hashedrekord needs it; node:crypto has only pure Ed25519.
      throw unsupported(
        'Ed25519 keys are not supported yet: cosign signs with Ed25519ph, which this action cannot produce',
      );
    default:
      throw unsupported(
        `The private key type "${key.asymmetricKeyType ?? 'unknown'}" is not supported by cosign`,
      );
  }
}

function unsupported(message: string): SignImageError {
  return new SignImageError('KEY_ALGORITHM_UNSUPPORTED', message, { hint: USE_P256 });
}
