import { createPrivateKey, scrypt, type KeyObject } from 'node:crypto';
import { SignImageError } from '../../errors.js';
import type { KeyEnvelope, ScryptParams } from './envelope.js';
import { parseEncryptedKeyPem } from './pem.js';
import { trace } from '../../util/trace.js';

/** A password as cosign takes it: the exact bytes of COSIGN_PASSWORD (a string is UTF-8). */
export type Password = string | Uint8Array;

const DERIVED_KEY_LENGTH = 32;

/**
 * Parses the PEM and starts scrypt at once, so callers can do other I/O while it runs
 * (~0.2 s at N=2^16). Resolves to the PKCS#8 private key. The returned promise is already
 * marked as handled: a failure that happens before the caller awaits it does not crash Node
 * with an unhandled rejection; awaiting it still throws.
 */
export function startKeyDecryption(pemText: string, password: Password): Promise<KeyObject> {
  const pending = (async () => {
    const { envelope } = parseEncryptedKeyPem(pemText);
    return privateKeyFromDer(await openEnvelope(envelope, password));
  })();
  pending.catch(() => undefined);
  return pending;
}

/** Decrypts an envelope to its plaintext bytes (for cosign keys: PKCS#8 DER). */
export async function openEnvelope(envelope: KeyEnvelope, password: Password): Promise<Buffer> {
  const key = await deriveKey(password, envelope.kdf.salt, envelope.kdf.params);
  // Loaded while scrypt runs, not before it starts: the entry point (index.ts) imports this
  // module, and everything it pulls in delays the start of the key derivation.
  const loaded = await naclReady;
  // A CommonJS package: Node's import() puts it under `default`.
  const nacl = (loaded as { default?: typeof loaded }).default ?? loaded;
  // tweetnacl checks `instanceof Uint8Array`, which a Buffer from another realm (jest's VM) fails.
  const opened = nacl.secretbox.open(
    new Uint8Array(envelope.ciphertext),
    new Uint8Array(envelope.cipher.nonce),
    new Uint8Array(key),
  );
  key.fill(0);
  if (!opened) {
    // Poly1305 cannot tell a wrong password from a modified ciphertext; the password is by far
    // the likelier cause.
    throw new SignImageError(
      'KEY_PASSWORD_WRONG',
      'The private key could not be decrypted with the given password',
      { hint: passwordHint(password) },
    );
  }
  return Buffer.from(opened.buffer, opened.byteOffset, opened.byteLength);
}

/** Bytes scrypt needs (OpenSSL: V = 128·r·(N+2), B = 128·r·p) plus slack; Node's default is 32 MiB. */
export function scryptMaxmem({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + 2) + 128 * r * p + 1024 * 1024;
}

let naclReady: Promise<typeof import('tweetnacl')>;

function deriveKey(password: Password, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options = { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) };
  trace('scrypt start');
  naclReady ??= import('tweetnacl');
  return new Promise((resolve, reject) => {
    scrypt(password, salt, DERIVED_KEY_LENGTH, options, (err, key) => {
      trace('scrypt done');
      if (err) {
        reject(
          new SignImageError(
            'INTERNAL',
            'Deriving the private key decryption key (scrypt) failed',
            {
              hint: 'the runner may be out of memory: scrypt needs up to 130 MiB',
              cause: err,
            },
          ),
        );
      } else resolve(key);
    });
  });
}

/**
 * Parses decrypted key bytes the way cosign does (x509.ParsePKCS8PrivateKey): PKCS#8 only.
 * The bytes are zeroed afterwards.
 */
export function privateKeyFromDer(der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw notPkcs8(der, err);
  } finally {
    der.fill(0);
  }
}

function notPkcs8(der: Buffer, cause: unknown): SignImageError {
  const reimport =
    'cosign itself rejects this key: decrypt it to a PEM file and run `cosign import-key-pair --key <file>`, which re-encrypts it as PKCS#8';
  if (parses(der, 'sec1')) {
    return new SignImageError(
      'KEY_FORMAT_SEC1',
      'The decrypted private key is a SEC1 "EC PRIVATE KEY", but cosign keys must hold PKCS#8',
      { hint: reimport, cause },
    );
  }
  if (parses(der, 'pkcs1')) {
    return new SignImageError(
      'KEY_ENVELOPE_INVALID',
      'The decrypted private key is a PKCS#1 "RSA PRIVATE KEY", but cosign keys must hold PKCS#8',
      { hint: reimport, cause },
    );
  }
  return new SignImageError(
    'KEY_ENVELOPE_INVALID',
    'The private key decrypted, but its contents are not a PKCS#8 private key',
    {
      hint: 'the key file was not written by cosign: generate a new one with `cosign generate-key-pair`',
      cause,
    },
  );
}

// Node 24's OpenSSL 3 decoders accept any private key DER for either `type`, so the key's own
// type tells the two formats apart.
function parses(der: Buffer, type: 'sec1' | 'pkcs1'): boolean {
  try {
    const key = createPrivateKey({ key: der, format: 'der', type });
    return key.asymmetricKeyType === (type === 'sec1' ? 'ec' : 'rsa');
  } catch {
    return false;
  }
}

function passwordHint(password: Password): string {
  const base =
    'check that the COSIGN_PASSWORD secret matches the one used with `cosign generate-key-pair`';
  if (password.length === 0) {
    return `${base}; the password given is empty`;
  }
  if (typeof password === 'string' && /^\s|\s$/.test(password)) {
    // cosign uses COSIGN_PASSWORD byte for byte, so stray whitespace is a real mismatch.
    return `${base}; the password given starts or ends with whitespace or a newline, which is used as part of it`;
  }
  return base;
}
