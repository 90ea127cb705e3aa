import { SignImageError } from '../../errors.js';
import { isObject, STD_BASE64 } from '../../util/encoding.js';

/** scrypt cost parameters as named in the envelope JSON. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The go-securesystemslib `encrypted` envelope that wraps cosign private keys:
 * `{"kdf":{"name":"scrypt","params":{N,r,p},"salt"},"cipher":{"name":"nacl/secretbox","nonce"},"ciphertext"}`
 * with byte fields in standard padded base64 (Go's json.Marshal of []byte).
 */
export interface KeyEnvelope {
  readonly kdf: { readonly name: 'scrypt'; readonly params: ScryptParams; readonly salt: Buffer };
  readonly cipher: { readonly name: 'nacl/secretbox'; readonly nonce: Buffer };
  readonly ciphertext: Buffer;
}

// go-securesystemslib CheckParams accepts exactly these: Legacy (the only set cosign <=2.1
// reads), Standard (what cosign writes today) and OWASP. Checking before running scrypt keeps a
// tampered envelope from making us burn memory and time.
export const SUPPORTED_SCRYPT_PARAMS: readonly ScryptParams[] = [
  { N: 32768, r: 8, p: 1 },
  { N: 65536, r: 8, p: 1 },
  { N: 131072, r: 8, p: 1 },
];

export const SECRETBOX_NONCE_LENGTH = 24;
// Poly1305 tag that precedes every secretbox ciphertext.
const SECRETBOX_OVERHEAD = 16;
const REENCRYPT_HINT =
  'the key file is damaged or was not written by cosign: generate a new one with `cosign generate-key-pair` or re-encrypt the original with `cosign import-key-pair`';

/** Parses and checks the JSON envelope (the decoded PEM body, or raw JSON text). */
export function parseKeyEnvelope(json: string | Uint8Array): KeyEnvelope {
  const doc = parseJson(json);
  const kdf = field(doc, 'kdf', isObject, 'an object');
  if (kdf.name !== 'scrypt') invalid('its kdf.name must be "scrypt"');
  const params = field(kdf, 'params', isObject, 'an object');
  const cipher = field(doc, 'cipher', isObject, 'an object');
  if (cipher.name !== 'nacl/secretbox') invalid('its cipher.name must be "nacl/secretbox"');

  const scryptParams = {
    N: field(params, 'N', isInteger, 'an integer'),
    r: field(params, 'r', isInteger, 'an integer'),
    p: field(params, 'p', isInteger, 'an integer'),
  };
  checkScryptParams(scryptParams);

  // The salt length is not checked: go-securesystemslib writes 32 bytes but decrypts any length.
  const salt = bytesField(kdf, 'salt', 'kdf.salt');
  const nonce = bytesField(cipher, 'nonce', 'cipher.nonce');
  if (nonce.length !== SECRETBOX_NONCE_LENGTH) {
    invalid(`its cipher.nonce must be ${SECRETBOX_NONCE_LENGTH} bytes, not ${nonce.length}`);
  }
  const ciphertext = bytesField(doc, 'ciphertext', 'ciphertext');
  if (ciphertext.length <= SECRETBOX_OVERHEAD) invalid('its ciphertext is too short');

  return {
    kdf: { name: 'scrypt', params: scryptParams, salt },
    cipher: { name: 'nacl/secretbox', nonce },
    ciphertext,
  };
}

/** Throws KEY_KDF_UNSUPPORTED unless the parameters are one of the sets cosign accepts. */
export function checkScryptParams(params: ScryptParams): void {
  const ok = SUPPORTED_SCRYPT_PARAMS.some(
    (s) => s.N === params.N && s.r === params.r && s.p === params.p,
  );
  if (ok) return;
  throw new SignImageError(
    'KEY_KDF_UNSUPPORTED',
    `The private key uses unsupported scrypt parameters (N=${params.N}, r=${params.r}, p=${params.p}); cosign accepts only N=32768, 65536 or 131072 with r=8 and p=1`,
    { hint: 're-encrypt the key with `cosign import-key-pair`, which writes supported parameters' },
  );
}

type JsonObject = Record<string, unknown>;

function parseJson(json: string | Uint8Array): JsonObject {
  let text: string;
  try {
    text = typeof json === 'string' ? json : new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    invalid('it does not contain JSON text');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // A body that starts like an envelope but does not parse lost its end: say so.
    if (text.trimStart().startsWith('{"kdf"')) invalid('its JSON is incomplete (was it cut off?)');
    invalid('it does not contain the JSON envelope cosign writes');
  }
  if (!isObject(doc)) invalid('it does not contain the JSON envelope cosign writes');
  return doc;
}

function field<T>(obj: JsonObject, name: string, ok: (v: unknown) => v is T, what: string): T {
  const value = obj[name];
  if (!ok(value)) invalid(`its "${name}" field must be ${what}`);
  return value;
}

function bytesField(obj: JsonObject, name: string, path: string): Buffer {
  const value = obj[name];
  // Go's json decodes []byte with padded standard base64 only; Node's decoder would skip junk.
  if (typeof value !== 'string' || !STD_BASE64.test(value)) {
    invalid(`its ${path} must be a base64 string`);
  }
  return Buffer.from(value, 'base64');
}

function isInteger(v: unknown): v is number {
  return Number.isSafeInteger(v);
}

function invalid(what: string): never {
  throw new SignImageError(
    'KEY_ENVELOPE_INVALID',
    `The private key is not a valid cosign encrypted key: ${what}`,
    { hint: REENCRYPT_HINT },
  );
}
