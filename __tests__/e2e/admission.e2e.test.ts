// The summary's Kyverno policies run by the real Kyverno CLI (1.19.1, `kyverno apply`, which
// verifies against the live registry without a cluster), with only the bed's trust substituted
// in. Each must admit a pod naming the signed digest and deny: an unsigned digest, a digest
// signed by another key or identity, and the tag-overwrite attack (the signed tag re-pushed
// with other content, the pod naming the tag). ImageValidatingPolicy initialises TUF before it
// verifies anything logged (admission.md), so the bed's trusted_root.json is served from a TUF
// repository on 127.0.0.1 and named in the attestor's `tuf` block. The ClusterPolicy (Kyverno
// before 1.17) runs for the legacy format (`type: Cosign`), with the bed's Fulcio root and CT
// log key as the summary tells a private instance to add them; its `SigstoreBundle` type takes
// trust only from the controller's TUF set-up and is not run here.
//
// policy-controller's tester (v0.15.1, `policy-tester --policy --image --trustroot`) runs the
// summary's ClusterImagePolicy with only a `TrustRoot` of the bed's keys substituted in
// (`trustRootRef` on the authority, as the summary tells a private instance to do). Legacy,
// key and keyless: admit the signed digest, deny the rest. Bundle: the documented denials, a key
// authority with `signatureFormat: bundle` is refused outright, and keyless bundle image
// signatures are not verified by any release up to v0.15.1.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
const POLICY_TESTER = path.join(PEERS_BIN, 'policy-tester');

let state: TestbedState;
let key: KeyPair;
let otherKey: KeyPair;
let tuf: TufRepo;
beforeAll(async () => {
  if (!existsSync(KYVERNO)) throw new Error(`${KYVERNO} is missing: run test-env/install-peers.sh`);
  state = loadTestbed();
  [key, otherKey, tuf] = await Promise.all([
    generateCosignKey('admission pass'),
    generateCosignKey('other pass'),
    serveTufRepo({ 'trusted_root.json': readFileSync(state.trustedRootPath) }),
  ]);
});
afterAll(async () => {
  await tuf?.close();
});

type Mode = 'key' | 'keyless';
type Format = 'legacy' | 'bundle';

async function sign(
  mode: Mode,
  format: Format,
  image: { repository: string; digest: string },
  other = false,
) {
  const oidc = `${state.oidc.requestUrl}${other ? '&workflow=evil.yml' : ''}`;
  const k = other ? otherKey : key;
  const r = await runAction(
    {
      image: `${image.repository}@${image.digest}`,
      'signature-format': format,
      'rekor-url': state.rekor.url,
      'registry-username': state.registry.username,
      'registry-password': state.registry.password,
      ...(mode === 'keyless' ? { 'signing-mode': 'keyless', 'fulcio-url': state.fulcio.url } : {}),
    },
    mode === 'key'
      ? { COSIGN_PRIVATE_KEY: k.privateKey, COSIGN_PASSWORD: k.password }
      : { ACTIONS_ID_TOKEN_REQUEST_URL: oidc },
    { oidc: mode === 'keyless' },
  );
  if (r.code !== 0) throw new Error(`action failed: ${r.stdout}\n${r.stderr}`);
  return r;
}

// Why the last `fail` was a denial: the verifier's own error, or the policy's message.
let lastDenial = '';
// A denial by verification, not by a broken trust set-up (TUF, registry, log unreachable).
const VERIFIED_DENIAL = /no signatures found|no matching (signatures|attestations)/;

/** `kyverno apply` of one policy to a pod naming `image`: pass, fail (denied) or error. */
async function apply(policy: Doc, image: string): Promise<'pass' | 'fail' | string> {
  const dir = scratch('kyverno');
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
        // ClusterPolicy's `type: Cosign` takes the log and CT keys the way a controller is
        // configured offline, from cosign's variables (the policy names the Rekor key too).
        SIGSTORE_REKOR_PUBLIC_KEY: state.rekor.publicKeyPath,
        SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: state.ctlog.publicKeyPath,
        SIGSTORE_ROOT_FILE: state.fulcio.rootPath,
      },
    },
  );
  // ClusterPolicy rules are counted once per autogen kind: every rule passes, or one fails.
  const [, pass, fail, error] = (
    /pass: (\d+), fail: (\d+), warn: \d+, error: (\d+)/.exec(r.stdout) ?? []
  ).map(Number);
  if (pass! > 0 && fail === 0 && error === 0) return 'pass';
  if (fail! > 0 && error === 0) {
    const why = /image verification failed.*?error=\S*?"(.*?)"/.exec(r.stdout + r.stderr)?.[1];
    lastDenial = why ?? r.stdout;
    console.log(
      image,
      why ??
        r.stdout
          .split('\n')
          .filter((l) => / - |rror|failed/.test(l))
          .join('\n')
          .slice(-1500),
    );
    return 'fail';
  }
  return `unexpected (exit ${r.code}): ${r.stdout}\n${r.stderr}`;
}

