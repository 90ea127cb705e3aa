// Proves the test bed itself with the real tools: if cosign and skopeo sign and verify against
// it, a failure elsewhere is the action's, not the bed's.
import { createPublicKey, generateKeyPairSync, sign, verify as verifySig } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { json } from '@sigstore/core';
import path from 'node:path';
import { REPO_ROOT } from '../../test-env/state.js';
import { cosignSign } from '../helpers/cosign-sign.js';
import { exec, scratch } from '../helpers/exec.js';
import { generateCosignKey, generateSkopeoKey, type KeyPair } from '../helpers/keys.js';
import { getManifest, peekReferrers, peekSignatures, splitImage } from '../helpers/sig-peek.js';
import {
  delta,
  getIdToken,
  getStats,
  loadTestbed,
  pushTestImage,
  pushTestIndex,
  type TestbedState,
} from '../helpers/testbed.js';
import { cosignVerify, DEFAULT_IDENTITY, skopeoVerify } from '../helpers/verifiers.js';

const state = loadTestbed();
const rekorKey = createPublicKey(readFileSync(state.rekor.publicKeyPath));
let key: KeyPair;
let other: KeyPair;
let image: string;

beforeAll(async () => {
  [key, other] = await Promise.all([
    generateCosignKey('bed-pass'),
    generateSkopeoKey('other-pass'),
  ]);
  image = (await pushTestImage(state, { repository: 'bed/app' })).reference;
});

