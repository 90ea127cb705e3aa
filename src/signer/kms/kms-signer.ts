// Signs with a key that never leaves a KMS: the SHA-256 digest of whatever the pipeline signs
// (a simple-signing payload, a DSSE PAE of a statement or attestation) is computed here and sent
// to the KMS, which returns the ASN.1 DER ECDSA signature, the same bytes `cosign sign --key
// awskms://…` stores. The public key is read once, with the key's facts, before signing starts.
import { createHash, createPublicKey } from 'node:crypto';
import type { Signature, Signer } from '@sigstore/sign';
import { SignImageError } from '../../errors.js';
import { checkKmsKey } from './key-spec.js';
import type { KmsClient } from './aws-client.js';
import type { KmsReference } from '../../inputs/kms-reference.js';

export class KmsSigner implements Signer {
  /** The digest algorithm of every signature (the hashedrekord entry names the same). */
  readonly hashAlgorithm = 'sha256' as const;
  /** SPKI PEM of the KMS key, in Go's pem.EncodeToMemory layout (what cosign prints). */
  readonly publicKeyPem: string;
  /** base64(SHA-256(SPKI DER)): the public key hint cosign puts in bundles. */
  readonly hint: string;
  /** The reference as the user gave it (no credentials: those come from the environment). */
  readonly keyRef: string;

  constructor(
    private readonly client: KmsClient,
    private readonly algorithm: string,
    spki: Buffer,
    keyRef: string,
  ) {
    this.publicKeyPem = toPem(spki);
    this.hint = createHash('sha256').update(spki).digest('base64');
    this.keyRef = keyRef;
  }

  async sign(data: Buffer): Promise<Signature> {
    const digest = createHash('sha256').update(data).digest();
    const signature = await this.client.signDigest(digest, this.algorithm);
    return {
      signature,
      key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
    };
  }
}

/** GetPublicKey once, checks the key can make signatures cosign verifies, and returns the signer. */
export async function loadKmsSigner(ref: KmsReference, client: KmsClient): Promise<KmsSigner> {
  const facts = await client.getPublicKey();
  const algorithm = checkKmsKey(facts, ref.uri);
  // The key facts and the key itself must agree: a P-256 EC SPKI, or the service misbehaved.
  let curve: string | undefined;
  try {
    const key = createPublicKey({ key: facts.spki, format: 'der', type: 'spki' });
    curve = key.asymmetricKeyDetails?.namedCurve;
  } catch {
    curve = undefined;
  }
  if (curve !== 'prime256v1') {
    throw new SignImageError(
      'KMS_ERROR',
      `The public key KMS returned for ${ref.uri} is not the P-256 key its key spec names`,
      {
        hint: 'Check the endpoint in `kms-key`: it must be AWS KMS or a faithful emulator',
      },
    );
  }
  return new KmsSigner(client, algorithm, facts.spki, ref.uri);
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
