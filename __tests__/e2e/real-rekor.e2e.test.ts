// Against the real Rekor v1 (rekor-server v1.5.4 on Trillian v1.7.3 and MariaDB, in the bed's
// own network namespace; test-env/real-peers.ts), where Rekor's own handling of an entry decides
// the outcome: hashedrekord (legacy) and dsse (bundle) entries, key and keyless, each accepted
// by cosign 3.1, cosign 2.5 (legacy) and skopeo (key, legacy) trusting only the real log's key;
// the `rekor-log-index` output is the real log's entry (GET ?logIndex=); and a retry after a lost
// answer, which the real log answers 409, reuses the entry the first try made.
//
// Keyless: the real log stamps entries with the wall clock, so the leaves come from the bed's
// Fulcio that issues from the wall clock (`fulcio.wallClockUrl`; same CA and trust).
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

let bed: TestbedState;
let real: TestbedState; // the bed with the real Rekor as its log, for the verifiers
let key: KeyPair;
let otherKey: KeyPair;

beforeAll(async () => {
  bed = loadTestbed();
  if (!bed.real)
    throw new Error('the test bed runs without its real servers: restart it without --no-real');
  const r = bed.real.rekor;
  real = {
    ...bed,
    rekor: { url: r.url, publicKeyPath: r.publicKeyPath, logID: r.logID },
    trustedRootPath: r.trustedRootPath,
  };
  [key, otherKey] = await Promise.all([
    generateCosignKey('real rekor pass'),
    generateCosignKey('real rekor other'),
  ]);
});

interface LogEntry {
  body: string;
  integratedTime: number;
  logID: string;
  logIndex: number;
  verification: { signedEntryTimestamp: string };
}

async function entryAt(url: string, logIndex: string | number): Promise<[string, LogEntry]> {
  const r = await fetch(`${url}/api/v1/log/entries?logIndex=${logIndex}`);
  if (r.status !== 200) throw new Error(`GET ?logIndex=${logIndex}: ${r.status} ${await r.text()}`);
  const [entry, ...more] = Object.entries((await r.json()) as Record<string, LogEntry>);
  expect(more).toEqual([]);
  return entry!;
}

