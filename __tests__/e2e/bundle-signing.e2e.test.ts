// `signature-format: bundle | both` with a key, end to end: the action as the runner runs it,
// the real registry (no referrers API, so the `sha256-<hex>` tag index), the bed's Rekor, and
// verifiers nobody here wrote: cosign 3.1 (--trusted-root, Rekor SET checked), skopeo 1.18 for
// the legacy half, and @sigstore/verify for the file at `bundle-path`.
import type { SerializedBundle } from '@sigstore/bundle';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cosignSign } from '../helpers/cosign-sign.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import {
  getManifest,
  peekReferrers,
  peekSignatures,
  putManifest,
  splitImage,
} from '../helpers/sig-peek.js';
import { sigstoreVerify } from '../helpers/sigstore-verify.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
let state: TestbedState;
let key: KeyPair;
let otherKey: KeyPair;

beforeAll(async () => {
  state = loadTestbed();
  [key, otherKey] = await Promise.all([
    generateCosignKey('bundle pass'),
    generateCosignKey('other pass'),
  ]);
});

const sign = (inputs: Record<string, string>, k: KeyPair = key, rekorUrl = state.rekor.url) =>
  runAction(
    {
      'rekor-url': rekorUrl,
      'registry-username': state.registry.username,
      'registry-password': state.registry.password,
      ...inputs,
    },
    { COSIGN_PRIVATE_KEY: k.privateKey, COSIGN_PASSWORD: k.password },
  );

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

// One bundle of the file at `bundle-path`, keyed by image@digest (#format when both were made).
function bundleAt(r: ActionResult, key: string): SerializedBundle {
  const file = JSON.parse(readFileSync(r.outputs['bundle-path']!, 'utf8')) as Record<
    string,
    SerializedBundle
  >;
  const bundle = file[key];
  if (!bundle)
    throw new Error(`no bundle for ${key} at bundle-path (keys: ${Object.keys(file).join(', ')})`);
  return bundle;
}
const statementOf = (bundle: SerializedBundle) =>
  JSON.parse(Buffer.from(bundle.dsseEnvelope!.payload, 'base64').toString());
// cosign 3.1 prints the statement it verified as a payload whose `type` is the predicate type.
const verifiedBundle = (v: { payloads: unknown[] }) =>
  (v.payloads as { critical: { type: string } }[]).every((p) => p.critical.type === PREDICATE);

describe('signature-format: bundle', () => {
  let image: Awaited<ReturnType<typeof pushTestImage>>;
  let ref: string;
  let result: ActionResult;
  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/bundle-key', tag: '1.0' });
    ref = `${image.repository}@${image.digest}`;
    result = await sign({
      image: `${image.repository}:1.0`,
      digest: image.digest,
      'signature-format': 'bundle',
      annotations: 'commit=abc123',
    });
  });

  it('reports the referrer manifest and the dsse entry', () => {
    expectSuccess(result);
    const [s, ...rest] = JSON.parse(result.outputs.signatures!);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      image: image.repository,
      digest: image.digest,
      format: 'bundle',
      rekorLogId: state.rekor.logID,
    });
    expect(s.signatureRef).toMatch(new RegExp(`^${image.repository}@sha256:[0-9a-f]{64}$`));
    expect(result.outputs['rekor-log-index']).toBe(String(s.rekorLogIndex));
  });

  it('attaches the bundle through the sha256-<hex> index with the OCI artifactType, and writes no .sig', async () => {
    expect(await peekSignatures(ref)).toBeUndefined();
    const [referrer, ...more] = await peekReferrers(ref);
    expect(more).toEqual([]);
    const signatureRef = JSON.parse(result.outputs.signatures!)[0].signatureRef;
    expect(`${image.repository}@${referrer!.digest}`).toBe(signatureRef);
    expect(referrer!.descriptor.artifactType).toBe(BUNDLE_V03);
    expect(referrer!.manifest.subject).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: expect.any(Number),
      digest: image.digest,
    });
    const stored = JSON.parse(referrer!.layers[0]!.content.toString());
    expect(stored).toEqual(bundleAt(result, `${image.repository}@${image.digest}`));
    expect(statementOf(stored).subject).toEqual([
      { digest: { sha256: image.digest.slice(7) }, annotations: { commit: 'abc123' } },
    ]);
  });

  it('is accepted by cosign 3.1 as a bundle (with -a), and refused for another key or annotation', async () => {
    const [good, wrongKey, wrongNote] = await Promise.all([
      cosignVerify(3, { image: ref, key: key.publicKeyPath, annotations: { commit: 'abc123' } }),
      cosignVerify(3, { image: ref, key: otherKey.publicKeyPath }),
      cosignVerify(3, { image: ref, key: key.publicKeyPath, annotations: { commit: 'other' } }),
    ]);
    expect({ code: good.code, err: good.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(good)).toBe(true);
    expect([wrongKey.code, wrongNote.code]).not.toContain(0);
  });

  it('logged a dsse entry whose body is the one in the bundle', async () => {
    const index = result.outputs['rekor-log-index'];
    const entry = Object.values(
      (await (
        await fetch(`${state.rekor.url}/api/v1/log/entries?logIndex=${index}`)
      ).json()) as object,
    )[0];
    const body = JSON.parse(Buffer.from(entry.body, 'base64').toString());
    expect(body.kind).toBe('dsse');
    const tlog = bundleAt(result, `${image.repository}@${image.digest}`).verificationMaterial
      .tlogEntries[0]!;
    expect(tlog.canonicalizedBody).toBe(entry.body);
  });

  it('writes a bundle @sigstore/verify accepts against the bed trusted root (and not for another key)', () => {
    const b = bundleAt(result, `${image.repository}@${image.digest}`);
    expect(b.mediaType).toBe(BUNDLE_V03);
    expect(() =>
      sigstoreVerify(b, { trustedRootPath: state.trustedRootPath, publicKeyPem: key.publicKey }),
    ).not.toThrow();
    expect(() =>
      sigstoreVerify(b, {
        trustedRootPath: state.trustedRootPath,
        publicKeyPem: otherKey.publicKey,
      }),
    ).toThrow();
  });
});

