// bundle-builders.ts owns the few lines of @sigstore/sign's BaseBundleBuilder (so that the action
// does not load @sigstore/sign's HTTP stack). These pin its bundles to what @sigstore/sign 5's
// builders make from the same signature and testimonies, apart from the two differences cosign
// v3 needs and the action always had: bundle v0.3 with the leaf alone (not v0.2 with a chain)
// for message signatures, and an empty DSSE keyid.
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import {
  DSSEBundleBuilder,
  MessageSignatureBundleBuilder,
  type Signature,
  type Signer,
  type Witness,
} from '@sigstore/sign';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  DSSEV03BundleBuilder,
  MessageSignatureV03BundleBuilder,
} from '../../src/signer/bundle-builders.js';
import { KeySigner } from '../../src/signer/key/key-signer.js';
import { issueLeaf } from '../helpers/fulcio-leaf.js';

type Json = Record<string, unknown>;
const V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** Signs each input once, so both builders get the same (randomized) ECDSA signature. */
function onceSigner(inner: Signer, leafPem?: string): Signer {
  const made = new Map<string, Promise<Signature>>();
  return {
    sign: (data) => {
      const key = data.toString('hex');
      if (!made.has(key)) made.set(key, inner.sign(data));
      return made
        .get(key)!
        .then((s) =>
          leafPem
            ? { signature: s.signature, key: { $case: 'x509Certificate', certificate: leafPem } }
            : s,
        );
    },
  };
}

/** A witness that records what it is asked and testifies the same each time. */
function recordingWitness(
  kind: 'tlog' | 'tsa',
): Witness & { asked: Array<{ content: unknown; key: string }> } {
  const asked: Array<{ content: unknown; key: string }> = [];
  return {
    asked,
    testify: async (content, key) => {
      asked.push({ content: structuredClone(content), key });
      return kind === 'tlog'
        ? {
            tlogEntries: [
              {
                logIndex: '7',
                logId: { keyId: Buffer.from('log') },
                kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
                integratedTime: '1700000000',
                inclusionPromise: { signedEntryTimestamp: Buffer.from('set') },
                inclusionProof: undefined,
                canonicalizedBody: Buffer.from('{}'),
              },
            ],
          }
        : { rfc3161Timestamps: [{ signedTimestamp: Buffer.from('token') }] };
    },
  };
}

const keySigner = () =>
  new KeySigner(
    createPrivateKey(
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }),
    ),
  );

const json = (b: Bundle): Json => bundleToJSON(b) as unknown as Json;

describe.each([
  ['a key', false],
  ['a Fulcio leaf', true],
])('with %s', (_, keyless) => {
  let signer: Signer;
  let leafPem: string | undefined;
  const inner = keySigner();
  beforeAll(async () => {
    leafPem = keyless
      ? (
          await issueLeaf({
            repository: 'o/r',
            workflowRef: 'o/r/.github/workflows/w.yml@refs/heads/main',
          })
        ).pem
      : undefined;
    signer = onceSigner(inner, leafPem);
  });

  it('MessageSignatureV03BundleBuilder makes @sigstore/sign`s bundle as v0.3 with the leaf alone', async () => {
    const data = Buffer.from('{"critical":{}}');
    const [oursTlog, oursTsa, theirsTlog, theirsTsa] = [
      recordingWitness('tlog'),
      recordingWitness('tsa'),
      recordingWitness('tlog'),
      recordingWitness('tsa'),
    ];
    const ours = await new MessageSignatureV03BundleBuilder({
      signer,
      witnesses: [oursTlog, oursTsa],
    }).create({ data });
    const theirs = json(
      await new MessageSignatureBundleBuilder({
        signer,
        witnesses: [theirsTlog, theirsTsa],
      }).create({ data }),
    );
    const material = theirs.verificationMaterial as Json;
    const chain = material.x509CertificateChain as { certificates: unknown[] } | undefined;
    if (chain) {
      material.certificate = chain.certificates[0];
      delete material.x509CertificateChain;
    }
    expect(json(ours)).toEqual({ ...theirs, mediaType: V03 });
    expect(oursTlog.asked).toEqual(theirsTlog.asked);
    expect(oursTsa.asked).toEqual(theirsTsa.asked);
    expect(oursTlog.asked[0]!.key).toBe(leafPem ?? inner.publicKeyPem);
  });

  it('DSSEV03BundleBuilder makes @sigstore/sign`s bundle with an empty keyid', async () => {
    const artifact = { data: Buffer.from('{"_type":"x"}'), type: 'application/vnd.in-toto+json' };
    const [oursTlog, theirsTlog] = [recordingWitness('tlog'), recordingWitness('tlog')];
    const ours = await new DSSEV03BundleBuilder({ signer, witnesses: [oursTlog] }).create(artifact);
    const theirs = await new DSSEBundleBuilder({ signer, witnesses: [theirsTlog] }).create(
      artifact,
    );
    const expected = json(theirs);
    const envelope = expected.dsseEnvelope as { signatures: Array<{ keyid?: string }> };
    expect(envelope.signatures[0]!.keyid).toBe(keyless ? undefined : inner.hint);
    delete envelope.signatures[0]!.keyid; // an empty keyid, which the JSON form omits
    expect(json(ours)).toEqual(expected);
    expect(ours.mediaType).toBe(V03);
    // Rekor is asked about the envelope as it is stored: with the empty keyid.
    expect(oursTlog.asked[0]!.content).toEqual(ours.content);
    expect(oursTlog.asked[0]!.key).toBe(theirsTlog.asked[0]!.key);
  });
});