// What Kyverno's mutating webhook does before validation (mutateDigest): the tag is pinned to
// the digest it names at admission time. `kyverno apply` validates without mutating (a pod
// naming only a tag is denied, "does not have a digest"), so the tests pin it the same way.
async function pinned(tagged: string): Promise<string> {
  const { username, password } = state.registry;
  const r = await exec(state.peers.skopeo, [
    'inspect',
    '--tls-verify=false',
    '--creds',
    `${username}:${password}`,
    '--format',
    '{{.Digest}}',
    `docker://${tagged}`,
  ]);
  if (r.code !== 0) throw new Error(`skopeo inspect ${tagged}: ${r.stderr}`);
  return `${tagged}@${r.stdout.trim()}`;
}

// Only the bed's trust goes in: its TUF repository for the ImageValidatingPolicy.
function withLocalTrust(ivp: Doc): Doc {
  const doc = structuredClone(ivp);
  for (const a of doc.spec.attestors)
    a.cosign.tuf = { mirror: tuf.url, root: { data: tuf.root.toString('base64') } };
  return doc;
}

// For the ClusterPolicy the summary says: a private Fulcio's roots go in `keyless.roots` (and
// its CT log's key in `keyless.ctlog.pubkey`).
function withLocalRoots(cpol: Doc): Doc {
  const doc = structuredClone(cpol);
  for (const vi of doc.spec.rules[0].verifyImages)
    for (const set of vi.attestors)
      for (const e of set.entries) {
        if (!e.keyless) continue;
        e.keyless.roots = readFileSync(state.fulcio.rootPath, 'utf8');
        e.keyless.ctlog = { pubkey: readFileSync(state.ctlog.publicKeyPath, 'utf8') };
      }
  return doc;
}

describe.each([
  ['key', 'legacy'],
  ['key', 'bundle'],
  ['keyless', 'legacy'],
  ['keyless', 'bundle'],
] as const)('%s signing, %s format: the Kyverno policies', (mode, format) => {
  const repo = `e2e/admission-${mode}-${format}`;
  let signed: { repository: string; digest: string; tag: string };
  let ivp: Doc;
  let cpol: Doc;
  beforeAll(async () => {
    signed = await pushTestImage(state, { repository: repo, tag: '1.0' });
    const result = await sign(mode, format, signed);
    const docs = fenced(result.summary, 'yaml').map((y) => parseYaml(y) as Doc);
    ivp = withLocalTrust(docs.find((d) => d.kind === 'ImageValidatingPolicy')!);
    cpol = withLocalRoots(docs.find((d) => d.kind === 'ClusterPolicy')!);
  }, 120_000);

  it('admits the signed digest, and its tag while the tag still names it', async () => {
    expect(await apply(ivp, `${signed.repository}@${signed.digest}`)).toBe('pass');
    // The ClusterPolicy for Kyverno before 1.17 (`type: Cosign`) as printed.
    if (format === 'legacy') {
      expect(await apply(cpol, `${signed.repository}@${signed.digest}`)).toBe('pass');
    }
    expect(await apply(ivp, await pinned(`${signed.repository}:1.0`))).toBe('pass');
    // Unpinned (no mutating webhook in the CLI), verifyDigest refuses a bare tag.
    expect(await apply(ivp, `${signed.repository}:1.0`)).toBe('fail');
    expect(lastDenial).toContain('does not have a digest');
    expect(tuf.requests).toContain('/targets/trusted_root.json');
  }, 120_000);

  it('denies an unsigned digest of the same repository', async () => {
    const unsigned = await pushTestImage(state, { repository: repo });
    expect(await apply(ivp, `${unsigned.repository}@${unsigned.digest}`)).toBe('fail');
    expect(lastDenial).toMatch(VERIFIED_DENIAL);
    if (format === 'legacy') {
      expect(await apply(cpol, `${unsigned.repository}@${unsigned.digest}`)).toBe('fail');
    }
  }, 120_000);

  it(`denies a digest signed by another ${mode === 'key' ? 'key' : 'identity'}`, async () => {
    const forged = await pushTestImage(state, { repository: repo });
    await sign(mode, format, forged, true);
    expect(await apply(ivp, `${forged.repository}@${forged.digest}`)).toBe('fail');
    expect(lastDenial).toMatch(VERIFIED_DENIAL);
    if (format === 'legacy') {
      expect(await apply(cpol, `${forged.repository}@${forged.digest}`)).toBe('fail');
    }
  }, 120_000);

  it('denies the tag-overwrite attack: the signed tag re-pushed with other content', async () => {
    const attack = await pushTestImage(state, { repository: repo, tag: '1.0' });
    const pod = await pinned(`${signed.repository}:1.0`);
    expect(pod).toBe(`${signed.repository}:1.0@${attack.digest}`);
    expect(await apply(ivp, pod)).toBe('fail');
    expect(lastDenial).toMatch(VERIFIED_DENIAL);
    if (format === 'legacy') expect(await apply(cpol, pod)).toBe('fail');
    // The signed digest itself is still admitted.
    expect(await apply(ivp, `${signed.repository}@${signed.digest}`)).toBe('pass');
  }, 120_000);
});

