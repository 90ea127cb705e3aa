// Turns a proposed Rekor v1 entry into the canonical body the real log stores, checking the
// signatures as the real log does. Kinds: hashedrekord 0.0.1 and dsse 0.0.1 (all this bed needs).
import { createHash, createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { json } from '@sigstore/core';
import { verifyPrehashed } from './prehashed.js';

export interface Canonical {
  body: Buffer; // RFC 8785 JSON, what the log stores and the SET covers
  kind: string;
  searchKeys: string[]; // `sha256:<hex>` values /api/v1/index/retrieve finds the entry by
}

// obj.a.b.c without `any`.
function at(obj: unknown, ...path: string[]): unknown {
  let o = obj;
  for (const k of path)
    o = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
  return o;
}

const sha256hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const HASH_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function b64(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value === '') {
    throw new Error(`${what} must be a non-empty base64 string`);
  }
  return Buffer.from(value, 'base64');
}

// PEM public key or certificate → the key and Rekor's re-encoded PEM (Go's layout: 64-column
// lines, trailing newline), which is what the canonical body carries.
export function parseVerifier(pem: string): { key: KeyObject; pem: string } {
  if (pem.includes('BEGIN CERTIFICATE')) {
    const cert = new X509Certificate(pem);
    const der = cert.raw.toString('base64').replace(/.{1,64}/g, '$&\n');
    return {
      key: cert.publicKey,
      pem: `-----BEGIN CERTIFICATE-----\n${der}-----END CERTIFICATE-----\n`,
    };
  }
  const key = createPublicKey(pem);
  return { key, pem: key.export({ type: 'spki', format: 'pem' }).toString() };
}

function hashedRekord(spec: unknown): Canonical {
  const algorithm = String(at(spec, 'data', 'hash', 'algorithm'));
  const value = at(spec, 'data', 'hash', 'value');
  if (!(algorithm in HASH_LENGTHS)) throw new Error(`unsupported hash algorithm ${algorithm}`);
  if (
    typeof value !== 'string' ||
    !new RegExp(`^[0-9a-f]{${HASH_LENGTHS[algorithm]}}$`).test(value)
  ) {
    throw new Error('spec.data.hash.value must be a lowercase hex digest');
  }
  const content = at(spec, 'signature', 'content');
  const sig = b64(content, 'spec.signature.content');
  const verifier = parseVerifier(
    b64(at(spec, 'signature', 'publicKey', 'content'), 'publicKey.content').toString(),
  );
  if (
    algorithm === 'sha256' &&
    verifyPrehashed(Buffer.from(value, 'hex'), verifier.key, sig) === false
  ) {
    throw new Error(
      'verifying signature: invalid signature when validating ASN.1 encoded signature',
    );
  }
  const body = {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm, value } },
      signature: { content, publicKey: { content: Buffer.from(verifier.pem).toString('base64') } },
    },
  };
  return {
    body: Buffer.from(json.canonicalize(body)),
    kind: 'hashedrekord',
    searchKeys: [`${algorithm}:${value}`],
  };
}

const pae = (type: string, payload: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `),
    payload,
  ]);

// Rekor keeps hashes of the envelope, not the envelope (shared docs cosign-format.md §6).
function dsse(spec: unknown): Canonical {
  const raw = at(spec, 'proposedContent', 'envelope');
  if (typeof raw !== 'string') throw new Error('spec.proposedContent.envelope must be a string');
  const env = JSON.parse(raw) as {
    payloadType?: string;
    payload?: string;
    signatures?: { keyid?: string; sig?: string }[];
  };
  const verifiers = (at(spec, 'proposedContent', 'verifiers') ?? []) as unknown[];
  if (!env.payloadType || !env.signatures?.length || !verifiers.length) {
    throw new Error('dsse envelope needs payloadType, signatures and verifiers');
  }
  const payload = b64(env.payload, 'envelope payload');
  const keys = verifiers.map((v) => parseVerifier(b64(v, 'verifier').toString()));
  const signatures = env.signatures.map((s) => {
    const sig = b64(s.sig, 'envelope signature');
    const k = keys.find((v) => verify('sha256', pae(env.payloadType!, payload), v.key, sig));
    if (!k) throw new Error('could not verify envelope signature with any verifier');
    return { signature: s.sig!, verifier: Buffer.from(k.pem).toString('base64') };
  });
  signatures.sort((a, b) => (a.signature < b.signature ? -1 : 1));
  // As the real Rekor (pkg/types/dsse/v0.0.1/entry.go): the sha256 of the envelope string exactly
  // as submitted. Re-serializing it first hid a client bug that the real log exposes.
  const envelopeHash = sha256hex(raw);
  const payloadHash = sha256hex(payload);
  const body = {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: envelopeHash },
      payloadHash: { algorithm: 'sha256', value: payloadHash },
      signatures,
    },
  };
  return {
    body: Buffer.from(json.canonicalize(body)),
    kind: 'dsse',
    searchKeys: [`sha256:${payloadHash}`, `sha256:${envelopeHash}`],
  };
}

export function canonicalize(proposed: unknown): Canonical {
  const [version, kind, spec] = [
    at(proposed, 'apiVersion'),
    at(proposed, 'kind'),
    at(proposed, 'spec'),
  ];
  if (version !== '0.0.1') throw new Error(`unsupported apiVersion ${String(version)}`);
  if (kind === 'hashedrekord') return hashedRekord(spec);
  if (kind === 'dsse') return dsse(spec);
  throw new Error(`unsupported kind ${String(kind)} (this test log knows hashedrekord and dsse)`);
}