describe('signature-format: bundle never reads the .sig tag', () => {
  it('signs a digest whose sha256-<hex>.sig tag holds junk, leaves the junk alone, and cosign 3.1 verifies', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-junk-sig' });
    const ref = `${image.repository}@${image.digest}`;
    const { repo } = splitImage(ref);
    const sigTag = `${image.digest.replace(':', '-')}.sig`;
    // An empty image index: a valid manifest for the registry, never a cosign signature image.
    const junk = Buffer.from(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
    );
    const junkDigest = await putManifest(
      repo,
      sigTag,
      junk,
      'application/vnd.oci.image.index.v1+json',
    );

    // The legacy format does read it, and refuses to extend it: the junk is junk.
    const legacy = await sign({ image: ref, 'signature-format': 'legacy' });
    expect(legacy.code).not.toBe(0);
    expect(legacy.errors.join('\n')).toContain('cannot be extended'); // SIGNATURE_MANIFEST_INVALID

    const result = await sign({ image: ref, 'signature-format': 'bundle' });
    expectSuccess(result);
    expect((await getManifest(repo, sigTag))?.digest).toBe(junkDigest);
    expect(await peekReferrers(ref)).toHaveLength(1);
    const v3 = await cosignVerify(3, { image: ref, key: key.publicKeyPath });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(v3)).toBe(true);
  });
});

describe('signature-format: both', () => {
  it('skopeo accepts the legacy signature and cosign 3.1 the bundle on the same digest', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-both' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign({ image: ref, 'signature-format': 'both' });
    expectSuccess(result);
    expect(JSON.parse(result.outputs.signatures!).map((s: { format: string }) => s.format)).toEqual(
      ['legacy', 'bundle'],
    );
    const [sig, referrers] = await Promise.all([peekSignatures(ref), peekReferrers(ref)]);
    expect([sig?.layers.length, referrers.length]).toEqual([1, 1]);

    const [skopeo, v3] = await Promise.all([
      skopeoVerify({ image: ref, keyPath: key.publicKeyPath }),
      cosignVerify(3, { image: ref, key: key.publicKeyPath }),
    ]);
    expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(v3)).toBe(true);

    // Both bundles in the file, each verifiable: the legacy one over the payload stored in the .sig.
    const opts = { trustedRootPath: state.trustedRootPath, publicKeyPem: key.publicKey };
    expect(() => sigstoreVerify(bundleAt(result, `${ref}#bundle`), opts)).not.toThrow();
    expect(() =>
      sigstoreVerify(bundleAt(result, `${ref}#legacy`), {
        ...opts,
        artifact: sig!.layers[0]!.payload,
      }),
    ).not.toThrow();
  });
});

