import {
  constants,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  verify,
  type KeyObject,
} from 'node:crypto';
import { startKeyDecryption } from '../../../src/signer/key/decrypt.js';
import { KeySigner, loadKeySigner } from '../../../src/signer/key/key-signer.js';
import {
  CAPTURED_PASSWORD,
  encryptKey,
  expectCode,
  fixture,
  fixtureBytes,
} from '../../helpers/key-envelope.js';
import { rejectionOf } from '../../helpers/errors.js';

const PAYLOAD = fixtureBytes('peer-captures/cosign-sig-payload.json');
const COSIGN_PUB = fixture('peer-captures/cosign-key.pub');

// cosign's signature over PAYLOAD, from the `.sig` manifest it pushed.
const COSIGN_SIGNATURE = Buffer.from(
  JSON.parse(fixture('peer-captures/cosign-sig-manifest.json')).layers[0].annotations[
    'dev.cosignproject.cosign/signature'
  ],
  'base64',
);

describe('KeySigner', () => {
  describe('with the key the real cosign generated', () => {
    let signer: KeySigner;
    beforeAll(async () => {
      signer = await loadKeySigner(fixture('peer-captures/cosign-key.key'), CAPTURED_PASSWORD);
    });

    it('describes the key as cosign does', () => {
      expect(signer.algorithm).toBe('ecdsa-p256');
      expect(signer.hashAlgorithm).toBe('sha256');
      expect(signer.keyDetails).toBe('PKIX_ECDSA_P256_SHA_256');
    });

    it('gives a public key PEM byte-identical to cosign.pub', () => {
      expect(signer.publicKeyPem).toBe(COSIGN_PUB);
    });

    it('gives the hint as base64(SHA-256(SPKI DER))', () => {
      const spki = createPublicKey(COSIGN_PUB).export({ type: 'spki', format: 'der' });
      expect(signer.hint).toBe(createHash('sha256').update(spki).digest('base64'));
    });

    it('signs the captured payload so that cosign.pub verifies it', async () => {
      const { signature, key } = await signer.sign(PAYLOAD);
      expect(key).toEqual({ $case: 'publicKey', publicKey: COSIGN_PUB, hint: signer.hint });
      expect(signature[0]).toBe(0x30); // ASN.1 DER SEQUENCE, not raw r||s
      expect(verify('sha256', PAYLOAD, COSIGN_PUB, signature)).toBe(true);
    });

    it('agrees with cosign: cosign’s own signature verifies with the same public key', () => {
      expect(verify('sha256', PAYLOAD, signer.publicKeyPem, COSIGN_SIGNATURE)).toBe(true);
    });
  });

  describe('with the key the real skopeo generated', () => {
    it('signs so that skopeo-key.pub verifies it', async () => {
      const signer = await loadKeySigner(
        fixture('peer-captures/skopeo-key.private'),
        CAPTURED_PASSWORD,
      );
      expect(signer.publicKeyPem).toBe(fixture('peer-captures/skopeo-key.pub'));
      const { signature } = await signer.sign(PAYLOAD);
      expect(verify('sha256', PAYLOAD, fixture('peer-captures/skopeo-key.pub'), signature)).toBe(
        true,
      );
    });
  });

  describe('with keys imported into cosign’s envelope', () => {
    const password = 'import-pass-#1';
    const cases: [string, KeyObject, string, string][] = [
      [
        'ecdsa-p384',
        generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
        'sha384',
        'PKIX_ECDSA_P384_SHA_384',
      ],
      [
        'ecdsa-p521',
        generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey,
        'sha512',
        'PKIX_ECDSA_P521_SHA_512',
      ],
      [
        'rsa-2048',
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
        'sha256',
        'PKIX_RSA_PKCS1V15_2048_SHA256',
      ],
      [
        'rsa-3072',
        generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey,
        'sha256',
        'PKIX_RSA_PKCS1V15_3072_SHA256',
      ],
      [
        'rsa-4096',
        generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey,
        'sha256',
        'PKIX_RSA_PKCS1V15_4096_SHA256',
      ],
    ];

    it.each(cases)('loads %s and signs with %s', async (algorithm, key, hash, details) => {
      const signer = await loadKeySigner(encryptKey(key, password), password);
      expect(signer).toMatchObject({ algorithm, hashAlgorithm: hash, keyDetails: details });
      const pub = createPublicKey(key);
      expect(signer.publicKeyPem).toBe(pub.export({ type: 'spki', format: 'pem' }));

      const { signature } = await signer.sign(PAYLOAD);
      const padding = { key: pub, padding: constants.RSA_PKCS1_PADDING };
      expect(
        verify(hash, PAYLOAD, key.asymmetricKeyType === 'rsa' ? padding : pub, signature),
      ).toBe(true);
      // The digest matters: the hashedrekord entry must name this hash, not always SHA-256.
      const other = hash === 'sha256' ? 'sha512' : 'sha256';
      expect(verify(other, PAYLOAD, pub, signature)).toBe(false);
    });

    it('signs RSA with PKCS#1 v1.5, not PSS', async () => {
      const key = cases[2]![1];
      const signer = await loadKeySigner(encryptKey(key, password), password);
      const { signature } = await signer.sign(PAYLOAD);
      const pss = { key: createPublicKey(key), padding: constants.RSA_PKCS1_PSS_PADDING };
      expect(verify('sha256', PAYLOAD, pss, signature)).toBe(false);
    });
  });

  describe('with keys cosign cannot sign with', () => {
    it('refuses Ed25519, because cosign signs those with Ed25519ph', async () => {
      const key = generateKeyPairSync('ed25519').privateKey;
      const err = await expectCode(
        () => loadKeySigner(encryptKey(key, 'ed-secret'), 'ed-secret'),
        'KEY_ALGORITHM_UNSUPPORTED',
        ['ed-secret'],
      );
      expect(err.message).toMatch(/Ed25519ph/);
    });

    it.each<[string, KeyObject]>([
      ['RSA 1024', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey],
      ['secp256k1', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey],
      ['Ed448', generateKeyPairSync('ed448').privateKey],
      ['X25519', generateKeyPairSync('x25519').privateKey],
      ['RSA-PSS', generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey],
    ])('refuses %s with KEY_ALGORITHM_UNSUPPORTED', async (_name, key) => {
      await expectCode(
        () => loadKeySigner(encryptKey(key, 'pw'), 'pw'),
        'KEY_ALGORITHM_UNSUPPORTED',
      );
    });

    it('refuses a public key object', async () => {
      const key = await startKeyDecryption(
        fixture('cosign-peer/keys_test-pemsigstorekey.key'),
        'hello',
      );
      const err = await rejectionOf(() => new KeySigner(createPublicKey(key)));
      expect(err.code).toBe('INTERNAL');
    });
  });

  describe('loadKeySigner', () => {
    it('passes decryption errors through, without the password', async () => {
      await expectCode(
        () => loadKeySigner(fixture('peer-captures/cosign-key.key'), 'throwaway-pasS'),
        'KEY_PASSWORD_WRONG',
        ['throwaway-pasS'],
      );
    });
  });
});
