import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  openEnvelope,
  privateKeyFromDer,
  scryptMaxmem,
  startKeyDecryption,
} from '../../../src/signer/key/decrypt.js';
import { parseKeyEnvelope } from '../../../src/signer/key/envelope.js';
import { parseEncryptedKeyPem } from '../../../src/signer/key/pem.js';
import {
  CAPTURED_PASSWORD,
  encryptKey,
  encryptToPem,
  expectCode,
  fixture,
} from '../../helpers/key-envelope.js';

const publicPem = (key: KeyObject) =>
  createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string;

// Derived public keys listed in shared/fixtures/cosign-peer/SOURCES.md.
const PEMSIGSTOREKEY_PUB = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7z9gA/tqa9iHt/f9F3ulyVi4lwqU
LfHWfhG2mK4eyJ8LDcLstb+VVhxj3pkMjc3fNo+sSfiIY2NLR7c+DG1V4w==
-----END PUBLIC KEY-----
`;
const PEMCOSIGNKEY_PUB = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECYtspttZZ7e9PMd8wyU2CWDlpEXN
bqTve0ZBuOXu9xTjtm7Z107cVLCCk96Ma4D0tesnKeCPwrcspLz7GNZJSw==
-----END PUBLIC KEY-----
`;

describe('startKeyDecryption', () => {
  describe('with the keys from cosign’s own tests', () => {
    it.each([
      ['keys_test-pemsigstorekey.key', PEMSIGSTOREKEY_PUB],
      ['keys_test-pemcosignkey.key', PEMCOSIGNKEY_PUB],
    ])('decrypts %s with "hello" to the P-256 key SOURCES.md lists', async (file, pub) => {
      const key = await startKeyDecryption(fixture(`cosign-peer/${file}`), 'hello');
      expect(key.asymmetricKeyType).toBe('ec');
      expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      expect(publicPem(key)).toBe(pub);
    });

    it('rejects pemcosigneckey, which holds SEC1 instead of PKCS#8, as cosign does', async () => {
      const err = await expectCode(
        () => startKeyDecryption(fixture('cosign-peer/keys_test-pemcosigneckey.key'), 'hello'),
        'KEY_FORMAT_SEC1',
        ['hello'],
      );
      expect(err.hint).toMatch(/cosign import-key-pair/);
    });
  });

  describe('with the keys the real cosign and skopeo generated', () => {
    it.each([
      ['cosign-key.key', 'cosign-key.pub'],
      ['skopeo-key.private', 'skopeo-key.pub'],
    ])('decrypts %s to the key in %s', async (file, pub) => {
      const key = await startKeyDecryption(fixture(`peer-captures/${file}`), CAPTURED_PASSWORD);
      expect(publicPem(key)).toBe(fixture(`peer-captures/${pub}`));
    });
  });

  describe('with a wrong password', () => {
    const pem = fixture('cosign-peer/keys_test-pemsigstorekey.key');

    it('rejects with KEY_PASSWORD_WRONG, without the password in the error', async () => {
      const password = 'hunter2-do-not-print';
      const err = await expectCode(() => startKeyDecryption(pem, password), 'KEY_PASSWORD_WRONG', [
        password,
      ]);
      expect(err.message).toBe('The private key could not be decrypted with the given password');
      expect(err.hint).toMatch(/COSIGN_PASSWORD/);
    });

    it('points out a trailing newline, which cosign keeps as part of the password', async () => {
      const err = await expectCode(() => startKeyDecryption(pem, 'hello\n'), 'KEY_PASSWORD_WRONG', [
        'hello',
      ]);
      expect(err.hint).toMatch(/newline/);
    });

    it('points out an empty password', async () => {
      const err = await expectCode(() => startKeyDecryption(pem, ''), 'KEY_PASSWORD_WRONG');
      expect(err.hint).toMatch(/empty/);
    });

    it('accepts the password as bytes', async () => {
      await expect(startKeyDecryption(pem, Buffer.from('hello'))).resolves.toBeDefined();
    });
  });

  describe('when the decrypted bytes are not PKCS#8', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

    it('rejects a SEC1 EC key with KEY_FORMAT_SEC1', async () => {
      const pem = encryptToPem(ec.export({ type: 'sec1', format: 'der' }), 'pw-sec1-secret');
      await expectCode(() => startKeyDecryption(pem, 'pw-sec1-secret'), 'KEY_FORMAT_SEC1', [
        'pw-sec1-secret',
      ]);
    });

    it('rejects a PKCS#1 RSA key with KEY_ENVELOPE_INVALID naming PKCS#1', async () => {
      const pem = encryptToPem(rsa.export({ type: 'pkcs1', format: 'der' }), 'pw');
      const err = await expectCode(() => startKeyDecryption(pem, 'pw'), 'KEY_ENVELOPE_INVALID');
      expect(err.message).toMatch(/PKCS#1/);
    });

    it('rejects other bytes with KEY_ENVELOPE_INVALID', async () => {
      const pem = encryptToPem(Buffer.from('reallyimportant'), 'pw');
      await expectCode(() => startKeyDecryption(pem, 'pw'), 'KEY_ENVELOPE_INVALID');
    });
  });

  describe('when the input cannot be a cosign key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

    it.each([
      ['an empty key', '', 'KEY_MISSING'],
      ['a truncated PEM', fixture('peer-captures/cosign-key.key').slice(0, 200), 'KEY_PEM_INVALID'],
      [
        'an unencrypted PRIVATE KEY',
        ec.export({ type: 'pkcs8', format: 'pem' }) as string,
        'KEY_LABEL_UNSUPPORTED',
      ],
      ['a public key', fixture('peer-captures/cosign-key.pub'), 'KEY_LABEL_UNSUPPORTED'],
    ] as const)('rejects %s with %s', async (_name, pem, code) => {
      await expectCode(() => startKeyDecryption(pem, 'pw'), code);
    });

    it('rejects N=1024 with KEY_KDF_UNSUPPORTED before running scrypt', async () => {
      const pem = encryptKey(ec, 'pw', { N: 1024 });
      const started = performance.now();
      const err = await expectCode(() => startKeyDecryption(pem, 'pw'), 'KEY_KDF_UNSUPPORTED');
      expect(err.message).toMatch(/unsupported scrypt parameters/);
      expect(performance.now() - started).toBeLessThan(50);
    });
  });

  describe('as the action uses it, started early and awaited later', () => {
    it('returns a promise instead of throwing, even for input it cannot parse', async () => {
      let pending: Promise<unknown> | undefined;
      expect(() => (pending = startKeyDecryption('', 'pw'))).not.toThrow();
      await expect(pending).toFailWith('KEY_MISSING');
    });

    it('does not raise an unhandled rejection when it fails before being awaited', async () => {
      const reasons: unknown[] = [];
      const unhandled = (reason: unknown) => reasons.push(reason);
      process.on('unhandledRejection', unhandled);
      try {
        const pending = startKeyDecryption(
          fixture('cosign-peer/keys_test-pemsigstorekey.key'),
          'no',
        );
        await new Promise((resolve) => setTimeout(resolve, 600)); // scrypt at N=2^15 fails in ~0.1 s
        expect(reasons).toEqual([]);
        await expect(pending).toFailWith('KEY_PASSWORD_WRONG');
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    });
  });
});

