// Test-only helpers: fixture access and an independent encrypter that writes the envelope the way
// go-securesystemslib's encrypted.Encrypt does, so tests can make keys of any type.
import { randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nacl from 'tweetnacl';
import type { ErrorCode, SignImageError } from '../../src/errors.js';
import { rejectionOf } from './errors.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/keys/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(FIXTURES + path, 'utf8');
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(FIXTURES + path);
}

export const CAPTURED_PASSWORD = fixture('peer-captures/pass.txt');

export interface EncryptOptions {
  N?: number;
  r?: number;
  p?: number;
  label?: string;
}

/** Encrypts `plaintext` into the cosign envelope JSON (Go json.Marshal field order). */
export function encryptEnvelope(
  plaintext: Uint8Array,
  password: string,
  { N = 32768, r = 8, p = 1 }: EncryptOptions = {},
): string {
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const key = scryptSync(password, salt, 32, { N, r, p, maxmem: 256 * 1024 * 1024 });
  const box = nacl.secretbox(new Uint8Array(plaintext), new Uint8Array(nonce), new Uint8Array(key));
  return JSON.stringify({
    kdf: { name: 'scrypt', params: { N, r, p }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64'),
  });
}

/** Wraps bytes in a PEM block the way Go's pem.EncodeToMemory does. */
export function toPem(label: string, bytes: Uint8Array): string {
  const lines =
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A cosign key file for `plaintext` (normally PKCS#8 DER). */
export function encryptToPem(
  plaintext: Uint8Array,
  password: string,
  opts: EncryptOptions = {},
): string {
  const envelope = encryptEnvelope(plaintext, password, opts);
  return toPem(opts.label ?? 'ENCRYPTED SIGSTORE PRIVATE KEY', Buffer.from(envelope));
}

/** A cosign key file holding `key` as PKCS#8, as `cosign import-key-pair` writes it. */
export function encryptKey(key: KeyObject, password: string, opts: EncryptOptions = {}): string {
  return encryptToPem(key.export({ type: 'pkcs8', format: 'der' }), password, opts);
}

/** Asserts the error code, and that neither message nor hint leaks any of `secrets`. */
export async function expectCode(
  fn: () => unknown,
  code: ErrorCode,
  secrets: string[] = [],
): Promise<SignImageError> {
  const err = await rejectionOf(fn);
  expect(err.code).toBe(code);
  expect(err.hint).toBeTruthy();
  for (const secret of secrets) {
    expect(err.toLine()).not.toContain(secret);
    expect(String(err.cause ?? '')).not.toContain(secret);
  }
  return err;
}
