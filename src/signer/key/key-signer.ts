import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { pem } from '@sigstore/core';
import type { Signature, Signer } from '@sigstore/sign';
import { SignImageError } from '../../errors.js';
import {
  signingAlgorithmFor,
  type HashAlgorithm,
  type KeyAlgorithm,
  type SigningAlgorithm,
} from './algorithm.js';
import { startKeyDecryption, type Password } from './decrypt.js';

/** Signs with a cosign private key, producing the same signatures as `cosign sign --key`. */
export class KeySigner implements Signer {
  readonly algorithm: KeyAlgorithm;
  /** Digest algorithm of the signature; the hashedrekord entry must name the same one. */
  readonly hashAlgorithm: HashAlgorithm;
  /** protobuf-specs `PublicKeyDetails` name, e.g. `PKIX_ECDSA_P256_SHA_256`. */
  readonly keyDetails: string;
  /** SPKI PEM, byte for byte what `cosign generate-key-pair` writes to cosign.pub. */
  readonly publicKeyPem: string;
  /** base64(SHA-256(SPKI DER)): the public key hint cosign puts in bundles. */
  readonly hint: string;
  readonly #privateKey: KeyObject;

  constructor(privateKey: KeyObject) {
    if (privateKey.type !== 'private') {
      throw new SignImageError('INTERNAL', 'KeySigner needs a private key');
    }
    const alg: SigningAlgorithm = signingAlgorithmFor(privateKey);
    this.algorithm = alg.algorithm;
    this.hashAlgorithm = alg.hashAlgorithm;
    this.keyDetails = alg.keyDetails;
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    // Go's pem.EncodeToMemory layout (64-character lines, trailing newline), as cosign writes it.
    this.publicKeyPem = pem.fromDER(spki, 'PUBLIC KEY');
    this.hint = createHash('sha256').update(spki).digest('base64');
    this.#privateKey = privateKey;
  }

  /**
   * Signs `data`: ECDSA as ASN.1 DER over the curve's hash, RSA as PKCS#1 v1.5 SHA-256
   * (Node's defaults for these key types, and what Go's verifiers expect).
   */
  async sign(data: Buffer): Promise<Signature> {
    const signature = await new Promise<Buffer>((resolve, reject) => {
      sign(this.hashAlgorithm, data, this.#privateKey, (err, sig) =>
        err ? reject(err) : resolve(sig),
      );
    });
    return {
      signature,
      key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
    };
  }
}

/**
 * Starts decrypting the key right away (scrypt runs in the thread pool) and resolves to a
 * signer. Like startKeyDecryption, the promise is pre-handled so an early failure waits for
 * the caller's await instead of crashing the process.
 */
export function loadKeySigner(
  pemText: string,
  password: Password,
  /** The decryption index.ts already started for this key, if any. */
  started: Promise<KeyObject> = startKeyDecryption(pemText, password),
): Promise<KeySigner> {
  const pending = started.then((key) => new KeySigner(key));
  pending.catch(() => undefined);
  return pending;
}
