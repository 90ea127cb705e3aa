// Benchmark: our action (`node dist/index.js`, run as the runner runs it) against the real
// `cosign sign --key` 3.1 (legacy format), on the same registry and the same local Rekor,
// alternating run by run so that drift on the machine hits both alike. Each run signs images
// pushed for it alone, so neither side pays for the other's growing `.sig`.
// Usage: npx tsx test-env/bench.ts [--runs N] [--scenarios 1,50] [--node PATH]
import { execFileSync } from 'node:child_process';
import { cosignSign } from '../__tests__/helpers/cosign-sign.js';
import { generateCosignKey } from '../__tests__/helpers/keys.js';
import { runAction } from '../__tests__/helpers/run-action.js';
import { loadTestbed, pushTestImage, type Pushed } from '../__tests__/helpers/testbed.js';
import type { TestbedState } from './state.js';

interface Args {
  runs: number;
  scenarios: number[];
  nodes: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 7, scenarios: [1, 50], nodes: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--runs') args.runs = Number(value);
    else if (argv[i] === '--scenarios') args.scenarios = value.split(',').map(Number);
    else if (argv[i] === '--node') args.nodes.push(value);
    else continue;
    i++;
  }
  if (args.nodes.length === 0) args.nodes.push(process.execPath);
  return args;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function pushMany(state: TestbedState, count: number, label: string): Promise<Pushed[]> {
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

async function timeOurs(
  node: string,
  images: Pushed[],
  key: Awaited<ReturnType<typeof generateCosignKey>>,
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

async function timeCosign(
  images: Pushed[],
  key: Awaited<ReturnType<typeof generateCosignKey>>,
): Promise<number> {
  const started = Date.now();
  const [first, ...rest] = images;
  const r = await cosignSign(3, {
    image: first!.reference,
    key,
    extraArgs: rest.map((i) => i.reference),
  });
  if (!r.ok) throw new Error(`cosign sign failed: ${r.stderr}`);
  return Date.now() - started;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const state = loadTestbed();
  const key = await generateCosignKey('bench-pass');
  const lines: string[] = [];
  for (const count of args.scenarios) {
    for (const node of args.nodes) {
      const ours: number[] = [];
      const cosign: number[] = [];
      // One warm-up each (page cache, registry, Rekor), not counted.
      await timeOurs(node, await pushMany(state, count, `warm-ours-${count}`), key, state);
      await timeCosign(await pushMany(state, count, `warm-cosign-${count}`), key);
      for (let run = 0; run < args.runs; run++) {
        const [a, b] = await Promise.all([
          pushMany(state, count, `o${count}-${run}`),
          pushMany(state, count, `c${count}-${run}`),
        ]);
        // Alternate which side goes first, so neither always runs on a warmer machine.
        if (run % 2 === 0) {
          ours.push(await timeOurs(node, a, key, state));
          cosign.push(await timeCosign(b, key));
        } else {
          cosign.push(await timeCosign(b, key));
          ours.push(await timeOurs(node, a, key, state));
        }
        process.stderr.write(
          `  ${count} image(s), run ${run + 1}/${args.runs}: ours ${ours.at(-1)} ms, cosign ${cosign.at(-1)} ms\n`,
        );
      }
      const line =
        `${String(count).padStart(3)} image(s)  node ${nodeVersion(node).padEnd(9)} ours median ${median(ours)} ms  ` +
        `cosign 3.1 median ${median(cosign)} ms  ratio ours/cosign ${(median(ours) / median(cosign)).toFixed(2)}  ` +
        `(runs: ours [${ours.join(', ')}], cosign [${cosign.join(', ')}])`;
      lines.push(line);
      console.log(line);
    }
  }
  console.log('\nsummary (medians, wall clock from process start to exit):');
  for (const line of lines) console.log(line.replace(/\s+\(runs:.*$/, ''));
}

function nodeVersion(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

await main();
