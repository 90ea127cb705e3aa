// The test bed's Rekor must log a dsse proposal as the real one does (rekor
// pkg/types/dsse/v0.0.1/entry.go): envelopeHash = sha256 of the proposed envelope string exactly
// as submitted. A bed that re-serialized the envelope first once hid a client bug that the real
// log exposed, so these proposals are deliberately not in Go's form.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { canonicalize } from '../../test-env/sigstore/rekor-entry.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const verifier = Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }).toString()).toString(
  'base64',
);
const payloadType = 'application/vnd.in-toto+json';
const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
const sig = sign(
  'sha256',
  Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]),
  privateKey,
).toString('base64');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const propose = (envelope: string) => ({
  apiVersion: '0.0.1',
  kind: 'dsse',
  spec: { proposedContent: { envelope, verifiers: [verifier] } },
});
const logged = (envelope: string) =>
  JSON.parse(canonicalize(propose(envelope)).body.toString()) as {
    spec: { envelopeHash: { value: string }; payloadHash: { value: string } };
  };

describe("the test bed's Rekor hashes a dsse envelope as submitted", () => {
  const b64 = payload.toString('base64');
  const forms = {
    'Go order (payloadType first, keyid present)': `{"payloadType":"${payloadType}","payload":"${b64}","signatures":[{"keyid":"","sig":"${sig}"}]}`,
    '@sigstore/sign order (payload first, no keyid)': `{"payload":"${b64}","payloadType":"${payloadType}","signatures":[{"sig":"${sig}"}]}`,
    'the same with white space': `{ "payload": "${b64}", "payloadType": "${payloadType}", "signatures": [ { "sig": "${sig}" } ] }`,
  };

  it.each(Object.entries(forms))('%s', (_, envelope) => {
    const body = logged(envelope);
    expect(body.spec.envelopeHash.value).toBe(sha256(envelope));
    expect(body.spec.payloadHash.value).toBe(createHash('sha256').update(payload).digest('hex'));
  });

  it('gives each serialization of one envelope its own envelopeHash', () => {
    const hashes = new Set(Object.values(forms).map((e) => logged(e).spec.envelopeHash.value));
    expect(hashes.size).toBe(Object.keys(forms).length);
  });
});
