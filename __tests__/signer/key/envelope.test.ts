import { checkScryptParams, parseKeyEnvelope } from '../../../src/signer/key/envelope.js';
import { expectCode } from '../../helpers/key-envelope.js';

const b64 = (n: number) => Buffer.alloc(n, 7).toString('base64');

// A well-formed envelope as plain data; each test breaks one part of it (undefined drops a field).
interface Draft {
  kdf?: { name: unknown; params?: { N: unknown; r: unknown; p: unknown }; salt: unknown };
  cipher: { name: unknown; nonce: unknown };
  ciphertext?: unknown;
}

function envelope(): Draft {
  return {
    kdf: { name: 'scrypt', params: { N: 65536, r: 8, p: 1 }, salt: b64(32) },
    cipher: { name: 'nacl/secretbox', nonce: b64(24) },
    ciphertext: b64(154),
  };
}

function withChange(change: (e: Draft) => void): string {
  const e = envelope();
  change(e);
  return JSON.stringify(e);
}

describe('parseKeyEnvelope', () => {
  it('decodes the fields of a well-formed envelope', () => {
    const parsed = parseKeyEnvelope(JSON.stringify(envelope()));
    expect(parsed.kdf).toEqual({
      name: 'scrypt',
      params: { N: 65536, r: 8, p: 1 },
      salt: Buffer.alloc(32, 7),
    });
    expect(parsed.cipher).toEqual({ name: 'nacl/secretbox', nonce: Buffer.alloc(24, 7) });
    expect(parsed.ciphertext).toEqual(Buffer.alloc(154, 7));
  });

  it('accepts the bytes of the JSON as well as its text', () => {
    const text = JSON.stringify(envelope());
    expect(parseKeyEnvelope(Buffer.from(text))).toEqual(parseKeyEnvelope(text));
  });

  it.each([32768, 65536, 131072])('accepts N=%i', (N) => {
    const parsed = parseKeyEnvelope(withChange((e) => (e.kdf!.params!.N = N)));
    expect(parsed.kdf.params.N).toBe(N);
  });

  // go-securesystemslib writes 32-byte salts but does not check their length when decrypting.
  it('accepts a salt of another length, as go-securesystemslib does', () => {
    expect(parseKeyEnvelope(withChange((e) => (e.kdf!.salt = b64(16)))).kdf.salt).toHaveLength(16);
  });

  describe('with scrypt parameters cosign refuses', () => {
    it.each([
      ['N=1024', { N: 1024, r: 8, p: 1 }],
      ['N=2^20', { N: 1048576, r: 8, p: 1 }],
      ['r=16', { N: 65536, r: 16, p: 1 }],
      ['p=2', { N: 65536, r: 8, p: 2 }],
    ])('rejects %s with KEY_KDF_UNSUPPORTED', async (_name, params) => {
      const err = await expectCode(
        () => parseKeyEnvelope(withChange((e) => (e.kdf!.params = params))),
        'KEY_KDF_UNSUPPORTED',
      );
      expect(err.message).toMatch(/unsupported scrypt parameters/);
      expect(err.message).toContain(`N=${params.N}`);
    });
  });

  describe('with a malformed envelope', () => {
    it.each<[string, string | Uint8Array]>([
      ['text that is not JSON', 'hello'],
      ['a JSON array', '[]'],
      ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
      ['no kdf', withChange((e) => (e.kdf = undefined))],
      ['another kdf', withChange((e) => (e.kdf!.name = 'pbkdf2'))],
      ['no scrypt params', withChange((e) => (e.kdf!.params = undefined))],
      ['N as a string', withChange((e) => (e.kdf!.params!.N = '65536'))],
      ['a fractional N', withChange((e) => (e.kdf!.params!.N = 65536.5))],
      ['a salt that is not base64', withChange((e) => (e.kdf!.salt = 'not base64!'))],
      ['unpadded base64', withChange((e) => (e.kdf!.salt = b64(32).replace(/=+$/, '')))],
      ['another cipher', withChange((e) => (e.cipher.name = 'aes-gcm'))],
      ['a 12-byte nonce', withChange((e) => (e.cipher.nonce = b64(12)))],
      ['no ciphertext', withChange((e) => (e.ciphertext = undefined))],
      ['a ciphertext shorter than the Poly1305 tag', withChange((e) => (e.ciphertext = b64(16)))],
    ])('rejects %s with KEY_ENVELOPE_INVALID', async (_name, input) => {
      await expectCode(() => parseKeyEnvelope(input), 'KEY_ENVELOPE_INVALID');
    });

    it('says the envelope is incomplete when its JSON was cut off', async () => {
      const cut = JSON.stringify(envelope()).slice(0, 80);
      const err = await expectCode(() => parseKeyEnvelope(cut), 'KEY_ENVELOPE_INVALID');
      expect(err.message).toMatch(/incomplete/);
    });
  });
});

describe('checkScryptParams', () => {
  it('accepts exactly the Legacy, Standard and OWASP sets', () => {
    for (const N of [32768, 65536, 131072])
      expect(() => checkScryptParams({ N, r: 8, p: 1 })).not.toThrow();
    expect(() => checkScryptParams({ N: 16384, r: 8, p: 1 })).toThrow(
      /unsupported scrypt parameters/,
    );
  });
});
