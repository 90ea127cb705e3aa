// The summary's attestation checks run by the real Kyverno CLI (1.19.1, `kyverno apply` against
// the live registry, no cluster), with only the bed's trust substituted in, as
// admission.e2e.test.ts does for the signature policies: the ImageValidatingPolicy
// (`attestations[].intoto.type` + verifyAttestationSignatures) and, for the legacy `.att`, the
// ClusterPolicy (`verifyImages[].attestations[].type`). Each must admit the attested digest and
// deny a digest that is signed by the same key but lacks that predicate type, and one attested
// by another key.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../helpers/crd-schema.js';
import { exec, scratch } from '../helpers/exec.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { fenced } from '../helpers/report-results.js';
import { runAction } from '../helpers/run-action.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { serveTufRepo, type TufRepo } from '../helpers/tuf-repo.js';
import { PEERS_BIN } from '../../test-env/state.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const KYVERNO = path.join(PEERS_BIN, 'kyverno');
const CDX = fileURLToPath(
  new URL('../fixtures/attestations/cyclonedx-1.6-valid-bom.json', import.meta.url),
);

let state: TestbedState;
let key: KeyPair;
let otherKey: KeyPair;
let tuf: TufRepo;
let spdx: string;
beforeAll(async () => {
  if (!existsSync(KYVERNO)) throw new Error(`${KYVERNO} is missing: run test-env/install-peers.sh`);
  state = loadTestbed();
  [key, otherKey, tuf] = await Promise.all([
    generateCosignKey('admission attest pass'),
    generateCosignKey('other pass'),
    serveTufRepo({ 'trusted_root.json': readFileSync(state.trustedRootPath) }),
  ]);
  spdx = path.join(scratch('admission-attest'), 'sbom.spdx.json');
  writeFileSync(
    spdx,
    JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'app' }),
  );
});
afterAll(async () => {
  await tuf?.close();
});

async function attest(
  image: { repository: string; digest: string },
  format: 'legacy' | 'bundle',
  attestations: string,
  k: KeyPair = key,
) {
  const r = await runAction(
    {
      image: `${image.repository}@${image.digest}`,
      'signature-format': format,
      'rekor-url': state.rekor.url,
      'registry-username': state.registry.username,
      'registry-password': state.registry.password,
      attestations,
    },
    { COSIGN_PRIVATE_KEY: k.privateKey, COSIGN_PASSWORD: k.password },
  );
  if (r.code !== 0) throw new Error(`action failed: ${r.stdout}\n${r.stderr}`);
  return r;
}

let lastOutput = '';

/** `kyverno apply` of one policy to a pod naming `image`: pass, fail (denied) or error text. */
async function apply(policy: Doc, image: string): Promise<string> {
  const dir = scratch('kyverno-attest');
  writeFileSync(path.join(dir, 'policy.yaml'), JSON.stringify(policy));
  writeFileSync(
    path.join(dir, 'pod.yaml'),
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app', namespace: 'default' },
      spec: { containers: [{ name: 'app', image }] },
    }),
  );
  const r = await exec(
    KYVERNO,
    ['apply', 'policy.yaml', '--resource', 'pod.yaml', '--registry', '--remove-color', '-v', '4'],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        DOCKER_CONFIG: state.registry.dockerConfigDir,
        SIGSTORE_REKOR_PUBLIC_KEY: state.rekor.publicKeyPath,
        SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: state.ctlog.publicKeyPath,
        SIGSTORE_ROOT_FILE: state.fulcio.rootPath,
      },
    },
  );
  lastOutput = `${r.stdout}\n${r.stderr}`;
  const [, pass, fail, error] = (
    /pass: (\d+), fail: (\d+), warn: \d+, error: (\d+)/.exec(r.stdout) ?? []
  ).map(Number);
  if (pass! > 0 && fail === 0 && error === 0) return 'pass';
  if (fail! > 0 && error === 0) return 'fail';
  return `unexpected (exit ${r.code}): ${lastOutput.slice(-3000)}`;
}

// A denial by verification (the verifier's own reason: the predicate type is missing, or no
// attestation verifies with the policy's key), not by a broken trust set-up.
async function expectDenied(policy: Doc, image: string): Promise<void> {
  expect(await apply(policy, image)).toBe('fail');
  if (policy.kind === 'ImageValidatingPolicy') {
    expect(lastOutput).toMatch(
      /required predicate type https:\/\/cyclonedx\.org\/bom not found|no matching attestations/,
    );
  } else {
    expect(lastOutput).toContain('\\":\\"fail\\"');
  }
}

// Only the bed's trust goes in: its TUF repository for the ImageValidatingPolicy.
function withLocalTrust(ivp: Doc): Doc {
  const doc = structuredClone(ivp);
  for (const a of doc.spec.attestors)
    a.cosign.tuf = { mirror: tuf.url, root: { data: tuf.root.toString('base64') } };
  return doc;
}

describe.each(['legacy', 'bundle'] as const)(
  'key mode, %s: the printed attestation checks',
  (format) => {
    const repo = `e2e/admission-attest-${format}`;
    let attested: { repository: string; digest: string };
    let ivp: Doc;
    let cpol: Doc | undefined;
    beforeAll(async () => {
      attested = await pushTestImage(state, { repository: repo });
      const result = await attest(attested, format, `cyclonedx=${CDX}`);
      const docs = fenced(result.summary, 'yaml').map((y) => parseYaml(y) as Doc);
      const ours = docs.filter((d) => String(d.metadata?.name).endsWith('-attestations'));
      ivp = withLocalTrust(ours.find((d) => d.kind === 'ImageValidatingPolicy')!);
      cpol = ours.find((d) => d.kind === 'ClusterPolicy');
      expect(Boolean(cpol)).toBe(format === 'legacy');
    }, 120_000);

    it('admits the attested digest', async () => {
      const ref = `${attested.repository}@${attested.digest}`;
      expect(await apply(ivp, ref)).toBe('pass');
      if (cpol) expect(await apply(cpol, ref)).toBe('pass');
      expect(tuf.requests).toContain('/targets/trusted_root.json');
    }, 120_000);

    it('denies a digest signed by the same key but without a CycloneDX attestation', async () => {
      const other = await pushTestImage(state, { repository: repo });
      await attest(other, format, `spdxjson=${spdx}`);
      const ref = `${other.repository}@${other.digest}`;
      await expectDenied(ivp, ref);
      if (cpol) await expectDenied(cpol, ref);
    }, 120_000);

    it('denies a digest whose CycloneDX attestation is by another key', async () => {
      const forged = await pushTestImage(state, { repository: repo });
      await attest(forged, format, `cyclonedx=${CDX}`, otherKey);
      const ref = `${forged.repository}@${forged.digest}`;
      await expectDenied(ivp, ref);
      if (cpol) await expectDenied(cpol, ref);
    }, 120_000);
  },
);
