// The dsse entry check against genuine entries: cosign's public-good keyless bundle
// (cosign-peer/oci-attestation.sigstore.json, logged by rekor.sigstore.dev) and a key-made bundle
// cosign 3.1.1 logged in the test bed's Rekor (peer-captures/cosign-bundle). A check that accepts
// what the real logs wrote and refuses every single change is the one cosign's verifier needs.
import { bundleFromJSON, type BundleWithDsseEnvelope, type Envelope } from '@sigstore/bundle';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignImageError } from '../../src/errors.js';
import { checkDsseEntry, envelopeHash } from '../../src/tlog/verify-dsse.js';
import { verifySignedEntryTimestamp } from '../../src/tlog/verify-entry.js';
import { pem, publicGoodRekorPem } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const load = (file: string) =>
  bundleFromJSON(JSON.parse(readFileSync(`${FIXTURES}${file}`, 'utf8'))) as BundleWithDsseEnvelope;

// The public-good keyless bundle: leaf certificate in the verification material.
const publicGood = () => load('cosign-peer/oci-attestation.sigstore.json');
function leafPem(b: BundleWithDsseEnvelope): string {
  const m = b.verificationMaterial.content;
  if (m.$case !== 'certificate') throw new Error('expected a certificate');
  return pem('CERTIFICATE', Buffer.from(m.certificate.rawBytes));
}
const cosignKeyMade = () => load('peer-captures/cosign-bundle/bundle-plain.json');
const cosignPub = () => readFileSync(`${FIXTURES}peer-captures/cosign-bundle/cosign.pub`, 'utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SignImageError) return err.code;
    throw err;
  }
  return undefined;
}

const body = (b: BundleWithDsseEnvelope) =>
  JSON.parse(Buffer.from(b.verificationMaterial.tlogEntries[0]!.canonicalizedBody).toString());

describe('envelopeHash', () => {
  it.each([
    ['the public-good entry', publicGood],
    ['the entry of a cosign 3.1 key-made bundle (no keyid)', cosignKeyMade],
  ])('is the envelopeHash Rekor logged for %s', (_, get) => {
    const b = get();
    expect(envelopeHash(b.content.dsseEnvelope)).toBe(body(b).spec.envelopeHash.value);
  });

  it('covers the keyid: Rekor hashes the envelope with it', () => {
    const env = cosignKeyMade().content.dsseEnvelope;
    const withKeyid: Envelope = { ...env, signatures: [{ ...env.signatures[0]!, keyid: 'abc' }] };
    expect(envelopeHash(withKeyid)).not.toBe(envelopeHash(env));
  });
});

describe('checkDsseEntry', () => {
  it('accepts the public-good entry for its envelope and certificate; its SET verifies too', () => {
    const b = publicGood();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    expect(() =>
      checkDsseEntry(entry, { envelope: b.content.dsseEnvelope, publicKeyPem: leafPem(b) }),
    ).not.toThrow();
    expect(() => verifySignedEntryTimestamp(entry, publicGoodRekorPem())).not.toThrow();
  });

  it('accepts the entry cosign 3.1 made with a key, for that public key', () => {
    const b = cosignKeyMade();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    expect(() =>
      checkDsseEntry(entry, { envelope: b.content.dsseEnvelope, publicKeyPem: cosignPub() }),
    ).not.toThrow();
  });

  const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

  it.each<[string, (env: Envelope) => Envelope, string?]>([
    [
      'another payload',
      (env) => ({ ...env, payload: Buffer.concat([env.payload, Buffer.from(' ')]) }),
    ],
    ['another payload type', (env) => ({ ...env, payloadType: 'text/plain' })],
    [
      'another signature',
      (env) => ({
        ...env,
        signatures: [
          { ...env.signatures[0]!, sig: Buffer.from(env.signatures[0]!.sig).fill(1, 10, 11) },
        ],
      }),
    ],
    [
      'a keyid Rekor did not hash',
      (env) => ({ ...env, signatures: [{ ...env.signatures[0]!, keyid: 'k' }] }),
    ],
    [
      'two signatures where one was logged',
      (env) => ({ ...env, signatures: [env.signatures[0]!, env.signatures[0]!] }),
    ],
    ['another key', (env) => env, otherKey],
  ])('refuses an entry that logged something else than %s', (...row) => {
    // A rest parameter: Jest would take a third named parameter for a `done` callback.
    const [, change, key] = row;
    const b = cosignKeyMade();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    const sent = { envelope: change(b.content.dsseEnvelope), publicKeyPem: key ?? cosignPub() };
    expect(codeOf(() => checkDsseEntry(entry, sent))).toBe('TLOG_ENTRY_MISMATCH');
  });

  it('refuses a hashedrekord entry, a body of another kind and a body that is not JSON', () => {
    const b = cosignKeyMade();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    const sent = { envelope: b.content.dsseEnvelope, publicKeyPem: cosignPub() };
    const kind = { ...entry, kindVersion: { kind: 'hashedrekord', version: '0.0.1' } };
    const otherBody = {
      ...entry,
      canonicalizedBody: Buffer.from(JSON.stringify({ ...body(b), kind: 'intoto' })),
    };
    const garbage = { ...entry, canonicalizedBody: Buffer.from('{') };
    for (const e of [kind, otherBody, garbage])
      expect(codeOf(() => checkDsseEntry(e, sent))).toBe('TLOG_ENTRY_MISMATCH');
  });

  it('refuses a body whose hash algorithm is not sha256', () => {
    const b = cosignKeyMade();
    const changed = body(b);
    changed.spec.payloadHash.algorithm = 'sha512';
    const entry = {
      ...b.verificationMaterial.tlogEntries[0]!,
      canonicalizedBody: Buffer.from(JSON.stringify(changed)),
    };
    expect(
      codeOf(() =>
        checkDsseEntry(entry, { envelope: b.content.dsseEnvelope, publicKeyPem: cosignPub() }),
      ),
    ).toBe('TLOG_ENTRY_MISMATCH');
  });
});
