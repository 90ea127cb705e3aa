// Verifies a signature over a digest the verifier never sees the message of, as Rekor does for
// `hashedrekord`. node:crypto cannot verify a prehashed ECDSA signature, so P-256 is done here
// with BigInt (Jacobian coordinates, one inversion); RSA PKCS#1 v1.5 through publicDecrypt.
import { constants, publicDecrypt, type KeyObject } from 'node:crypto';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G: Point = [
  0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  1n,
];
type Point = [bigint, bigint, bigint]; // Jacobian X, Y, Z; Z = 0 is infinity

const mod = (a: bigint, m = P): bigint => ((a % m) + m) % m;
function pow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b = mod(b, m); e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
const inv = (a: bigint, m = P): bigint => pow(a, m - 2n, m);

function dbl([x, y, z]: Point): Point {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const delta = mod(z * z);
  const gamma = mod(y * y);
  const beta = mod(x * gamma);
  const alpha = mod(3n * (x - delta) * (x + delta)); // a = -3
  const x3 = mod(alpha * alpha - 8n * beta);
  const z3 = mod((y + z) * (y + z) - gamma - delta);
  return [x3, mod(alpha * (4n * beta - x3) - 8n * gamma * gamma), z3];
}

function add(p1: Point, p2: Point): Point {
  const [x1, y1, z1] = p1;
  const [x2, y2, z2] = p2;
  if (z1 === 0n) return p2;
  if (z2 === 0n) return p1;
  const z1z1 = mod(z1 * z1);
  const z2z2 = mod(z2 * z2);
  const u1 = mod(x1 * z2z2);
  const u2 = mod(x2 * z1z1);
  const s1 = mod(y1 * z2 * z2z2);
  const s2 = mod(y2 * z1 * z1z1);
  if (u1 === u2) return s1 === s2 ? dbl(p1) : [0n, 1n, 0n];
  const h = mod(u2 - u1);
  const i = mod(4n * h * h);
  const j = mod(h * i);
  const r = mod(2n * (s2 - s1));
  const v = mod(u1 * i);
  const x3 = mod(r * r - j - 2n * v);
  return [x3, mod(r * (v - x3) - 2n * s1 * j), mod(((z1 + z2) ** 2n - z1z1 - z2z2) * h)];
}

// DER ECDSA-Sig-Value → [r, s]; strict enough for a test log.
function parseDerSig(sig: Buffer): [bigint, bigint] {
  if (sig[0] !== 0x30 || sig[1] !== sig.length - 2) throw new Error('signature is not DER');
  const ints: bigint[] = [];
  for (let i = 2; i < sig.length;) {
    if (sig[i] !== 0x02) throw new Error('signature is not DER');
    const len = sig[i + 1]!;
    ints.push(BigInt('0x' + (sig.subarray(i + 2, i + 2 + len).toString('hex') || '0')));
    i += 2 + len;
  }
  if (ints.length !== 2) throw new Error('signature is not DER');
  return [ints[0]!, ints[1]!];
}

function verifyP256(digest: Buffer, key: KeyObject, sig: Buffer): boolean {
  const jwk = key.export({ format: 'jwk' });
  const q: Point = [
    BigInt('0x' + Buffer.from(jwk.x!, 'base64url').toString('hex')),
    BigInt('0x' + Buffer.from(jwk.y!, 'base64url').toString('hex')),
    1n,
  ];
  const [r, s] = parseDerSig(sig);
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
  const e = BigInt('0x' + digest.toString('hex'));
  const w = inv(s, N);
  const u1 = mod(e * w, N);
  const u2 = mod(r * w, N);
  // Shamir's trick: u1·G + u2·Q in one pass.
  const gq = add(G, q);
  let acc: Point = [0n, 1n, 0n];
  for (let bit = 255n; bit >= 0n; bit--) {
    acc = dbl(acc);
    const b1 = (u1 >> bit) & 1n;
    const b2 = (u2 >> bit) & 1n;
    if (b1 && b2) acc = add(acc, gq);
    else if (b1) acc = add(acc, G);
    else if (b2) acc = add(acc, q);
  }
  if (acc[2] === 0n) return false;
  const zi = inv(acc[2]);
  return mod(mod(acc[0] * zi * zi), N) === r;
}

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

// True when `sig` verifies over the SHA-256 `digest` with `key`. Key types other than P-256
// and RSA are not checked (undefined): the real log supports more than this bed needs.
export function verifyPrehashed(digest: Buffer, key: KeyObject, sig: Buffer): boolean | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') {
    try {
      return verifyP256(digest, key, sig);
    } catch {
      return false;
    }
  }
  if (key.asymmetricKeyType === 'rsa') {
    try {
      const info = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig);
      return info.equals(Buffer.concat([SHA256_DIGEST_INFO, digest]));
    } catch {
      return false;
    }
  }
  return undefined;
}
