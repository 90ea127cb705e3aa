// 30% of all requests faulted: every service (registry, Rekor, Fulcio, TSA, OIDC) sits behind a
// proxy of this file that answers a seeded random share of requests with 429 (Retry-After: 1),
// 503, a reset, a lost answer (the service acted, the client never heard) or a delay. 20 runs of
// the action (key and keyless, legacy `.sig` and bundle, with a TSA), four at a time, must all
// end with a signature the real cosign verifies, one layer or referrer each, and one Rekor entry
// per signature however many POSTs were retried.
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { randomFaults, seededRandom, type FaultMix } from '../helpers/fault-proxy.js';
import { pool, SERVICES, startFaultedBed, type FaultedBed } from '../helpers/faulted-bed.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify } from '../helpers/verifiers.js';

const SEED = Number(process.env.FAULT_SEED ?? 20261122);
const MIX: FaultMix = {
  share: 0.3,
  weights: { status429: 3, status503: 3, reset: 2, lost: 1, delay: 1 },
  retryAfter: '1',
  delayMs: [100, 800],
};
type Kind = 'key-legacy' | 'key-bundle' | 'keyless-legacy' | 'keyless-bundle-tsa';
const KINDS: Kind[] = [
  'key-legacy',
  'key-legacy',
  'key-bundle',
  'keyless-legacy',
  'keyless-bundle-tsa',
];

let state: TestbedState;
let key: KeyPair;
let bed: FaultedBed;

beforeAll(async () => {
  state = loadTestbed();
  key = await generateCosignKey('faults pass');
  bed = await startFaultedBed(state, (service) =>
    randomFaults(MIX, seededRandom(SEED + SERVICES.indexOf(service))),
  );
});
afterAll(() => bed.close());

interface Run {
  kind: Kind;
  ref: string; // on the real registry, for the verifiers
  result: ActionResult;
}

async function signOnce(i: number): Promise<Run> {
  const kind = KINDS[i % KINDS.length]!;
  const image = await pushTestImage(state, {
    repository: `e2e/faults-${i}`,
    content: `faults ${SEED} ${i} ${Date.now()}`,
  });
  const keyless = kind.startsWith('keyless');
  const result = await runAction(
    bed.inputs(image, {
      'signature-format': kind.includes('bundle') ? 'bundle' : 'legacy',
      ...(keyless ? { 'signing-mode': 'keyless' } : {}),
      ...(kind.endsWith('tsa') ? { 'tsa-url': bed.proxies.tsa.url } : {}),
    }),
    keyless ? bed.oidcEnv() : { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password },
    { oidc: keyless },
  );
  return { kind, ref: `${image.repository}@${image.digest}`, result };
}

async function verify(run: Run) {
  const keyArgs = run.kind.startsWith('key-') ? { key: key.publicKeyPath } : {};
  if (run.kind.includes('bundle')) {
    const extraArgs = run.kind.endsWith('tsa') ? ['--use-signed-timestamps'] : [];
    return cosignVerify(3, { image: run.ref, ...keyArgs, extraArgs });
  }
  return cosignVerify(2, { image: run.ref, ...keyArgs });
}

it('20 runs with 30% of requests faulted all end signed, verified and without duplicates', async () => {
  const started = Date.now();
  const runs = await pool(
    Array.from({ length: 20 }, (_, i) => i),
    4,
    signOnce,
  );
  const wallMs = Date.now() - started;

  for (const run of runs) {
    if (run.result.code !== 0)
      throw new Error(`${run.kind} failed (FAULT_SEED=${SEED}): ${run.result.stdout}`);
    expect(run.result.errors).toEqual([]);
  }
  const verified = await pool(runs, 4, verify);
  verified.forEach((v, i) =>
    expect({ run: i, code: v.code, stderr: v.code ? v.stderr : '' }).toEqual({
      run: i,
      code: 0,
      stderr: '',
    }),
  );

  // Exactly one signature per run: no layer or referrer written twice by a retried write.
  for (const run of runs) {
    if (run.kind.includes('bundle')) {
      expect(await peekReferrers(run.ref)).toHaveLength(1);
    } else {
      const sig = await peekSignatures(run.ref);
      expect(sig?.layers).toHaveLength(1);
    }
  }

  // The faults really happened, at about the share asked for, of every kind.
  const records = SERVICES.flatMap((s) => bed.proxies[s].records);
  const faulted = records.filter((r) => r.fault);
  const share = faulted.length / records.length;
  expect(share).toBeGreaterThan(0.22);
  expect(share).toBeLessThan(0.38);
  expect(new Set(faulted.map((r) => r.fault))).toEqual(
    new Set(['status', 'reset', 'lost', 'delay']),
  );

  // One Rekor entry per signature: a POST whose answer was lost was not logged a second time.
  const rekor = bed.proxies.rekor.records.filter((r) => r.method === 'POST');
  expect(rekor.filter((r) => r.upstream === 201)).toHaveLength(runs.length);
  // Fulcio minted one certificate per keyless run, plus one for each answer lost on the way.
  const fulcio = bed.proxies.fulcio.records.filter((r) => r.method === 'POST');
  const keylessRuns = runs.filter((r) => r.kind.startsWith('keyless')).length;
  const lost = fulcio.filter((r) => r.fault === 'lost').length;
  expect(fulcio.filter((r) => r.upstream === 200 && r.fault !== 'lost')).toHaveLength(keylessRuns);
  expect(fulcio.filter((r) => r.upstream === 200)).toHaveLength(keylessRuns + lost);

  const durations = runs.map((r) => r.result.durationMs).sort((a, b) => a - b);
  console.log(
    `faults: seed ${SEED}, ${records.length} requests, ${faulted.length} faulted (${(share * 100).toFixed(1)}%), ` +
      `${rekor.length} Rekor POSTs for ${runs.length} entries; run time median ${durations[10]} ms, ` +
      `max ${durations.at(-1)} ms; wall ${wallMs} ms`,
  );
}, 240_000);
