// Many references in one step, `recursive: true` on a multi-platform index, and idempotent
// re-runs: `node dist/index.js` against the real registry and the local Rekor, every signature
// checked by the real cosign 3.1 (and skopeo for platform manifests), Rekor SET included.
import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekSignatures } from '../helpers/sig-peek.js';
import {
  delta,
  getStats,
  injectFault,
  loadTestbed,
  pushTestImage,
  pushTestIndex,
  type Pushed,
  type TestbedState,
} from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

// Many action runs and peer verifications per test; the e2e project's default is too short for them.
jest.setTimeout(180_000);
let state: TestbedState;
let key: KeyPair;
const run = `${Date.now().toString(36)}`;

beforeAll(async () => {
  state = loadTestbed();
  key = await generateCosignKey('e2e many pass');
});

function sign(image: string, extra: Record<string, string> = {}): Promise<ActionResult> {
  return runAction(
    {
      image,
      'rekor-url': state.rekor.url,
      'registry-username': state.registry.username,
      'registry-password': state.registry.password,
      ...extra,
    },
    { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password },
  );
}

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

interface Signature {
  image: string;
  digest: string;
  rekorLogIndex: number;
}
const signatures = (r: ActionResult) => JSON.parse(r.outputs.signatures!) as Signature[];

// cosign's payload for repository@digest (no annotations): what Rekor indexes the entry under.
function payloadHash(repository: string, digest: string): string {
  const payload = `{"critical":{"identity":{"docker-reference":"${repository}"},"image":{"docker-manifest-digest":"${digest}"},"type":"cosign container image signature"},"optional":null}`;
  return createHash('sha256').update(payload).digest('hex');
}

// How many entries the log holds for a payload (Rekor's search index, exact per payload, so
// test files running in parallel against the same log do not disturb the count).
async function entriesFor(hash: string): Promise<number> {
  const r = await fetch(`${state.rekor.url}/api/v1/index/retrieve`, {
    method: 'POST',
    body: JSON.stringify({ hash: `sha256:${hash}` }),
  });
  return ((await r.json()) as string[]).length;
}

async function limited<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += n)
    out.push(...(await Promise.all(items.slice(i, i + n).map(fn))));
  return out;
}

describe('recursive: true on a two-platform index with a BuildKit attestation manifest', () => {
  let index: Awaited<ReturnType<typeof pushTestIndex>>;
  let result: ActionResult;

  beforeAll(async () => {
    index = await pushTestIndex(state, {
      repository: `e2e/recursive-${run}`,
      tag: '1.0',
      attestation: true,
    });
    result = await sign(`${index.repository}:1.0@${index.digest}`, { recursive: 'true' });
  });

  it('gives three signatures: the index, then each platform manifest', () => {
    expectSuccess(result);
    const digests = signatures(result).map((s) => s.digest);
    expect(digests).toEqual([index.digest, ...index.platforms.map((p) => p.digest)]);
    expect(new Set(signatures(result).map((s) => s.rekorLogIndex)).size).toBe(3);
  });

  it('each verifies with cosign 3.1', async () => {
    for (const digest of [index.digest, ...index.platforms.map((p) => p.digest)]) {
      const v = await cosignVerify(3, {
        image: `${index.repository}@${digest}`,
        key: key.publicKeyPath,
      });
      expect({ digest, ok: v.ok, stderr: v.ok ? '' : v.stderr }).toEqual({
        digest,
        ok: true,
        stderr: '',
      });
    }
  });

  it('the platform manifests verify with skopeo (sigstoreSigned policy, Rekor SET required)', async () => {
    for (const { digest } of index.platforms) {
      const v = await skopeoVerify({
        image: `${index.repository}@${digest}`,
        keyPath: key.publicKeyPath,
      });
      expect({ digest, ok: v.ok, stderr: v.ok ? '' : v.stderr }).toEqual({
        digest,
        ok: true,
        stderr: '',
      });
    }
  });

  it('leaves the attestation manifest unsigned and says so', async () => {
    expect(await peekSignatures(`${index.repository}@${index.attestation}`)).toBeUndefined();
    expect(result.stdout).toContain(`Not signing ${index.attestation}`);
  });
});

