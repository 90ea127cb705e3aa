// KmsSigner with an in-process stand-in for the KMS *service*: a real P-256 key that signs the
// message whose SHA-256 is the digest it is sent (Node cannot sign a bare digest; ECDSA over
// SHA-256 of the message is the same computation). The signer's own work (hashing, key checks,
// PEM, hint) is what is tested; the real KMS path is in e2e/kms-signing.
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KmsClient } from '../../../src/signer/kms/aws-client.js';
import type { KmsKeyFacts } from '../../../src/signer/kms/key-spec.js';
import { loadKmsSigner } from '../../../src/signer/kms/kms-signer.js';
import { parseKmsReference } from '../../../src/inputs/kms-reference.js';

const REF = parseKmsReference('awskms://127.0.0.1:1/alias/test');

function digestSigningService(curve: string, facts: KmsKeyFacts, messages: Buffer[] = []) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const calls = { getPublicKey: 0, sign: [] as { digest: Buffer; algorithm: string }[] };
  const client: KmsClient = {
    async getPublicKey() {
      calls.getPublicKey++;
      return { ...facts, spki: publicKey.export({ type: 'spki', format: 'der' }) };
    },
    async signDigest(digest, algorithm) {
      calls.sign.push({ digest, algorithm });
      const message = messages.find((m) => createHash('sha256').update(m).digest().equals(digest));
      if (!message) throw new Error('the digest of no known message');
      return sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    },
  };
  return { client, calls, publicKey };
}

const P256 = {
  keySpec: 'ECC_NIST_P256',
  keyUsage: 'SIGN_VERIFY',
  signingAlgorithms: ['ECDSA_SHA_256'],
};

describe('KmsSigner', () => {
  it('sends the SHA-256 digest of what it signs, once, and returns a signature over the data', async () => {
    const data = Buffer.from('{"critical":{}}');
    const { client, calls, publicKey } = digestSigningService('P-256', P256, [data]);
    const signer = await loadKmsSigner(REF, client);
    const sig = await signer.sign(data);
    expect(calls.getPublicKey).toBe(1);
    expect(calls.sign).toEqual([
      { digest: createHash('sha256').update(data).digest(), algorithm: 'ECDSA_SHA_256' },
    ]);
    expect(verify('sha256', data, publicKey, sig.signature)).toBe(true);
    expect(verify('sha256', Buffer.from('other'), publicKey, sig.signature)).toBe(false);
    expect(sig.key).toEqual({
      $case: 'publicKey',
      publicKey: signer.publicKeyPem,
      hint: createHash('sha256')
        .update(publicKey.export({ type: 'spki', format: 'der' }))
        .digest('base64'),
    });
    expect(signer.keyRef).toBe('awskms://127.0.0.1:1/alias/test');
  });

  it("writes the public key as Go's PEM (64-character lines, trailing newline)", async () => {
    const { client, publicKey } = digestSigningService('P-256', P256);
    const signer = await loadKmsSigner(REF, client);
    expect(signer.publicKeyPem).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END PUBLIC KEY-----\n$/,
    );
    expect(createPublicKey(signer.publicKeyPem).export({ format: 'jwk' })).toEqual(
      publicKey.export({ format: 'jwk' }),
    );
  });

  it('refuses a key whose SPKI is not the P-256 key its spec names', async () => {
    const { client } = digestSigningService('P-384', P256);
    await expect(loadKmsSigner(REF, client)).rejects.toMatchObject({ code: 'KMS_ERROR' });
  });

  it('refuses a P-384 key before any Sign call', async () => {
    const { client, calls } = digestSigningService('P-384', {
      keySpec: 'ECC_NIST_P384',
      keyUsage: 'SIGN_VERIFY',
      signingAlgorithms: ['ECDSA_SHA_384'],
    });
    await expect(loadKmsSigner(REF, client)).rejects.toMatchObject({
      code: 'KMS_KEY_SPEC_UNSUPPORTED',
    });
    expect(calls.sign).toEqual([]);
  });
});
