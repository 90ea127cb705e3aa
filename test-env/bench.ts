// Benchmark: our action (`node dist/index.js`, run as the runner runs it) against the real
// `cosign sign --key` 3.1 (legacy format), on the same registry and the same local Rekor,
// alternating run by run so that drift on the machine hits both alike. Each run signs images
// pushed for it alone, so neither side pays for the other's growing `.sig`.
// Attestations: N images x 2 predicates (a CycloneDX SBOM and a SLSA v1 provenance) in one step
// of ours against `cosign attest --key` 3.1 (legacy `.att`) once per image and predicate, as a
// workflow without this action has to call it.
// Each on both of the bed's registries (bench-common.ts REGISTRIES): htpasswd, whose bcrypt check
// on every request is most of its CPU, and token auth, as the hosted registries answer.
// Usage: npx tsx test-env/bench.ts [--runs N] [--scenarios 1,50] [--attest 20] [--attest-runs N]
//   [--registry htpasswd,token] [--node PATH]   (--scenarios '' or --attest 0 skips that part)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exec, peerEnv, scratch } from '../__tests__/helpers/exec.js';
import { cosignSign } from '../__tests__/helpers/cosign-sign.js';
import { generateCosignKey } from '../__tests__/helpers/keys.js';
import { runAction } from '../__tests__/helpers/run-action.js';
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

interface Args {
  runs: number;
  scenarios: number[];
  attest: number;
  attestRuns: number;
  registries: BenchRegistry[];
  nodes: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 7,
    scenarios: [1, 50],
    attest: 20,
    attestRuns: 3,
    registries: [...REGISTRIES],
    nodes: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--runs') args.runs = Number(value);
    else if (argv[i] === '--scenarios')
      args.scenarios = value.split(',').filter(Boolean).map(Number);
    else if (argv[i] === '--attest') args.attest = Number(value);
    else if (argv[i] === '--attest-runs') args.attestRuns = Number(value);
    else if (argv[i] === '--node') args.nodes.push(value);
    else if (argv[i] === '--registry') args.registries = parseRegistries(value);
    else continue;
    i++;
  }
  if (args.nodes.length === 0) args.nodes.push(process.execPath);
  return args;
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

// The two predicates of the attestation scenario: the CycloneDX specification's 1.6 example and
// the SLSA v1 provenance example (the test fixtures, see __tests__/fixtures/SOURCES.md).
function predicateFiles(): { type: string; file: string }[] {
  const dir = scratch('bench-predicates');
  const fixtures = path.join(import.meta.dirname, '..', '__tests__', 'fixtures', 'attestations');
  const slsa = path.join(dir, 'provenance.json');
  const statement = JSON.parse(
    readFileSync(path.join(fixtures, 'slsa-v1-github-actions-workflow-example.json'), 'utf8'),
  ) as { predicate: unknown };
  writeFileSync(slsa, JSON.stringify(statement.predicate));
  return [
    { type: 'cyclonedx', file: path.join(fixtures, 'cyclonedx-1.6-valid-bom.json') },
    { type: 'slsaprovenance1', file: slsa },
  ];
}