describe('more than one bundle on a digest', () => {
  it('a second signature keeps the first one in the fallback index; both verify', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-twice' });
    const ref = `${image.repository}@${image.digest}`;
    expectSuccess(await sign({ image: ref, 'signature-format': 'bundle' }, key));
    const first = (await peekReferrers(ref)).map((r) => r.digest);
    expectSuccess(await sign({ image: ref, 'signature-format': 'bundle' }, otherKey));
    const after = await peekReferrers(ref);
    expect(after).toHaveLength(2);
    expect(after.map((r) => r.digest)).toEqual(expect.arrayContaining(first));
    const [byFirst, bySecond] = await Promise.all([
      cosignVerify(3, { image: ref, key: key.publicKeyPath }),
      cosignVerify(3, { image: ref, key: otherKey.publicKeyPath }),
    ]);
    expect([byFirst.code, bySecond.code]).toEqual([0, 0]);
  });

  it("keeps cosign 3.1's own bundle (and its empty-config artifactType) when adding ours", async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-after-cosign' });
    const ref = `${image.repository}@${image.digest}`;
    const made = await cosignSign(3, { image: ref, key: otherKey, format: 'bundle' });
    expect({ code: made.code, err: made.stderr }).toMatchObject({ code: 0 });
    const [theirs] = await peekReferrers(ref);
    expect(theirs!.descriptor.artifactType).toBe('application/vnd.oci.empty.v1+json');
    expectSuccess(await sign({ image: ref, 'signature-format': 'bundle' }, key));
    const after = await peekReferrers(ref);
    expect(after.map((r) => r.descriptor)).toEqual(expect.arrayContaining([theirs!.descriptor]));
    expect(after.map((r) => r.descriptor.artifactType).sort()).toEqual([
      BUNDLE_V03,
      'application/vnd.oci.empty.v1+json',
    ]);
    const [byCosign, byUs] = await Promise.all([
      cosignVerify(3, { image: ref, key: otherKey.publicKeyPath }),
      cosignVerify(3, { image: ref, key: key.publicKeyPath }),
    ]);
    expect([byCosign.code, byUs.code]).toEqual([0, 0]);
  });
});

describe('what reaches the registry', () => {
  it('upload: false logs the bundle and writes it to bundle-path, but pushes nothing', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-no-upload' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign({ image: ref, 'signature-format': 'both', upload: 'false' });
    expectSuccess(result);
    expect(
      JSON.parse(result.outputs.signatures!).map((s: { signatureRef: string }) => s.signatureRef),
    ).toEqual(['', '']);
    expect(await peekSignatures(ref)).toBeUndefined();
    expect(await peekReferrers(ref)).toEqual([]);
    const b = bundleAt(result, `${ref}#bundle`);
    expect(() =>
      sigstoreVerify(b, { trustedRootPath: state.trustedRootPath, publicKeyPem: key.publicKey }),
    ).not.toThrow();
  });

  it('a Rekor that answers with another entry stops the run before any write (both formats)', async () => {
    // Rekor behind a proxy that replays the first dsse entry it saw for every later dsse request:
    // a validly signed entry, but for another statement.
    let replay: { status: number; body: string } | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      const forward = async () => {
        const body = Buffer.concat(chunks);
        const dsse = req.method === 'POST' && body.includes('"kind":"dsse"');
        if (dsse && replay)
          return res
            .writeHead(replay.status, { 'Content-Type': 'application/json' })
            .end(replay.body);
        const up = await fetch(`${state.rekor.url}${req.url}`, {
          method: req.method,
          headers: { 'Content-Type': 'application/json' },
          body: req.method === 'GET' ? undefined : body,
        });
        const text = await up.text();
        if (dsse) replay = { status: up.status, body: text };
        res
          .writeHead(up.status, {
            'Content-Type': up.headers.get('content-type') ?? 'application/json',
          })
          .end(text);
      };
      // A proxy failure answers 502, which the action reports; it never goes unhandled.
      req.on('end', () => void forward().catch(() => res.writeHead(502).end()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const rekorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const decoy = await pushTestImage(state, { repository: 'e2e/bundle-decoy' });
      expectSuccess(
        await sign(
          { image: `${decoy.repository}@${decoy.digest}`, 'signature-format': 'bundle' },
          key,
          rekorUrl,
        ),
      );
      const image = await pushTestImage(state, { repository: 'e2e/bundle-lied-to' });
      const ref = `${image.repository}@${image.digest}`;
      const result = await sign({ image: ref, 'signature-format': 'both' }, key, rekorUrl);
      expect(result.code).not.toBe(0);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toContain("Rekor dsse entry's spec.envelopeHash.value");
      expect(await peekSignatures(ref)).toBeUndefined();
      expect(await peekReferrers(ref)).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
