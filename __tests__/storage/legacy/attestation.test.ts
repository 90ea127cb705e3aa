// The `.att` layer as cosign attest writes it (media type, empty signature annotation,
// predicateType, bundle, certificate and chain), the same append as `.sig`, and the re-run
// check that finds our own stored attestation (and nothing else).
import { envelopeToJSON, type Envelope } from '@sigstore/bundle';
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import {
  buildAttestationStatement,
  resolvePredicateKind,
} from '../../../src/payload/attestation.js';
import { buildCosignBundleAnnotation } from '../../../src/tlog/entry.js';
import {
  attestationTag,
  buildAttestationLayer,
} from '../../../src/storage/legacy/attestation-layer.js';
import { checkReusableAttestation } from '../../../src/storage/legacy/existing-attestation.js';
import {
  mergeSignatureManifest,
  parseSignatureManifest,
} from '../../../src/storage/legacy/manifest.js';
import { FakeRekor, pem } from '../../helpers/rekor-entries.js';

const DIGEST = `sha256:${'cd'.repeat(32)}`;
const REPO = 'registry.example/acme/app';
const kind = resolvePredicateKind('cyclonedx');
const predicate = { bomFormat: 'CycloneDX', specVersion: '1.6' };

function attest(key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey) {
  const payload = buildAttestationStatement(REPO, DIGEST, kind, JSON.stringify(predicate));
  const payloadType = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `),
    payload,
  ]);
  const envelope: Envelope = {
    payload,
    payloadType,
    signatures: [{ keyid: '', sig: sign('sha256', pae, key) }],
  };
  const text = JSON.stringify(envelopeToJSON(envelope));
  const publicKeyPem = pem(
    'PUBLIC KEY',
    createPublicKey(key).export({ type: 'spki', format: 'der' }),
  );
  return { envelope, text, publicKeyPem, key };
}

function dsseBody(a: ReturnType<typeof attest>, envelopeText = a.text) {
  const hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: hex(envelopeText) },
      payloadHash: { algorithm: 'sha256', value: hex(Buffer.from(a.envelope.payload)) },
      signatures: [
        {
          signature: Buffer.from(a.envelope.signatures[0]!.sig).toString('base64'),
          verifier: Buffer.from(a.publicKeyPem).toString('base64'),
        },
      ],
    },
  };
}

describe('buildAttestationLayer', () => {
  it("is cosign's .att layer: the envelope as blob, DSSE media type, annotations sorted", () => {
    const envelope = Buffer.from('{"payload":"x"}');
    const layer = buildAttestationLayer({
      envelope,
      predicateType: kind.uri,
      rekorBundle: '{"SignedEntryTimestamp":"x"}',
      certificatePem: 'LEAF',
    });
    expect(layer).toEqual({
      mediaType: 'application/vnd.dsse.envelope.v1+json',
      size: envelope.length,
      digest: `sha256:${createHash('sha256').update(envelope).digest('hex')}`,
      annotations: {
        'dev.cosignproject.cosign/signature': '',
        'dev.sigstore.cosign/bundle': '{"SignedEntryTimestamp":"x"}',
        'dev.sigstore.cosign/certificate': 'LEAF',
        'dev.sigstore.cosign/chain': '',
        predicateType: 'https://cyclonedx.org/bom',
      },
    });
    expect(Object.keys(layer.annotations!)).toEqual([...Object.keys(layer.annotations!)].sort());
    expect(attestationTag(DIGEST)).toBe(`sha256-${'cd'.repeat(32)}.att`);
  });

  it('appends to an existing .att keeping its layers, as the .sig merge does', () => {
    const first = buildAttestationLayer({ envelope: Buffer.from('a'), predicateType: kind.uri });
    const second = buildAttestationLayer({ envelope: Buffer.from('b'), predicateType: 'x:y' });
    const one = mergeSignatureManifest(undefined, first);
    const two = mergeSignatureManifest(one.manifest, second, one.config);
    expect(parseSignatureManifest(two.manifest).layers).toEqual([first, second]);
    expect(mergeSignatureManifest(two.manifest, first, two.config).added).toBe(false);
  });
});

describe('checkReusableAttestation', () => {
  const rekor = new FakeRekor();
  const ours = attest();
  const entry = rekor.log(dsseBody(ours));
  const layer = buildAttestationLayer({
    envelope: Buffer.from(ours.text),
    predicateType: kind.uri,
    rekorBundle: buildCosignBundleAnnotation(entry),
  });
  const criteria = {
    digest: DIGEST,
    kind,
    predicate,
    publicKeyPem: ours.publicKeyPem,
    rekorPublicKey: rekor.publicKeyPem,
  };

  it('finds our attestation with its log entry', () => {
    const found = checkReusableAttestation(layer, Buffer.from(ours.text), criteria);
    expect(found?.log).toEqual({
      logIndex: 2440595631,
      logIdHex: rekor.logID,
      integratedTime: 1786568008,
    });
  });

  it('does not take another key, predicate, digest, type, log or an entry for other bytes', () => {
    const blob = Buffer.from(ours.text);
    const other = attest();
    expect(
      checkReusableAttestation(layer, blob, { ...criteria, publicKeyPem: other.publicKeyPem }),
    ).toBeUndefined();
    expect(
      checkReusableAttestation(layer, blob, { ...criteria, predicate: { bomFormat: 'x' } }),
    ).toBeUndefined();
    expect(
      checkReusableAttestation(layer, blob, { ...criteria, digest: `sha256:${'ee'.repeat(32)}` }),
    ).toBeUndefined();
    expect(
      checkReusableAttestation(layer, blob, {
        ...criteria,
        kind: resolvePredicateKind('spdxjson'),
      }),
    ).toBeUndefined();
    expect(
      checkReusableAttestation(layer, blob, {
        ...criteria,
        rekorPublicKey: new FakeRekor().publicKeyPem,
      }),
    ).toBeUndefined();
    // The log recorded a different serialization of the envelope: its envelopeHash is not the layer's.
    const reserialized = JSON.stringify({ ...JSON.parse(ours.text) });
    const skewed = rekor.log(dsseBody(ours, `${reserialized} `));
    const skewedLayer = {
      ...layer,
      annotations: {
        ...layer.annotations!,
        'dev.sigstore.cosign/bundle': buildCosignBundleAnnotation(skewed),
      },
    };
    expect(checkReusableAttestation(skewedLayer, blob, criteria)).toBeUndefined();
    // A keyless layer (certificate annotation) is another signer even for the same key.
    const keyless = {
      ...layer,
      annotations: { ...layer.annotations!, 'dev.sigstore.cosign/certificate': 'x' },
    };
    expect(checkReusableAttestation(keyless, blob, criteria)).toBeUndefined();
  });

  it('without the tlog, needs only the signature', () => {
    const plain = buildAttestationLayer({
      envelope: Buffer.from(ours.text),
      predicateType: kind.uri,
    });
    const found = checkReusableAttestation(plain, Buffer.from(ours.text), {
      ...criteria,
      rekorPublicKey: undefined,
    });
    expect(found).toEqual({ layer: plain });
  });
});
