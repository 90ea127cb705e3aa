import { generateKeyPairSync } from 'node:crypto';
import { parseEncryptedKeyPem } from '../../../src/signer/key/pem.js';
import { expectCode, fixture } from '../../helpers/key-envelope.js';

const SIGSTORE_KEY = fixture('cosign-peer/keys_test-pemsigstorekey.key');
const COSIGN_KEY = fixture('cosign-peer/keys_test-pemcosignkey.key');
const bodyLines = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'));

describe('parseEncryptedKeyPem', () => {
  describe('with a key cosign wrote', () => {
    it('reads the ENCRYPTED SIGSTORE PRIVATE KEY label and its envelope', () => {
      const { label, envelope } = parseEncryptedKeyPem(SIGSTORE_KEY);
      expect(label).toBe('ENCRYPTED SIGSTORE PRIVATE KEY');
      expect(envelope.kdf.params).toEqual({ N: 32768, r: 8, p: 1 });
      expect(envelope.kdf.salt).toHaveLength(32);
      expect(envelope.cipher.nonce).toHaveLength(24);
    });

    it('reads the older ENCRYPTED COSIGN PRIVATE KEY label', () => {
      expect(parseEncryptedKeyPem(COSIGN_KEY).label).toBe('ENCRYPTED COSIGN PRIVATE KEY');
    });

    it('reads the keys the real cosign and skopeo generated', () => {
      const cosign = parseEncryptedKeyPem(fixture('peer-captures/cosign-key.key'));
      const skopeo = parseEncryptedKeyPem(fixture('peer-captures/skopeo-key.private'));
      expect(cosign.label).toBe('ENCRYPTED SIGSTORE PRIVATE KEY');
      expect(skopeo.label).toBe('ENCRYPTED COSIGN PRIVATE KEY');
      expect(cosign.envelope.kdf.params.N).toBe(65536);
      expect(skopeo.envelope.kdf.params.N).toBe(65536);
    });
  });

  describe('when the text was mangled on its way into a secret', () => {
    const expected = parseEncryptedKeyPem(SIGSTORE_KEY);
    it.each([
      ['CRLF line ends', SIGSTORE_KEY.replace(/\n/g, '\r\n')],
      ['surrounding blank lines and spaces', `\n\n  ${SIGSTORE_KEY}  \n\n`],
      ['literal \\n sequences', SIGSTORE_KEY.trim().replace(/\n/g, '\\n')],
      ['literal \\r\\n sequences', SIGSTORE_KEY.trim().replace(/\n/g, '\\r\\n')],
      ['trailing spaces on body lines', SIGSTORE_KEY.replace(/\n/g, ' \n')],
      ['text before the BEGIN line', `cosign.key:\n${SIGSTORE_KEY}`],
      ['a byte order mark', `\uFEFF${SIGSTORE_KEY}`],
    ])('still parses with %s', (_name, text) => {
      expect(parseEncryptedKeyPem(text)).toEqual(expected);
    });
  });

  describe('when the key is missing', () => {
    it.each([[''], ['  \n\t\r\n']])('rejects %j with KEY_MISSING', async (text) => {
      await expectCode(() => parseEncryptedKeyPem(text), 'KEY_MISSING');
    });
  });

  describe('when the text is not a complete PEM', () => {
    it('rejects text without a PEM block', async () => {
      const err = await expectCode(() => parseEncryptedKeyPem('./cosign.key'), 'KEY_PEM_INVALID');
      expect(err.message).toMatch(/not PEM/);
    });

    it('points at base64 -d when the whole PEM was base64-encoded', async () => {
      const encoded = Buffer.from(SIGSTORE_KEY).toString('base64');
      const err = await expectCode(() => parseEncryptedKeyPem(encoded), 'KEY_PEM_INVALID');
      expect(err.hint).toMatch(/base64 -d/);
    });

    it('says the PEM is truncated when the END line is missing', async () => {
      const truncated = SIGSTORE_KEY.slice(0, Math.floor(SIGSTORE_KEY.length / 2));
      const err = await expectCode(() => parseEncryptedKeyPem(truncated), 'KEY_PEM_INVALID', [
        ...bodyLines(SIGSTORE_KEY),
      ]);
      expect(err.message).toMatch(/truncated/);
    });

    it('rejects an END line with another label', async () => {
      const mixed = SIGSTORE_KEY.replace('END ENCRYPTED SIGSTORE', 'END ENCRYPTED COSIGN');
      const err = await expectCode(() => parseEncryptedKeyPem(mixed), 'KEY_PEM_INVALID');
      expect(err.message).toMatch(/truncated/);
    });

    it('rejects a body that is not base64, with a message distinct from truncation', async () => {
      const lines = SIGSTORE_KEY.split('\n');
      lines[2] = `${lines[2]!.slice(0, 10)}*${lines[2]!.slice(11)}`;
      const err = await expectCode(
        () => parseEncryptedKeyPem(lines.join('\n')),
        'KEY_PEM_INVALID',
        [...bodyLines(SIGSTORE_KEY)],
      );
      expect(err.message).toMatch(/not valid base64/);
      expect(err.message).not.toMatch(/truncated/);
    });

    it('rejects an empty body', async () => {
      const empty =
        '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n';
      await expectCode(() => parseEncryptedKeyPem(empty), 'KEY_PEM_INVALID');
    });

    it('rejects a body whose middle lines were lost as an incomplete envelope', async () => {
      const lines = SIGSTORE_KEY.split('\n');
      const cut = [...lines.slice(0, 4), ...lines.slice(-2)].join('\n');
      const err = await expectCode(() => parseEncryptedKeyPem(cut), 'KEY_ENVELOPE_INVALID');
      expect(err.message).toMatch(/incomplete/);
    });
  });

  describe('when the PEM has another label', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases: [string, string, RegExp][] = [
      [
        'PRIVATE KEY',
        ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        /import-key-pair/,
      ],
      [
        'EC PRIVATE KEY',
        ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
        /import-key-pair/,
      ],
      [
        'RSA PRIVATE KEY',
        rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
        /import-key-pair/,
      ],
      [
        'ENCRYPTED PRIVATE KEY',
        ec.privateKey.export({
          type: 'pkcs8',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: 'x',
        }) as string,
        /openssl pkcs8/,
      ],
      ['PUBLIC KEY', fixture('peer-captures/cosign-key.pub'), /public key/],
    ];

    it.each(cases)(
      'rejects %s with KEY_LABEL_UNSUPPORTED and a fitting hint',
      async (label, pem, hint) => {
        const err = await expectCode(
          () => parseEncryptedKeyPem(pem),
          'KEY_LABEL_UNSUPPORTED',
          bodyLines(pem),
        );
        expect(err.message).toContain(`"${label}"`);
        expect(err.hint).toMatch(hint);
      },
    );

    it('reports the label even when that PEM is also truncated', async () => {
      const pem = cases[0]![1].slice(0, 60);
      await expectCode(() => parseEncryptedKeyPem(pem), 'KEY_LABEL_UNSUPPORTED');
    });
  });
});