// ---- policy-controller ----

const TRUST_ROOT_NAME = 'sign-image-testbed';
const b64 = (text: string) => Buffer.from(text).toString('base64');

// The bed's Sigstore as a policy-controller TrustRoot (spec.sigstoreKeys; PEM, base64 as Go
// marshals []byte): Fulcio's root, the Rekor and CT log keys, the TSA chain.
function trustRootFile(
  rekorPublicKeyPem = readFileSync(state.rekor.publicKeyPath, 'utf8'),
): string {
  const dir = scratch('policy-tester-trust');
  const file = path.join(dir, 'trustroot.json');
  const doc = {
    apiVersion: 'policy.sigstore.dev/v1alpha1',
    kind: 'TrustRoot',
    metadata: { name: TRUST_ROOT_NAME },
    spec: {
      sigstoreKeys: {
        certificateAuthorities: [
          {
            subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
            uri: state.fulcio.url,
            certChain: b64(readFileSync(state.fulcio.rootPath, 'utf8')),
          },
        ],
        tLogs: [
          {
            baseURL: state.rekor.url,
            hashAlgorithm: 'sha-256',
            publicKey: b64(rekorPublicKeyPem),
          },
        ],
        ctLogs: [
          {
            baseURL: state.fulcio.url,
            hashAlgorithm: 'sha-256',
            publicKey: b64(readFileSync(state.ctlog.publicKeyPath, 'utf8')),
          },
        ],
        timestampAuthorities: [
          {
            subject: { organization: 'sigstore.mock', commonName: 'tsa' },
            uri: state.tsa.url,
            certChain: b64(readFileSync(state.tsa.chainPath, 'utf8')),
          },
        ],
      },
    },
  };
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

// Only the bed's trust goes in: `trustRootRef` on the keyless block and on `ctlog`.
function withTrustRoot(cip: Doc): Doc {
  const doc = structuredClone(cip);
  for (const a of doc.spec.authorities) {
    if (a.keyless) a.keyless.trustRootRef = TRUST_ROOT_NAME;
    if (a.ctlog) a.ctlog.trustRootRef = TRUST_ROOT_NAME;
  }
  return doc;
}

let lastTesterOutput = '';
/** policy-tester of one policy against `image`: pass, fail (JSON errors, exit 1) or error. */
async function test(
  policy: Doc,
  image: string,
  root: string = trustRoot,
): Promise<'pass' | 'fail' | string> {
  const dir = scratch('policy-tester');
  writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
  const r = await exec(
    POLICY_TESTER,
    ['--policy', 'policy.json', '--image', image, '--trustroot', root],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        DOCKER_CONFIG: state.registry.dockerConfigDir,
        TUF_ROOT: path.join(dir, '.sigstore'),
      },
    },
  );
  lastTesterOutput = `${r.stdout}\n${r.stderr}`;
  if (r.code === 0) return 'pass';
  const json = r.stdout
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('{"errors"'));
  if (r.code === 1 && json) {
    console.log(image, json.slice(0, 1500));
    return 'fail';
  }
  return `unexpected (exit ${r.code}): ${r.stdout}\n${r.stderr}`;
}