async function treeSize(url: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/log`);
  return ((await r.json()) as { treeSize: number }).treeSize;
}

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

const sign = (
  format: 'legacy' | 'bundle',
  image: string,
  opts: { keyless?: boolean; rekorUrl?: string; k?: KeyPair } = {},
) =>
  runAction(
    {
      image,
      'signature-format': format,
      'rekor-url': opts.rekorUrl ?? real.rekor.url,
      // The real log's key (and the bed's Fulcio and CT log), as `cosign trusted-root create`
      // would list them: the action trusts only what this names.
      'trusted-root': real.trustedRootPath!,
      'fulcio-url': bed.fulcio.wallClockUrl!,
      'registry-username': bed.registry.username,
      'registry-password': bed.registry.password,
      ...(opts.keyless ? { 'signing-mode': 'keyless' } : {}),
    },
    opts.keyless
      ? {}
      : {
          COSIGN_PRIVATE_KEY: (opts.k ?? key).privateKey,
          COSIGN_PASSWORD: (opts.k ?? key).password,
        },
    { oidc: opts.keyless === true },
  );

interface Signature {
  format: string;
  rekorLogIndex: number;
  rekorLogId: string;
  integratedTime: number;
}
const signaturesOf = (r: ActionResult) => JSON.parse(r.outputs.signatures!) as Signature[];

// The output log index names the real log's entry, with the real log's ID and time.
async function expectRealEntry(result: ActionResult, kind: 'hashedrekord' | 'dsse') {
  const [s] = signaturesOf(result);
  expect(result.outputs['rekor-log-index']).toBe(String(s!.rekorLogIndex));
  expect(s!.rekorLogId).toBe(real.rekor.logID);
  const [, entry] = await entryAt(real.rekor.url, result.outputs['rekor-log-index']!);
  expect(entry.logIndex).toBe(s!.rekorLogIndex);
  expect(entry.logID).toBe(real.rekor.logID);
  expect(entry.integratedTime).toBe(s!.integratedTime);
  const body = JSON.parse(Buffer.from(entry.body, 'base64').toString()) as {
    kind: string;
    spec: unknown;
  };
  expect(body.kind).toBe(kind);
  return { entry, body };
}

describe('with a key', () => {
  it('legacy: a hashedrekord entry in the real log, accepted by cosign 3.1, cosign 2.5 and skopeo', async () => {
    const image = await pushTestImage(bed, { repository: 'e2e/real-rekor-key' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign('legacy', ref);
    expectSuccess(result);
    const { body } = await expectRealEntry(result, 'hashedrekord');
    // The entry carries our key.
    const spec = (body as unknown as { spec: { signature: { publicKey: { content: string } } } })
      .spec;
    const logged = createPublicKey(Buffer.from(spec.signature.publicKey.content, 'base64'));
    expect(logged.export({ type: 'spki', format: 'der' })).toEqual(
      createPublicKey(key.publicKey).export({ type: 'spki', format: 'der' }),
    );

    const [v3, v2, skopeo, v3Other, v3BedRoot] = await Promise.all([
      cosignVerify(3, { image: ref, key: key.publicKeyPath, state: real }),
      cosignVerify(2, { image: ref, key: key.publicKeyPath, state: real }),
      skopeoVerify({ image: ref, keyPath: key.publicKeyPath, state: real }),
      cosignVerify(3, { image: ref, key: otherKey.publicKeyPath, state: real }),
      // The bed's own trusted root does not hold the real log's key: the SET is really checked.
      cosignVerify(3, { image: ref, key: key.publicKeyPath }),
    ]);
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
    expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
    expect(v3Other.code).not.toBe(0);
    expect(v3BedRoot.code).not.toBe(0);
  });

  it('bundle: a dsse entry the real log stored as hashes, accepted by cosign 3.1', async () => {
    const image = await pushTestImage(bed, { repository: 'e2e/real-rekor-key-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign('bundle', ref);
    expectSuccess(result);
    const { body } = await expectRealEntry(result, 'dsse');
    const spec = (
      body as unknown as { spec: { envelopeHash: { value: string }; payloadHash: unknown } }
    ).spec;
    expect(spec.envelopeHash.value).toMatch(/^[0-9a-f]{64}$/);
    expect(spec.payloadHash).toBeDefined();

    const [v3, v3Other] = await Promise.all([
      cosignVerify(3, { image: ref, key: key.publicKeyPath, state: real }),
      cosignVerify(3, { image: ref, key: otherKey.publicKeyPath, state: real }),
    ]);
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect(v3Other.code).not.toBe(0);
  });
});

describe('keyless', () => {
  it('legacy: accepted by cosign 3.1 and cosign 2.5 for the exact identity only', async () => {
    const image = await pushTestImage(bed, { repository: 'e2e/real-rekor-keyless' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign('legacy', ref, { keyless: true });
    expectSuccess(result);
    await expectRealEntry(result, 'hashedrekord');
    const [v3, v2, wrong] = await Promise.all([
      cosignVerify(3, { image: ref, state: real }),
      cosignVerify(2, { image: ref, state: real }),
      cosignVerify(3, {
        image: ref,
        identity: 'https://github.com/acme/other/.github/workflows/release.yml@refs/heads/main',
        state: real,
      }),
    ]);
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
    expect(wrong.code).not.toBe(0);
  });

  it('bundle: accepted by cosign 3.1', async () => {
    const image = await pushTestImage(bed, { repository: 'e2e/real-rekor-keyless-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign('bundle', ref, { keyless: true });
    expectSuccess(result);
    await expectRealEntry(result, 'dsse');
    const v3 = await cosignVerify(3, { image: ref, state: real });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
  });
});

describe('a retry after a lost answer (409 from the real log)', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(real.rekor.url);
  });
  afterAll(() => proxy.close());

  it.each(['legacy', 'bundle'] as const)(
    '%s: reuses the entry the first POST made, and cosign 3.1 accepts it',
    async (format) => {
      const image = await pushTestImage(bed, { repository: `e2e/real-rekor-409-${format}` });
      const ref = `${image.repository}@${image.digest}`;
      let posts = 0;
      proxy.setDecide(({ method, path }) =>
        method === 'POST' && path === '/api/v1/log/entries' && posts++ === 0
          ? { kind: 'lost' }
          : undefined,
      );
      const since = proxy.records.length;
      const before = await treeSize(real.rekor.url);
      const result = await sign(format, ref, { rekorUrl: proxy.url });
      proxy.setDecide(undefined);
      expectSuccess(result);

      const mine = proxy.records.slice(since);
      const entryPosts = mine.filter(
        (r) => r.method === 'POST' && r.path === '/api/v1/log/entries',
      );
      // The first POST was logged (201) but its answer lost; the retry got 409 from the real log.
      expect(entryPosts.map((r) => [r.upstream, r.fault ?? null])).toEqual([
        [201, 'lost'],
        [409, null],
      ]);
      // One entry was added to the log, and it is the one reported.
      for (let i = 0; i < 50 && (await treeSize(real.rekor.url)) < before + 1; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await treeSize(real.rekor.url)).toBe(before + 1);
      await expectRealEntry(result, format === 'legacy' ? 'hashedrekord' : 'dsse');

      const v3 = await cosignVerify(3, { image: ref, key: key.publicKeyPath, state: real });
      expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
      if (format === 'legacy') {
        const v2 = await cosignVerify(2, { image: ref, key: key.publicKeyPath, state: real });
        expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
      }
    },
  );
});

test('the log ID the bed recorded is sha256 of the key the real log serves', async () => {
  const served = await (await fetch(`${real.rekor.url}/api/v1/log/publicKey`)).text();
  expect(served).toBe(readFileSync(real.rekor.publicKeyPath, 'utf8'));
  const spki = createPublicKey(served).export({ type: 'spki', format: 'der' });
  expect(createHash('sha256').update(spki).digest('hex')).toBe(real.rekor.logID);
});
