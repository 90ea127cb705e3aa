// Fuzz-style tests of the key parsers, which read the COSIGN_PRIVATE_KEY secret: mutated
// cosign and skopeo key files, envelopes with fields of every shape, damaged PKCS#8 and a few
// tampered ciphertexts (seeded, see harness.ts). Each must parse or throw a SignImageError of
// the key stage, fast, before any scrypt for a bad envelope, and never quote the key.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignImageError } from '../../src/errors.js';
import { privateKeyFromDer } from '../../src/signer/key/decrypt.js';
import { loadKeySigner } from '../../src/signer/key/key-signer.js';
import { parseEncryptedKeyPem } from '../../src/signer/key/pem.js';
import { seededRandom } from '../helpers/fault-proxy.js';
import {
  fuzz,
  mutate,
  mutateBytes,
  mutateJson,
  pick,
  randomText,
  SEED,
} from '../helpers/fuzz-harness.js';

const KEY_CODES = [
  'KEY_MISSING',
  'KEY_PEM_INVALID',
  'KEY_LABEL_UNSUPPORTED',
  'KEY_ENVELOPE_INVALID',
  'KEY_KDF_UNSUPPORTED',
  'KEY_PASSWORD_WRONG',
  'KEY_FORMAT_SEC1',
  'KEY_ALGORITHM_UNSUPPORTED',
];
const key = (p: string) => readFileSync(new URL(`../fixtures/keys/${p}`, import.meta.url), 'utf8');
const KEYS = [
  key('peer-captures/cosign-key.key'),
  key('peer-captures/skopeo-key.private'),
  key('cosign-peer/keys_test-pemsigstorekey.key'),
  key('cosign-peer/keys_test-pemcosignkey.key'),
];

// A key PEM's secret parts: the whole text and every base64 line of its body.
const keySecrets = (pem: string) => [
  pem.trim(),
  ...pem.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----')),
];

describe('key parsers', () => {
  it('parse or refuse 2500 mutated cosign and skopeo key files, never quoting them', () => {
    const seen = fuzz(
      'parseEncryptedKeyPem',
      2500,
      (r) => {
        const base = pick(r, KEYS);
        return { base, text: r() < 0.1 ? randomText(r, 400) : mutate(base, r) };
      },
      ({ text }) => void parseEncryptedKeyPem(text),
      KEY_CODES,
      ({ base }) => keySecrets(base),
    );
    for (const code of ['KEY_ENVELOPE_INVALID', 'KEY_LABEL_UNSUPPORTED', 'KEY_PEM_INVALID'])
      expect(seen.codes).toContain(code);
    expect(seen.slowestMs).toBeLessThan(50);
  });

  it('refuse 1500 envelopes with mutated JSON fields (types, sizes, scrypt cost) before any scrypt', () => {
    const seen = fuzz(
      'parseKeyEnvelope',
      1500,
      (r) => {
        const base = pick(r, KEYS);
        const label = /-----BEGIN ([^\n]*)-----/.exec(base)![1]!;
        const body = base
          .split('\n')
          .filter((l) => l && !l.startsWith('-----'))
          .join('');
        const doc = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<
          string,
          unknown
        >;
        mutateJson(doc, r);
        const b64 = Buffer.from(JSON.stringify(doc)).toString('base64').replace(/.{64}/g, '$&\n');
        return { base, text: `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n` };
      },
      ({ text }) => void parseEncryptedKeyPem(text),
      KEY_CODES,
      ({ base }) => keySecrets(base),
    );
    expect(seen.codes).toContain('KEY_ENVELOPE_INVALID');
    expect(seen.codes).toContain('KEY_KDF_UNSUPPORTED');
    expect(seen.slowestMs).toBeLessThan(50);
  });

  it('read or refuse 800 mutated PKCS#8 keys as cosign does', () => {
    const der = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    });
    const seen = fuzz(
      'privateKeyFromDer',
      800,
      (r) => mutateBytes(der, r),
      (bytes) => void privateKeyFromDer(Buffer.from(bytes)),
      KEY_CODES,
    );
    expect(seen.codes).toContain('KEY_ENVELOPE_INVALID');
    expect(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).not.toThrow();
  });

  it('decrypt or refuse keys whose ciphertext, nonce or salt was flipped (a few: scrypt is slow)', async () => {
    const random = seededRandom(SEED);
    for (let i = 0; i < 6; i++) {
      const base = KEYS[0]!;
      const body = base
        .split('\n')
        .filter((l) => l && !l.startsWith('-----'))
        .join('');
      const doc = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<
        string,
        Record<string, string>
      >;
      const field = pick(random, ['ciphertext', 'nonce', 'salt']);
      const holder =
        field === 'ciphertext'
          ? (doc as Record<string, unknown>)
          : field === 'nonce'
            ? doc.cipher!
            : doc.kdf!;
      const bytes = Buffer.from(holder[field] as string, 'base64');
      bytes[Math.floor(random() * bytes.length)]! ^= 1 + Math.floor(random() * 255);
      holder[field] = bytes.toString('base64');
      const pem = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(JSON.stringify(doc)).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
      const err = await loadKeySigner(pem, 'throwaway-pass').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SignImageError);
      expect((err as SignImageError).code).toBe('KEY_PASSWORD_WRONG');
    }
  });
});
