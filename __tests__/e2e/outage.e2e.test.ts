// Services down for good, through this file's fault proxies: the step must fail within its
// bound (about 16 s of retries for a service that refuses or answers 5xx; the deadline for one
// that hangs), with one `::error::` line naming the service, its host and the status, and no
// manifest, tag or referrer written to the registry. And one repository failing among three: the other two are
// signed, verified and reported, and the error names exactly the unsigned digest.
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import type { Decide } from '../helpers/fault-proxy.js';
import { startFaultedBed, type FaultedBed, type Service } from '../helpers/faulted-bed.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify } from '../helpers/verifiers.js';
import { deadPort } from '../helpers/registry-server.js';

// 8 tries with at most 1.5 × (0.25 + 0.5 + 1 + 2 + 4 + 4 + 4) s of waiting, plus start-up.
const RETRY_BOUND_MS = 24_000 + 8_000;
const WRITES = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

let state: TestbedState;
let key: KeyPair;
const beds: FaultedBed[] = [];
afterAll(() => Promise.all(beds.map((b) => b.close())));

beforeAll(async () => {
  state = loadTestbed();
  key = await generateCosignKey('outage pass');
});

const withKey = () => ({ COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password });

async function bedWith(faults: Partial<Record<Service, Decide>>): Promise<FaultedBed> {
  const bed = await startFaultedBed(state, (s) => faults[s]);
  beds.push(bed);
  return bed;
}

function expectOneLineFailure(result: ActionResult, message: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(message);
}

// No manifest, tag or referrer. Blob uploads are allowed: while the key decrypts, the legacy
// format uploads the payload and config blobs, which do not depend on the signature (they are
// content-addressed and referenced by nothing until a `.sig` manifest is stored).
async function expectNothingWritten(bed: FaultedBed, image: Pushed): Promise<void> {
  expect(
    bed.proxies.registry.records.filter(
      (r) => WRITES.has(r.method) && !/^\/v2\/.+\/blobs\/uploads\//.test(r.path),
    ),
  ).toEqual([]);
  expect(await peekSignatures(`${image.repository}@${image.digest}`)).toBeUndefined();
  expect(await peekReferrers(`${image.repository}@${image.digest}`)).toEqual([]);
}

describe('a service down for good', () => {
  it.concurrent(
    'Rekor answering 503: fails after its retries, before any registry write',
    async () => {
      const bed = await bedWith({
        rekor: ({ method }) => (method === 'POST' ? { kind: 'status', status: 503 } : undefined),
      });
      const image = await pushTestImage(state, { repository: 'e2e/outage-rekor' });
      const result = await runAction(bed.inputs(image), withKey());
      expectOneLineFailure(
        result,
        new RegExp(
          `^Rekor at ${bed.proxies.rekor.host} answered 503 when recording the signature after 8 attempts.*https://status\\.sigstore\\.dev`,
        ),
      );
      expect(bed.proxies.rekor.records.filter((r) => r.method === 'POST')).toHaveLength(8);
      expect(result.durationMs).toBeLessThan(RETRY_BOUND_MS);
      await expectNothingWritten(bed, image);
    },
  );

  it.concurrent(
    'Fulcio refusing connections (keyless): fails naming it, nothing written',
    async () => {
      const bed = await bedWith({});
      const image = await pushTestImage(state, { repository: 'e2e/outage-fulcio' });
      const fulcio = `127.0.0.1:${await deadPort()}`;
      const result = await runAction(
        bed.inputs(image, { 'signing-mode': 'keyless', 'fulcio-url': `http://${fulcio}` }),
        bed.oidcEnv(),
        { oidc: true },
      );
      expectOneLineFailure(
        result,
        new RegExp(`^Fulcio at ${fulcio} could not be reached \\(ECONNREFUSED\\) after 8 attempts`),
      );
      expect(result.durationMs).toBeLessThan(RETRY_BOUND_MS);
      await expectNothingWritten(bed, image);
    },
  );

  it.concurrent(
    'Rekor that never answers: the deadline ends the step, nothing written',
    async () => {
      const bed = await bedWith({ rekor: () => ({ kind: 'hang' }) });
      const image = await pushTestImage(state, { repository: 'e2e/outage-hang' });
      const result = await runAction(bed.inputs(image), {
        ...withKey(),
        SIGN_IMAGE_DEADLINE_SECONDS: '12',
      });
      expectOneLineFailure(
        result,
        new RegExp(
          `^Rekor at ${bed.proxies.rekor.host} did not answer before the step's 12 s deadline`,
        ),
      );
      expect(result.durationMs).toBeLessThan(12_000 + 5_000);
      await expectNothingWritten(bed, image);
    },
  );

  it.concurrent(
    'the registry refusing every write: the signature is logged but nothing is half-written',
    async () => {
      const bed = await bedWith({
        registry: ({ method }) =>
          WRITES.has(method) ? { kind: 'status', status: 503 } : undefined,
      });
      const image = await pushTestImage(state, { repository: 'e2e/outage-registry' });
      const result = await runAction(bed.inputs(image), withKey());
      expectOneLineFailure(
        result,
        new RegExp(
          `^POST ${bed.proxies.registry.host}/v2/e2e/outage-registry/blobs/uploads/: 503 .*after 8 attempts`,
        ),
      );
      expect(result.durationMs).toBeLessThan(RETRY_BOUND_MS);
      expect(await peekSignatures(`${image.repository}@${image.digest}`)).toBeUndefined();
    },
  );
});

it.concurrent(
  'one repository failing among three: the others are signed and reported, the error names the one',
  async () => {
    const images = await Promise.all(
      ['a', 'b', 'c'].map((x) => pushTestImage(state, { repository: `e2e/outage-partial-${x}` })),
    );
    const failing = `/v2/e2e/outage-partial-b/manifests/${images[1]!.digest.replace(':', '-')}.sig`;
    const bed = await bedWith({
      registry: ({ method, path }) =>
        method === 'PUT' && path === failing ? { kind: 'status', status: 503 } : undefined,
    });
    const result = await runAction(bed.inputs(images), withKey());
    expectOneLineFailure(
      result,
      new RegExp(
        `^1 of 3 signatures could not be made or stored: ${bed.imageRef(images[1]!)}: PUT ${bed.proxies.registry.host}${failing}: 503`,
      ),
    );
    for (const other of [images[0]!, images[2]!])
      expect(result.errors[0]).not.toContain(other.digest);
    const signed = JSON.parse(result.outputs.signatures ?? '[]') as { digest: string }[];
    expect(signed.map((s) => s.digest).sort()).toEqual(
      [images[0]!.digest, images[2]!.digest].sort(),
    );
    expect(result.outputs['rekor-log-index']).toMatch(/^\d+$/);
    const [a, c] = await Promise.all(
      [images[0]!, images[2]!].map((i) =>
        cosignVerify(2, { image: `${i.repository}@${i.digest}`, key: key.publicKeyPath }),
      ),
    );
    expect([a!.code, c!.code]).toEqual([0, 0]);
    expect(await peekSignatures(`${images[1]!.repository}@${images[1]!.digest}`)).toBeUndefined();
  },
);