describe('20 images in one step, then the same step again', () => {
  let images: Pushed[];
  let first: ActionResult;
  let second: ActionResult;
  let rekorPosts: number;

  beforeAll(async () => {
    // Four repositories; every image named twice (by tag, and by a second tag), as a release
    // pipeline names one digest `:1.2` and `:latest`. Tags are labels: one signature per digest.
    images = await limited(
      Array.from({ length: 20 }, (_, i) => i),
      5,
      (i) => pushTestImage(state, { repository: `e2e/many-${run}-${i % 4}`, tag: `v${i}` }),
    );
    const refs = images.flatMap((im) => [
      `${im.repository}:${im.tag}@${im.digest}`,
      `${im.repository}:latest-${im.tag}@${im.digest}`,
    ]);
    first = await sign(refs.join('\n'));
    const before = await getStats(state);
    // A trap for the second run: any Rekor upload of one of our payloads would fail the step.
    for (const im of images) {
      await injectFault(state, {
        service: 'rekor',
        method: 'POST',
        path: '/api/v1/log/entries',
        status: 503,
        times: 3,
        bodyIncludes: payloadHash(im.repository, im.digest),
      });
    }
    second = await sign(refs.join('\n'));
    rekorPosts = delta(before, await getStats(state), 'rekor', 'POST /api/v1/log/entries');
  });

  it('gives 20 signatures, one per digest, each in its own .sig', async () => {
    expectSuccess(first);
    expect(signatures(first).map((s) => s.digest)).toEqual(images.map((im) => im.digest));
    const sigs = await Promise.all(images.map((im) => peekSignatures(im.reference)));
    expect(sigs.map((s) => s?.layers.length)).toEqual(images.map(() => 1));
  });

  it('all 20 verify with cosign 3.1', async () => {
    const results = await limited(images, 5, async (im) => ({
      image: im.reference,
      ok: (await cosignVerify(3, { image: im.reference, key: key.publicKeyPath })).ok,
    }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('the re-run adds no layer, logs no entry and reports the same outputs', async () => {
    expectSuccess(second);
    const sigs = await Promise.all(images.map((im) => peekSignatures(im.reference)));
    expect(sigs.map((s) => s?.layers.length)).toEqual(images.map(() => 1));
    const counts = await Promise.all(
      images.map((im) => entriesFor(payloadHash(im.repository, im.digest))),
    );
    expect(counts).toEqual(images.map(() => 1));
    expect(second.outputs.signatures).toBe(first.outputs.signatures);
    expect(second.outputs['rekor-log-index']).toBe(first.outputs['rekor-log-index']);
    expect(second.outputs['rekor-log-id']).toBe(first.outputs['rekor-log-id']);
    // Global counter: other test files may log entries meanwhile, so it only bounds ours from above.
    console.log(`Rekor POSTs while the re-run ran (all test files): ${rekorPosts}`);
  });
});

describe('force: true', () => {
  it('signs again: a second layer and a second Rekor entry', async () => {
    const im = await pushTestImage(state, { repository: `e2e/force-${run}` });
    const first = await sign(im.reference);
    expectSuccess(first);
    const again = await sign(im.reference, { force: 'true' });
    expectSuccess(again);
    expect(again.outputs['rekor-log-index']).not.toBe(first.outputs['rekor-log-index']);
    expect((await peekSignatures(im.reference))?.layers).toHaveLength(2);
    expect(await entriesFor(payloadHash(im.repository, im.digest))).toBe(2);
    expect((await cosignVerify(3, { image: im.reference, key: key.publicKeyPath })).ok).toBe(true);
  });
});
