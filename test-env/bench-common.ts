// What both benchmarks (bench.ts, bench-verify.ts) do alike: medians, pushing test images a few
// at a time, and one signing step of ours.
import { generateCosignKey } from '../__tests__/helpers/keys.js';
import { runAction } from '../__tests__/helpers/run-action.js';
import { pushTestImage, type Pushed } from '../__tests__/helpers/testbed.js';
import type { TestbedState } from './state.js';

export type BenchKey = Awaited<ReturnType<typeof generateCosignKey>>;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The two registries of the bed: `htpasswd` checks a bcrypt hash on every request (~3 ms of its
 * CPU each, measured), `token` a JWT signature, as GHCR, Docker Hub and ECR do.
 */
export const REGISTRIES = ['htpasswd', 'token'] as const;
export type BenchRegistry = (typeof REGISTRIES)[number];

/** `--registry htpasswd,token` → the registries named (unknown names are an error). */
export function parseRegistries(value: string): BenchRegistry[] {
  const names = value.split(',').filter(Boolean);
  const bad = names.filter((n) => !(REGISTRIES as readonly string[]).includes(n));
  if (bad.length > 0 || names.length === 0)
    throw new Error(`--registry takes ${REGISTRIES.join(', ')} (comma-separated), not ${value}`);
  return names as BenchRegistry[];
}

/** The bed with `which` registry in the `registry` slot, where pushing and signing look. */
export function onRegistry(state: TestbedState, which: BenchRegistry): TestbedState {
  return which === 'htpasswd'
    ? state
    : { ...state, registry: { ...state.registry, host: state.tokenRegistry.host } };
}

/** `count` fresh images in repositories bench/<label>-N. */
export async function pushMany(
  state: TestbedState,
  count: number,
  label: string,
): Promise<Pushed[]> {
  const pushed: Pushed[] = [];
  // skopeo is the slow part of pushing; a few at a time keeps the setup short.
  for (let i = 0; i < count; i += 5) {
    const batch = Array.from({ length: Math.min(5, count - i) }, (_, j) =>
      pushTestImage(state, { repository: `bench/${label}-${i + j}` }),
    );
    pushed.push(...(await Promise.all(batch)));
  }
  return pushed;
}

/** Our action signs `images` in one step (legacy, key mode); the wall time of the step. */
export async function signInOneStep(
  node: string,
  images: Pushed[],
  key: BenchKey,
  state: TestbedState,
): Promise<number> {
  const result = await runAction(
    {
      image: images.map((i) => i.reference).join('\n'),
      'rekor-url': state.rekor.url,
      summary: 'false',
    },
    {
      COSIGN_PRIVATE_KEY: key.privateKey,
      COSIGN_PASSWORD: key.password,
      DOCKER_CONFIG: state.registry.dockerConfigDir,
    },
    { node, timeoutMs: 300_000 },
  );
  if (result.code !== 0)
    throw new Error(`our action failed: ${result.errors.join(' ') || result.stderr}`);
  return result.durationMs;
}