async function timeOursAttest(
  node: string,
  images: Pushed[],
  predicates: { type: string; file: string }[],
  key: Awaited<ReturnType<typeof generateCosignKey>>,
  state: TestbedState,
): Promise<number> {
  const result = await runAction(
    {
      image: images.map((i) => i.reference).join('\n'),
      'rekor-url': state.rekor.url,
      sign: 'false',
      attestations: predicates.map((p) => `${p.type}=${p.file}`).join('\n'),
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

// `cosign attest` takes one predicate per call: one call per image and predicate, in sequence.
async function timeCosignAttest(
  images: Pushed[],
  predicates: { type: string; file: string }[],
  key: Awaited<ReturnType<typeof generateCosignKey>>,
  state: TestbedState,
): Promise<number> {
  const started = Date.now();
  for (const image of images) {
    for (const p of predicates) {
      const home = scratch('bench-attest');
      const r = await exec(
        state.peers.cosign3,
        [
          'attest',
          '-y',
          '--allow-http-registry',
          '--new-bundle-format=false',
          '--use-signing-config=false',
          '--trusted-root',
          state.trustedRootPath,
          '--rekor-url',
          state.rekor.url,
          '--key',
          key.privateKeyPath,
          '--type',
          p.type,
          '--predicate',
          p.file,
          image.reference,
        ],
        {
          env: peerEnv(home, {
            DOCKER_CONFIG: state.registry.dockerConfigDir,
            COSIGN_PASSWORD: key.password,
          }),
        },
      );
      if (r.code !== 0) throw new Error(`cosign attest failed: ${r.stderr}`);
    }
  }
  return Date.now() - started;
}

async function benchAttest(
  args: Args,
  state: TestbedState,
  key: Awaited<ReturnType<typeof generateCosignKey>>,
  label: string,
): Promise<string[]> {
  const lines: string[] = [];
  const count = args.attest;
  const predicates = predicateFiles();
  for (const node of args.nodes) {
    const ours: number[] = [];
    const cosign: number[] = [];
    await timeOursAttest(
      node,
      await pushMany(state, count, `warm-att-ours-${count}`),
      predicates,
      key,
      state,
    );
    await timeCosignAttest(
      await pushMany(state, 1, `warm-att-cosign-${count}`),
      predicates,
      key,
      state,
    );
    for (let run = 0; run < args.attestRuns; run++) {
      const [a, b] = await Promise.all([
        pushMany(state, count, `ao${count}-${run}`),
        pushMany(state, count, `ac${count}-${run}`),
      ]);
      if (run % 2 === 0) {
        ours.push(await timeOursAttest(node, a, predicates, key, state));
        cosign.push(await timeCosignAttest(b, predicates, key, state));
      } else {
        cosign.push(await timeCosignAttest(b, predicates, key, state));
        ours.push(await timeOursAttest(node, a, predicates, key, state));
      }
      process.stderr.write(
        `  ${label} attest ${count} image(s) x ${predicates.length}, run ${run + 1}/${args.attestRuns}: ours ${ours.at(-1)} ms, cosign ${cosign.at(-1)} ms\n`,
      );
    }
    const line =
      `${label} ${String(count).padStart(3)} image(s) x ${predicates.length} predicates  node ${nodeVersion(node).padEnd(9)} ours (one step) median ${median(ours)} ms  ` +
      `cosign 3.1 attest (${count * predicates.length} calls) median ${median(cosign)} ms  ratio ours/cosign ${(median(ours) / median(cosign)).toFixed(3)}  ` +
      `(runs: ours [${ours.join(', ')}], cosign [${cosign.join(', ')}])`;
    lines.push(line);
    console.log(line);
  }
  return lines;
}

async function benchSign(
  args: Args,
  state: TestbedState,
  key: Awaited<ReturnType<typeof generateCosignKey>>,
  label: string,
): Promise<string[]> {
  const lines: string[] = [];
  for (const count of args.scenarios) {
    for (const node of args.nodes) {
      const ours: number[] = [];
      const cosign: number[] = [];
      // One warm-up each (page cache, registry, Rekor), not counted.
      await signInOneStep(node, await pushMany(state, count, `warm-ours-${count}`), key, state);
      await timeCosign(await pushMany(state, count, `warm-cosign-${count}`), key);
      for (let run = 0; run < args.runs; run++) {
        const [a, b] = await Promise.all([
          pushMany(state, count, `o${count}-${run}`),
          pushMany(state, count, `c${count}-${run}`),
        ]);
        // Alternate which side goes first, so neither always runs on a warmer machine.
        if (run % 2 === 0) {
          ours.push(await signInOneStep(node, a, key, state));
          cosign.push(await timeCosign(b, key));
        } else {
          cosign.push(await timeCosign(b, key));
          ours.push(await signInOneStep(node, a, key, state));
        }
        process.stderr.write(
          `  ${label} ${count} image(s), run ${run + 1}/${args.runs}: ours ${ours.at(-1)} ms, cosign ${cosign.at(-1)} ms\n`,
        );
      }
      const line =
        `${label} ${String(count).padStart(3)} image(s)  node ${nodeVersion(node).padEnd(9)} ours median ${median(ours)} ms  ` +
        `cosign 3.1 median ${median(cosign)} ms  ratio ours/cosign ${(median(ours) / median(cosign)).toFixed(2)}  ` +
        `(runs: ours [${ours.join(', ')}], cosign [${cosign.join(', ')}])`;
      lines.push(line);
      console.log(line);
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const bed = loadTestbed();
  const key = await generateCosignKey('bench-pass');
  const lines: string[] = [];
  for (const registry of args.registries) {
    const state = onRegistry(bed, registry);
    const label = registry.padEnd(8);
    lines.push(...(await benchSign(args, state, key, label)));
    if (args.attest > 0) lines.push(...(await benchAttest(args, state, key, label)));
  }
  console.log('\nsummary (medians, wall clock from process start to exit):');
  for (const line of lines) console.log(line.replace(/\s+\(runs:.*$/, ''));
}

function nodeVersion(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

await main();