let trustRoot: string;
describe.each([
  ['key', 'legacy'],
  ['keyless', 'legacy'],
] as const)('%s signing, %s format: the policy-controller ClusterImagePolicy', (mode, format) => {
  const repo = `e2e/admission-pc-${mode}-${format}`;
  let signed: { repository: string; digest: string; tag: string };
  let cip: Doc;
  beforeAll(async () => {
    if (!existsSync(POLICY_TESTER))
      throw new Error(`${POLICY_TESTER} is missing: run test-env/install-peers.sh`);
    trustRoot ??= trustRootFile();
    signed = await pushTestImage(state, { repository: repo, tag: '1.0' });
    const result = await sign(mode, format, signed);
    const docs = fenced(result.summary, 'yaml').map((y) => parseYaml(y) as Doc);
    cip = withTrustRoot(docs.find((d) => d.kind === 'ClusterImagePolicy')!);
  }, 120_000);

  it('admits the signed digest, and its tag while the tag names it', async () => {
    expect(await test(cip, `${signed.repository}@${signed.digest}`)).toBe('pass');
    expect(await test(cip, `${signed.repository}:1.0`)).toBe('pass');
  }, 120_000);

  it('checks the Rekor entry: a trust root with another log key denies the signed digest', async () => {
    const wrongLog = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const root = trustRootFile(wrongLog);
    expect(await test(cip, `${signed.repository}@${signed.digest}`, root)).toBe('fail');
    expect(lastTesterOutput).toMatch(/no matching signatures/);
  }, 120_000);

  it('denies an unsigned digest of the same repository', async () => {
    const unsigned = await pushTestImage(state, { repository: repo });
    expect(await test(cip, `${unsigned.repository}@${unsigned.digest}`)).toBe('fail');
    expect(lastTesterOutput).toContain('no signatures found');
  }, 120_000);

  it(`denies a digest signed by another ${mode === 'key' ? 'key' : 'identity'}`, async () => {
    const forged = await pushTestImage(state, { repository: repo });
    await sign(mode, format, forged, true);
    expect(await test(cip, `${forged.repository}@${forged.digest}`)).toBe('fail');
    expect(lastTesterOutput).toContain(
      mode === 'key'
        ? 'no matching signatures: error verifying bundle: comparing public key PEMs'
        : 'no matching signatures: none of the expected identities matched',
    );
  }, 120_000);

  it('denies the tag-overwrite attack: the signed tag re-pushed with other content', async () => {
    const attack = await pushTestImage(state, { repository: repo, tag: '1.0' });
    expect(attack.digest).not.toBe(signed.digest);
    expect(await test(cip, `${signed.repository}:1.0`)).toBe('fail');
    expect(lastTesterOutput).toContain('no signatures found');
    expect(await test(cip, `${signed.repository}@${signed.digest}`)).toBe('pass');
  }, 120_000);
});

describe('bundle format: policy-controller refuses what it documents it cannot verify', () => {
  beforeAll(() => {
    if (!existsSync(POLICY_TESTER))
      throw new Error(`${POLICY_TESTER} is missing: run test-env/install-peers.sh`);
    trustRoot ??= trustRootFile();
  });

  it('key: prints no ClusterImagePolicy, says why, and a key authority with signatureFormat: bundle is refused', async () => {
    const signed = await pushTestImage(state, { repository: 'e2e/admission-pc-key-bundle' });
    const result = await sign('key', 'bundle', signed);
    const docs = fenced(result.summary, 'yaml').map((y) => parseYaml(y) as Doc);
    expect(docs.find((d) => d.kind === 'ClusterImagePolicy')).toBeUndefined();
    expect(result.summary).toContain('only for keyless authorities');
    // What a user would write instead: the key policy with signatureFormat: bundle.
    const legacy = await pushTestImage(state, { repository: 'e2e/admission-pc-key-bundle' });
    const legacyRun = await sign('key', 'legacy', legacy);
    const cip = withTrustRoot(
      fenced(legacyRun.summary, 'yaml')
        .map((y) => parseYaml(y) as Doc)
        .find((d) => d.kind === 'ClusterImagePolicy')!,
    );
    cip.spec.authorities[0].signatureFormat = 'bundle';
    expect(await test(cip, `${signed.repository}@${signed.digest}`)).toBe('fail');
    expect(lastTesterOutput).toContain('the authority must be keyless');
  }, 120_000);

  it('keyless: the printed bundle policy denies even the signed digest, as its note says', async () => {
    const signed = await pushTestImage(state, { repository: 'e2e/admission-pc-keyless-bundle' });
    const result = await sign('keyless', 'bundle', signed);
    const docs = fenced(result.summary, 'yaml').map((y) => parseYaml(y) as Doc);
    const cip = withTrustRoot(docs.find((d) => d.kind === 'ClusterImagePolicy')!);
    expect(cip.spec.authorities[0].signatureFormat).toBe('bundle');
    expect(result.summary).toContain('not bundle-format image signatures');
    expect(await test(cip, `${signed.repository}@${signed.digest}`)).toBe('fail');
    expect(lastTesterOutput).toContain(
      'bundle support for image signatures is not yet implemented',
    );
  }, 120_000);
});