describe('test images', () => {
  it('pushes an image whose digest is the registry manifest digest', async () => {
    const { repo, digest } = splitImage(image);
    const m = await getManifest(repo, digest);
    expect(m?.digest).toBe(digest);
    expect(m?.manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it('gives every push its own digest', async () => {
    const [a, b] = await Promise.all(
      [1, 2].map(() => pushTestImage(state, { repository: 'bed/app', tag: undefined })),
    );
    expect(a!.digest).not.toBe(b!.digest);
  });

  it('pushes a two-platform index with a BuildKit attestation manifest', async () => {
    const idx = await pushTestIndex(state, {
      repository: 'bed/multi',
      tag: 'v1',
      attestation: true,
    });
    const m = await getManifest('bed/multi', 'v1');
    expect(m?.digest).toBe(idx.digest);
    const children = m!.manifest.manifests!;
    expect(children.map((c) => c.digest)).toEqual([
      ...idx.platforms.map((p) => p.digest),
      idx.attestation,
    ]);
    expect(children[2]!.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest');
  });
});

describe('key signing by the real peers against the bed', () => {
  beforeAll(async () => {
    // Sequential: concurrent writers of one .sig lose signatures (test-peers.md).
    const v3 = await cosignSign(3, { image, key });
    expect(v3.stderr).toContain('Pushing signature');
    expect(v3.ok).toBe(true);
    const v2 = await cosignSign(2, { image, key: other });
    expect(v2.ok).toBe(true);
  });

  it('stores two layers, each with a Rekor bundle whose SET verifies for its own log index', async () => {
    const sig = (await peekSignatures(image))!;
    expect(sig.layers).toHaveLength(2);
    const indexes = sig.layers.map((l) => {
      const b = l.bundle!;
      expect(b.Payload.logID).toBe(state.rekor.logID);
      const set = Buffer.from(b.SignedEntryTimestamp, 'base64');
      expect(verifySig('sha256', Buffer.from(json.canonicalize(b.Payload)), rekorKey, set)).toBe(
        true,
      );
      return b.Payload.logIndex;
    });
    expect(indexes[1]).toBeGreaterThan(indexes[0]!);
  });

  it.each([2, 3] as const)('cosign %i verifies both signatures, Rekor SET included', async (v) => {
    for (const k of [key, other]) {
      const r = await cosignVerify(v, { image, key: k.publicKeyPath });
      expect(r.stderr).toContain(
        'Existence of the claims in the transparency log was verified offline',
      );
      expect(r.ok).toBe(true);
    }
  });

  it('skopeo accepts both through a sigstoreSigned policy with the Rekor key', async () => {
    for (const k of [key, other])
      expect((await skopeoVerify({ image, keyPath: k.publicKeyPath })).ok).toBe(true);
  });

  it('every verifier rejects a key that did not sign', async () => {
    const stranger = await generateCosignKey('x');
    for (const v of [2, 3] as const) {
      const r = await cosignVerify(v, { image, key: stranger.publicKeyPath });
      expect(r.ok).toBe(false);
      expect(r.stderr).toContain('no matching signatures');
    }
    const s = await skopeoVerify({ image, keyPath: stranger.publicKeyPath });
    expect(s.ok).toBe(false);
    expect(s.stderr).toContain('None of the signatures were accepted');
  });

  it('every verifier rejects the signatures when it trusts another Rekor key', async () => {
    const dir = scratch('wrong-rekor');
    const wrong = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const rekorPath = path.join(dir, 'rekor.pub');
    writeFileSync(
      rekorPath,
      createPublicKey({ key: wrong, format: 'der', type: 'spki' }).export({
        type: 'spki',
        format: 'pem',
      }),
    );
    const root = JSON.parse(readFileSync(state.trustedRootPath, 'utf8')) as {
      tlogs: { publicKey: { rawBytes: string } }[];
    };
    root.tlogs[0]!.publicKey.rawBytes = wrong.toString('base64');
    const rootPath = path.join(dir, 'trusted_root.json');
    writeFileSync(rootPath, JSON.stringify(root));
    const distrust: TestbedState = {
      ...state,
      rekor: { ...state.rekor, publicKeyPath: rekorPath },
      trustedRootPath: rootPath,
    };
    for (const v of [2, 3] as const)
      expect((await cosignVerify(v, { image, key: key.publicKeyPath, state: distrust })).ok).toBe(
        false,
      );
    expect((await skopeoVerify({ image, keyPath: key.publicKeyPath, state: distrust })).ok).toBe(
      false,
    );
  });
});

describe('Rekor', () => {
  it('answers a duplicate entry with 409 and the Location of the existing one', async () => {
    const sig = (await peekSignatures(image))!;
    const body = JSON.parse(
      Buffer.from(sig.layers[0]!.bundle!.Payload.body, 'base64').toString(),
    ) as object;
    const post = () =>
      fetch(`${state.rekor.url}/api/v1/log/entries`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const r = await post();
    expect(r.status).toBe(409);
    const location = r.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${state.rekor.url}/api/v1/log/entries/[0-9a-f]{80}$`));
    const entry = (await (await fetch(location)).json()) as Record<string, { logIndex: number }>;
    expect(Object.values(entry)[0]!.logIndex).toBe(sig.layers[0]!.bundle!.Payload.logIndex);
  });

  it('serves its public key and rejects an entry whose signature does not verify', async () => {
    const pem = await (await fetch(`${state.rekor.url}/api/v1/log/publicKey`)).text();
    expect(pem).toBe(readFileSync(state.rekor.publicKeyPath, 'utf8'));
    const sig = (await peekSignatures(image))!;
    const body = JSON.parse(
      Buffer.from(sig.layers[0]!.bundle!.Payload.body, 'base64').toString(),
    ) as { spec: { data: { hash: { value: string } } } };
    body.spec.data.hash.value = '0'.repeat(64);
    const r = await fetch(`${state.rekor.url}/api/v1/log/entries`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(400);
  });
});

describe('keyless against the local Fulcio and OIDC endpoint', () => {
  it('rejects a wrong OIDC request token with 403', async () => {
    const r = await fetch(`${state.oidc.requestUrl}&audience=sigstore`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(r.status).toBe(403);
  });

  it('Fulcio checks the token signature and the proof of possession, as the real one does', async () => {
    const token = await getIdToken(state);
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ask = (jwt: string, subject: string) =>
      fetch(`${state.fulcio.url}/api/v2/signingCert`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          publicKeyRequest: {
            publicKey: {
              algorithm: 'ECDSA',
              content: publicKey.export({ type: 'spki', format: 'pem' }),
            },
            proofOfPossession: sign('sha256', Buffer.from(subject), privateKey).toString('base64'),
          },
        }),
      });
    expect((await ask(token, 'repo:acme/app:ref:refs/heads/main')).status).toBe(200);
    expect((await ask(token, 'someone else')).status).toBe(400);
    expect(
      (await ask(token.slice(0, -4) + 'AAAA', 'repo:acme/app:ref:refs/heads/main')).status,
    ).toBe(401);
  });

  it('cosign 3.1 signs keyless (legacy format); cosign 2.5 and 3.1 verify the identity', async () => {
    const img = (await pushTestImage(state, { repository: 'bed/keyless' })).reference;
    const before = await getStats(state);
    const signed = await cosignSign(3, { image: img });
    expect(signed.ok).toBe(true);
    expect(delta(before, await getStats(state), 'fulcio', 'POST /api/v2/signingCert')).toBe(1);
    const layer = (await peekSignatures(img))!.layers[0]!;
    expect(layer.annotations['dev.sigstore.cosign/certificate']).toContain('BEGIN CERTIFICATE');
    for (const v of [2, 3] as const) expect((await cosignVerify(v, { image: img })).ok).toBe(true);
    const wrong = await cosignVerify(3, {
      image: img,
      identity: DEFAULT_IDENTITY.replace('acme', 'evil'),
    });
    expect(wrong.ok).toBe(false);
  });

  it('cosign 3.1 signs in its default bundle format (dsse entry, referrers tag) and verifies it', async () => {
    const img = (await pushTestImage(state, { repository: 'bed/bundle' })).reference;
    expect((await cosignSign(3, { image: img, key, format: 'bundle' })).ok).toBe(true);
    const refs = await peekReferrers(img);
    expect(refs).toHaveLength(1);
    const bundle = JSON.parse(refs[0]!.layers[0]!.content.toString()) as {
      verificationMaterial: { tlogEntries: { kindVersion: { kind: string } }[] };
    };
    expect(bundle.verificationMaterial.tlogEntries[0]!.kindVersion.kind).toBe('dsse');
    expect((await cosignVerify(3, { image: img, key: key.publicKeyPath })).ok).toBe(true);
  });
});

describe('trusted_root.json with sigstore-js', () => {
  it('@sigstore/sign signs through Fulcio, Rekor and the TSA; @sigstore/verify accepts it', async () => {
    // In a child process: @sigstore/sign cannot be loaded by Jest on Node 20 (see the script).
    const r = await exec(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'test-env', 'sigstore-js-check.ts')],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
        cwd: REPO_ROOT,
      },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ verified: true, san: DEFAULT_IDENTITY });
  });
});
