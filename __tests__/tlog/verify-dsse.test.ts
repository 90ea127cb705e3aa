// The dsse entry check against genuine entries: cosign's public-good keyless bundle
// (cosign-peer/oci-attestation.sigstore.json, logged by rekor.sigstore.dev) and a key-made bundle
// cosign 3.1.1 logged in the test bed's Rekor (peer-captures/cosign-bundle). A check that accepts
// what the real logs wrote and refuses every single change is the one cosign's verifier needs.
//
// The rule it pins is the real Rekor's (pkg/types/dsse/v0.0.1/entry.go):
// envelopeHash = sha256([]byte(*ProposedContent.Envelope)), the string as the client sent it.
// cosign (Go) sends its envelope as Go marshals the struct, so that is what its entries hash;
// @sigstore/sign sends the protobuf-specs JSON form, payload first, so ours hash that.
import { bundleFromJSON, type BundleWithDsseEnvelope, type Envelope } from '@sigstore/bundle';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { submittedEnvelope } from '../../src/tlog/proposed-entry.js';
import { checkDsseEntry, type SentDsse } from '../../src/tlog/verify-dsse.js';
import { goMarshaledEnvelope } from '../helpers/go-envelope.js';
import { verifySignedEntryTimestamp } from '../../src/tlog/verify-entry.js';
import { pem, publicGoodRekorPem } from '../helpers/rekor-entries.js';

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

const body = (b: BundleWithDsseEnvelope) =>
  JSON.parse(Buffer.from(b.verificationMaterial.tlogEntries[0]!.canonicalizedBody).toString());

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
// What cosign submitted for a fixture: its envelope as Go marshals it.
const sentByCosign = (b: BundleWithDsseEnvelope, publicKeyPem: string): SentDsse => ({
  envelope: b.content.dsseEnvelope,
  submittedEnvelope: goMarshaledEnvelope(b.content.dsseEnvelope),
  publicKeyPem,
});

describe('envelopeHash is the sha256 of the envelope string as submitted', () => {
  it.each([
    ['the public-good entry', publicGood],
    ['the entry of a cosign 3.1 key-made bundle (no keyid)', cosignKeyMade],
  ])('%s: Rekor logged the hash of the Go-marshaled string cosign sent', (_, get) => {
    const b = get();
    expect(sha256(goMarshaledEnvelope(b.content.dsseEnvelope))).toBe(
      body(b).spec.envelopeHash.value,
    );
  });

  it('@sigstore/sign submits another string for the same envelope (payload first), so its hash differs', () => {
    const env = cosignKeyMade().content.dsseEnvelope;
    const ours = submittedEnvelope(env);
    expect(ours.startsWith('{"payload":')).toBe(true);
    expect(ours).not.toBe(goMarshaledEnvelope(env));
    // The same values, other bytes: only a hash of the exact string sent tells them apart.
    const values = (text: string) => {
      const e = JSON.parse(text) as {
        payload: string;
        payloadType: string;
        signatures: { sig: string }[];
      };
      return [e.payload, e.payloadType, e.signatures.map((s) => s.sig)];
    };
    expect(values(ours)).toEqual(values(goMarshaledEnvelope(env)));
  });
});

describe('checkDsseEntry against an entry made as the real Rekor makes it from our envelope', () => {
  // A key-signed envelope over a statement, proposed with @sigstore/sign's bytes, and the entry
  // body entry.go would log for it: the envelope hashed as submitted, payload hash, signatures.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const payloadType = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]);
  const envelope: Envelope = {
    payload,
    payloadType,
    signatures: [{ keyid: '', sig: sign('sha256', pae, privateKey) }],
  };
  const entryFor = (envelopeHashValue: string) => {
    const logged = {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: envelopeHashValue },
        payloadHash: {
          algorithm: 'sha256',
          value: createHash('sha256').update(payload).digest('hex'),
        },
        signatures: [
          {
            signature: Buffer.from(envelope.signatures[0]!.sig).toString('base64'),
            verifier: Buffer.from(publicKeyPem).toString('base64'),
          },
        ],
      },
    };
    return {
      ...cosignKeyMade().verificationMaterial.tlogEntries[0]!,
      canonicalizedBody: Buffer.from(JSON.stringify(logged)),
    };
  };
  const sent: SentDsse = { envelope, submittedEnvelope: submittedEnvelope(envelope), publicKeyPem };

  it('accepts envelopeHash = sha256 of the submitted string', () => {
    expect(() => checkDsseEntry(entryFor(sha256(sent.submittedEnvelope)), sent)).not.toThrow();
  });

  it('refuses envelopeHash = sha256 of a Go re-serialization (what the old check wanted)', () => {
    const goForm = goMarshaledEnvelope(envelope);
    expect(goForm).not.toBe(sent.submittedEnvelope);
    expect(() => checkDsseEntry(entryFor(sha256(goForm)), sent)).toFailWith('TLOG_ENTRY_MISMATCH');
  });
});

describe('checkDsseEntry', () => {
  it('accepts the public-good entry for its envelope and certificate; its SET verifies too', () => {
    const b = publicGood();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    expect(() => checkDsseEntry(entry, sentByCosign(b, leafPem(b)))).not.toThrow();
    expect(() => verifySignedEntryTimestamp(entry, publicGoodRekorPem())).not.toThrow();
  });

  it('accepts the entry cosign 3.1 made with a key, for that public key', () => {
    const b = cosignKeyMade();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    expect(() => checkDsseEntry(entry, sentByCosign(b, cosignPub()))).not.toThrow();
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
    const envelope = change(b.content.dsseEnvelope);
    const sent = {
      envelope,
      submittedEnvelope: goMarshaledEnvelope(envelope),
      publicKeyPem: key ?? cosignPub(),
    };
    expect(() => checkDsseEntry(entry, sent)).toFailWith('TLOG_ENTRY_MISMATCH');
  });

  it('refuses a hashedrekord entry, a body of another kind and a body that is not JSON', () => {
    const b = cosignKeyMade();
    const entry = b.verificationMaterial.tlogEntries[0]!;
    const sent = sentByCosign(b, cosignPub());
    const kind = { ...entry, kindVersion: { kind: 'hashedrekord', version: '0.0.1' } };
    const otherBody = {
      ...entry,
      canonicalizedBody: Buffer.from(JSON.stringify({ ...body(b), kind: 'intoto' })),
    };
    const garbage = { ...entry, canonicalizedBody: Buffer.from('{') };
    for (const e of [kind, otherBody, garbage])
      expect(() => checkDsseEntry(e, sent)).toFailWith('TLOG_ENTRY_MISMATCH');
  });

  it('refuses a body whose hash algorithm is not sha256', () => {
    const b = cosignKeyMade();
    const changed = body(b);
    changed.spec.payloadHash.algorithm = 'sha512';
    const entry = {
      ...b.verificationMaterial.tlogEntries[0]!,
      canonicalizedBody: Buffer.from(JSON.stringify(changed)),
    };
    expect(() => checkDsseEntry(entry, sentByCosign(b, cosignPub()))).toFailWith(
      'TLOG_ENTRY_MISMATCH',
    );
  });
});
