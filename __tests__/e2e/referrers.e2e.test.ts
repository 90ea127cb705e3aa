// `signature-format: bundle` on registries that serve the OCI 1.1 referrers API, end to end: the
// bed's referrers registry (go-containerregistry's pkg/registry with Basic auth and
// `OCI-Subject`, test-env/peers/referrers-registry; Zot's module is not served here) and the same
// registry without `OCI-Subject`, as ggcr's own answers. The bundle must go through the API with
// no `sha256-<hex>` fallback tag, be verified by cosign 3.1, and every referrer must survive a
// re-run, `both`, and six signers at once. distribution v3.1, which answers the API with 404,
// must get the fallback tag. Needs the bed's real servers (`testbed.ts start`, not --no-real).
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import {
  listReferrersApi,
  listTags,
  peekReferrers,
  peekSignatures,
  splitImage,
} from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
let bed: TestbedState;
let keys: KeyPair[];

beforeAll(async () => {
  bed = loadTestbed();
  if (!bed.real)
    throw new Error('the test bed runs without its real servers: restart it without --no-real');
  keys = await Promise.all(
    Array.from({ length: 7 }, (_, i) => generateCosignKey(`referrers pass ${i}`)),
  );
});

// The bed with `host` as its registry: pushTestImage, sig-peek and the verifiers follow it
// (DOCKER_CONFIG holds the same credentials for every registry of the bed).
const on = (host: string): TestbedState => ({ ...bed, registry: { ...bed.registry, host } });

const sign = (inputs: Record<string, string>, key: KeyPair = keys[0]!) =>
  runAction(
    {
      'rekor-url': bed.rekor.url,
      'registry-username': bed.registry.username,
      'registry-password': bed.registry.password,
      'signature-format': 'bundle',
      ...inputs,
    },
    { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password },
  );

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

const refsOf = (r: ActionResult): string[] =>
  (JSON.parse(r.outputs.signatures!) as { format: string; signatureRef: string }[])
    .filter((s) => s.format === 'bundle')
    .map((s) => s.signatureRef.slice(s.signatureRef.indexOf('@') + 1));
const fallbackTag = (digest: string) => digest.replace(':', '-');
const verifiedBundle = (v: { payloads: unknown[] }) =>
  v.payloads.length > 0 &&
  (v.payloads as { critical: { type: string } }[]).every((p) => p.critical.type === PREDICATE);

describe.each([
  ['with OCI-Subject', () => bed.real!.referrers.host],
  ['without OCI-Subject (the client probes the API)', () => bed.real!.referrersNoSubject.host],
])('a registry with the referrers API, %s', (_name, host) => {
  let state: TestbedState;
  beforeAll(() => {
    state = on(host());
  });

  it('lists the bundle through the API, writes no fallback tag, and cosign 3.1 verifies it', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/referrers-api', tag: '1.0' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await sign({ image: `${image.repository}:1.0`, digest: image.digest });
    expectSuccess(result);
    const [ours] = refsOf(result);

    const listed = await listReferrersApi(ref, state);
    expect(listed).toEqual([
      expect.objectContaining({
        digest: ours,
        artifactType: BUNDLE_V03,
        mediaType: expect.any(String),
      }),
    ]);
    const { repo } = splitImage(ref);
    expect(await listTags(repo, state)).toEqual(['1.0']);
    expect(await peekReferrers(ref, state)).toEqual([]);
    expect(await peekSignatures(ref, state)).toBeUndefined();

    const [good, other] = await Promise.all([
      cosignVerify(3, { image: ref, key: keys[0]!.publicKeyPath, state }),
      cosignVerify(3, { image: ref, key: keys[1]!.publicKeyPath, state }),
    ]);
    expect({ code: good.code, err: good.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(good)).toBe(true);
    expect(other.code).not.toBe(0);
  });

  it('keeps the first referrer on a re-run, and `both` adds a .sig and a referrer beside them', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/referrers-rerun' });
    const ref = `${image.repository}@${image.digest}`;
    const first = await sign({ image: ref });
    expectSuccess(first);
    const again = await sign({ image: ref }, keys[1]);
    expectSuccess(again);
    const both = await sign({ image: ref, 'signature-format': 'both' }, keys[2]);
    expectSuccess(both);
    const ours = [...refsOf(first), ...refsOf(again), ...refsOf(both)];
    expect(new Set(ours).size).toBe(3);

    const listed = (await listReferrersApi(ref, state))!.map((d) => d.digest);
    expect(new Set(listed)).toEqual(new Set(ours));
    const sig = await peekSignatures(ref, state);
    expect(sig?.layers).toHaveLength(1);
    const { repo } = splitImage(ref);
    const tags = await listTags(repo, state);
    expect(tags).not.toContain(fallbackTag(image.digest));
    expect(tags).toContain(`${fallbackTag(image.digest)}.sig`);

    const results = await Promise.all([
      ...keys.slice(0, 3).map((k) => cosignVerify(3, { image: ref, key: k.publicKeyPath, state })),
      skopeoVerify({ image: ref, keyPath: keys[2]!.publicKeyPath, state }),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
  });

  it('keeps every referrer when six signers sign one digest at once', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/referrers-six' });
    const ref = `${image.repository}@${image.digest}`;
    const six = keys.slice(1, 7);
    const results = await Promise.all(six.map((k) => sign({ image: ref }, k)));
    results.forEach(expectSuccess);
    const ours = results.flatMap(refsOf);
    expect(new Set(ours).size).toBe(6);
    const listed = (await listReferrersApi(ref, state))!.map((d) => d.digest);
    expect(new Set(listed)).toEqual(new Set(ours));
    const { repo } = splitImage(ref);
    expect((await listTags(repo, state)).filter((t) => t.startsWith('sha256-'))).toEqual([]);
    const verified = await Promise.all(
      six.map((k) => cosignVerify(3, { image: ref, key: k.publicKeyPath, state })),
    );
    expect(verified.map((v) => v.code)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('distribution v3.1 (referrers API answers 404)', () => {
  it('lists the bundle in the sha256-<hex> fallback index, which cosign 3.1 finds', async () => {
    const state = on(bed.real!.distribution.host);
    const image = await pushTestImage(state, { repository: 'e2e/referrers-dist' });
    const ref = `${image.repository}@${image.digest}`;
    const probe = await fetch(
      `http://${state.registry.host}/v2/e2e/referrers-dist/referrers/${image.digest}`,
      {
        headers: {
          Authorization: `Basic ${Buffer.from(`${bed.registry.username}:${bed.registry.password}`).toString('base64')}`,
        },
      },
    );
    expect(probe.status).toBe(404);

    const first = await sign({ image: ref });
    expectSuccess(first);
    const second = await sign({ image: ref }, keys[1]);
    expectSuccess(second);
    const ours = [...refsOf(first), ...refsOf(second)];
    const viaTag = await peekReferrers(ref, state);
    expect(new Set(viaTag.map((r) => r.digest))).toEqual(new Set(ours));
    expect(viaTag.every((r) => r.descriptor.artifactType === BUNDLE_V03)).toBe(true);
    const [a, b] = await Promise.all([
      cosignVerify(3, { image: ref, key: keys[0]!.publicKeyPath, state }),
      cosignVerify(3, { image: ref, key: keys[1]!.publicKeyPath, state }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(verifiedBundle(a)).toBe(true);
  });
});
