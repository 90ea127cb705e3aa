// Benchmark of the verify action: N digests (legacy key signatures our signer made) verified in
// one step of ours (`node verify/dist/index.js`, run as the runner runs it) against `cosign
// verify --key` 3.1 once per digest, as a deploy job without this action calls it; same
// registry, same trusted root, alternating run by run, medians and the ratio.
// On each registry of the bed, as bench.ts (bench-common.ts REGISTRIES).
// Usage: npx tsx test-env/bench-verify.ts [--verify N] [--verify-runs N] [--registry htpasswd,token] [--node PATH]
//   (--verify 0 skips it; other arguments are bench.ts's and ignored here)
import { execFileSync } from 'node:child_process';
import { exec, peerEnv, scratch } from '../__tests__/helpers/exec.js';
import { generateCosignKey, type KeyPair } from '../__tests__/helpers/keys.js';
import { runVerify } from '../__tests__/helpers/run-action.js';
import { loadTestbed, type Pushed } from '../__tests__/helpers/testbed.js';
import type { TestbedState } from './state.js';
import {
  median,
  onRegistry,
  parseRegistries,
  pushMany,
  REGISTRIES,
  signInOneStep,
  type BenchRegistry,
} from './bench-common.js';

function parseArgs(argv: string[]): {
  count: number;
  runs: number;
  node: string;
  registries: BenchRegistry[];
} {
  const args = { count: 20, runs: 5, node: process.execPath, registries: [...REGISTRIES] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--verify') args.count = Number(value);
    else if (argv[i] === '--verify-runs') args.runs = Number(value);
    else if (argv[i] === '--node') args.node = value;
    else if (argv[i] === '--registry') args.registries = parseRegistries(value);
  }
  return args;
}

async function signedImages(
  node: string,
  state: TestbedState,
  key: KeyPair,
  count: number,
): Promise<Pushed[]> {
  const images = await pushMany(state, count, 'verify');
  await signInOneStep(node, images, key, state);
  return images;
}

async function timeOurs(
  node: string,
  images: Pushed[],
  key: KeyPair,
  state: TestbedState,
): Promise<number> {
  const r = await runVerify(
    { image: images.map((i) => i.reference).join('\n'), key: key.publicKey, summary: 'false' },
    { DOCKER_CONFIG: state.registry.dockerConfigDir },
    { node, timeoutMs: 300_000 },
  );
  if (r.code !== 0 || r.outputs.verified !== 'true')
    throw new Error(`our verify failed: ${r.errors.join(' ') || r.stderr}`);
  return r.durationMs;
}

async function timeCosign(images: Pushed[], key: KeyPair, state: TestbedState): Promise<number> {
  const started = Date.now();
  for (const image of images) {
    const home = scratch('bench-verify');
    const r = await exec(
      state.peers.cosign3,
      [
        'verify',
        '--allow-http-registry',
        '--trusted-root',
        state.trustedRootPath,
        '--key',
        key.publicKeyPath,
        image.reference,
      ],
      { env: peerEnv(home, { DOCKER_CONFIG: state.registry.dockerConfigDir }) },
    );
    if (r.code !== 0) throw new Error(`cosign verify failed: ${r.stderr}`);
  }
  return Date.now() - started;
}

async function benchOn(
  args: ReturnType<typeof parseArgs>,
  state: TestbedState,
  key: KeyPair,
  label: string,
): Promise<void> {
  const images = await signedImages(args.node, state, key, args.count);
  await timeOurs(args.node, images, key, state); // warm-up, not counted
  await timeCosign(images.slice(0, 1), key, state);
  const ours: number[] = [];
  const cosign: number[] = [];
  for (let run = 0; run < args.runs; run++) {
    if (run % 2 === 0) {
      ours.push(await timeOurs(args.node, images, key, state));
      cosign.push(await timeCosign(images, key, state));
    } else {
      cosign.push(await timeCosign(images, key, state));
      ours.push(await timeOurs(args.node, images, key, state));
    }
    process.stderr.write(
      `  ${label} verify ${args.count} digest(s), run ${run + 1}/${args.runs}: ours ${ours.at(-1)} ms, cosign ${cosign.at(-1)} ms\n`,
    );
  }
  const node = execFileSync(args.node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(
    `${label} verify ${args.count} digest(s)  node ${node} ours (one step) median ${median(ours)} ms  ` +
      `cosign 3.1 verify (${args.count} calls) median ${median(cosign)} ms  ratio ours/cosign ${(median(ours) / median(cosign)).toFixed(3)}  ` +
      `(runs: ours [${ours.join(', ')}], cosign [${cosign.join(', ')}])`,
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.count <= 0) return;
  const bed = loadTestbed();
  const key = await generateCosignKey('bench-verify-pass');
  for (const registry of args.registries)
    await benchOn(args, onRegistry(bed, registry), key, registry.padEnd(8));
}

await main();