describe('openEnvelope', () => {
  type Vector = { name: string; passphrase: string; encrypted: string; plaintext_utf8: string };
  const { vectors } = JSON.parse(fixture('cosign-peer/sslib-encrypted-vectors.json')) as {
    vectors: Vector[];
  };

  it('has the four go-securesystemslib vectors', () => {
    expect(vectors.map((v) => v.name)).toEqual([
      'kdfVectors[Legacy]',
      'kdfVectors[Standard]',
      'kdfVectors[OWASP]',
      'TestDecrypt',
    ]);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('decrypts %s', async (_name, v) => {
    const plaintext = await openEnvelope(parseKeyEnvelope(v.encrypted), v.passphrase);
    expect(plaintext.toString('utf8')).toBe(v.plaintext_utf8);
  });

  it('rejects a wrong passphrase on a raw envelope', async () => {
    const v = vectors[3]!;
    await expectCode(
      () => openEnvelope(parseKeyEnvelope(v.encrypted), 'supersecreT'),
      'KEY_PASSWORD_WRONG',
      ['supersecreT'],
    );
  });

  it('rejects a ciphertext with one bit flipped as it would a wrong password', async () => {
    const { envelope } = parseEncryptedKeyPem(fixture('cosign-peer/keys_test-pemsigstorekey.key'));
    envelope.ciphertext[40]! ^= 1;
    await expectCode(() => openEnvelope(envelope, 'hello'), 'KEY_PASSWORD_WRONG');
  });

  it('opens the captured cosign key to the 138-byte PKCS#8 DER cosign writes for P-256', async () => {
    const { envelope } = parseEncryptedKeyPem(fixture('peer-captures/cosign-key.key'));
    const der = await openEnvelope(envelope, CAPTURED_PASSWORD);
    expect(der).toHaveLength(138);
    expect(der.subarray(0, 17).toString('hex')).toBe('308187020100301306072a8648ce3d0201');
  });
});

describe('privateKeyFromDer', () => {
  it('zeroes the bytes it was given', () => {
    const der = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    });
    privateKeyFromDer(der);
    expect(der.every((b) => b === 0)).toBe(true);
  });
});

describe('scryptMaxmem', () => {
  it('covers what OpenSSL needs for the largest set cosign accepts (N=2^17, r=8, p=1)', () => {
    const needed = 128 * 8 * (131072 + 2) + 128 * 8 * 1;
    expect(scryptMaxmem({ N: 131072, r: 8, p: 1 })).toBeGreaterThanOrEqual(needed);
    expect(scryptMaxmem({ N: 131072, r: 8, p: 1 })).toBeLessThan(needed + 2 * 1024 * 1024);
  });
});
