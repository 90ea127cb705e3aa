// The push proof: each registry's first target stages alone, the rest wait for it, and only a
// refusal (REGISTRY_DENIED, REGISTRY_AUTH_FAILED) stops the run before anything is logged. The
// real registry's refusal is in e2e/token-registry.e2e.test.ts.
import { SignImageError } from '../../src/errors.js';
import { stageWithPushProof } from '../../src/pipeline/push-proof.js';
import { parseImageReference } from '../../src/reference/parse.js';
import type { SignTarget } from '../../src/reference/targets.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const target = (image: string, c: string): SignTarget => ({
  ref: parseImageReference(`${image}@${digest(c)}`),
  digest: digest(c),
  tags: [],
});
// Two registries: a.test (targets 0, 1, 3) and b.test (target 2).
const targets = [
  target('a.test/x', 'a'),
  target('a.test/y', 'b'),
  target('b.test/z', 'c'),
  target('a.test/w', 'd'),
];
const denied = new SignImageError(
  'REGISTRY_DENIED',
  'a.test refused access to x (insufficient_scope)',
);

/** A stager whose stagings are settled by hand, recording which targets were started. */
function manualStager() {
  const started: number[] = [];
  const settle = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  const stage = (j: number) => {
    started.push(j);
    return new Promise<void>((resolve, reject) => settle.set(j, { resolve, reject }));
  };
  return { stage, started, settle: (j: number) => settle.get(j)! };
}

const tick = () => new Promise((r) => setImmediate(r));

it('stages the first target of each registry first and the others once their registry pushed', async () => {
  const s = manualStager();
  const probed: number[] = [];
  const { staged, pushed } = stageWithPushProof(
    targets,
    [s.stage, undefined],
    async (j) => probed.push(j),
    true,
  );
  await tick();
  expect(s.started).toEqual([0, 2]);
  expect(staged[1]).toEqual([undefined, undefined, undefined, undefined]);
  s.settle(2).resolve();
  await tick();
  expect(s.started).toEqual([0, 2]); // b.test has no other target
  s.settle(0).resolve();
  await pushed;
  await tick();
  expect(s.started).toEqual([0, 2, 1, 3]);
  expect(probed).toEqual([]);
});

it('rejects on a refusal and never starts the other targets of that registry', async () => {
  const s = manualStager();
  const { staged, pushed } = stageWithPushProof(targets, [s.stage], async () => undefined, true);
  s.settle(0).reject(denied);
  s.settle(2).resolve();
  await expect(pushed).rejects.toBe(denied);
  await expect(staged[0]![1]).rejects.toBe(denied);
  await tick();
  expect(s.started).toEqual([0, 2]);
});

it('lets other failures through to the target that meets them again where it writes', async () => {
  const s = manualStager();
  const { staged, pushed } = stageWithPushProof(targets, [s.stage], async () => undefined, true);
  s.settle(0).reject(new SignImageError('REGISTRY_ERROR', 'a.test answered 500'));
  s.settle(2).resolve();
  await expect(pushed).resolves.toBeUndefined();
  await tick();
  expect(s.started).toEqual([0, 2, 1, 3]);
  await expect(staged[0]![0]).rejects.toThrow('500');
});

it('pushes the empty blob once per registry where no format stages anything', async () => {
  const probed: number[] = [];
  const { pushed } = stageWithPushProof(
    targets,
    [undefined, undefined],
    async (j) => probed.push(j),
    true,
  );
  await pushed;
  expect(probed).toEqual([0, 2]);
});

it('a refused probe rejects too', async () => {
  const { pushed } = stageWithPushProof(
    targets,
    [undefined],
    async () => {
      throw new SignImageError('REGISTRY_AUTH_FAILED', 'a.test: bad credentials');
    },
    true,
  );
  await expect(pushed).rejects.toThrow('bad credentials');
});

it('without writes to prove (upload: false) stages everything at once and probes nothing', async () => {
  const s = manualStager();
  const probed: number[] = [];
  const { pushed } = stageWithPushProof(targets, [s.stage], async (j) => probed.push(j), false);
  await expect(pushed).resolves.toBeUndefined();
  expect(s.started).toEqual([0, 1, 2, 3]);
  expect(probed).toEqual([]);
});
