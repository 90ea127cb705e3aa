// Attestations end to end: `node dist/index.js` with `attestations: TYPE=FILE` lines, against the
// real registry and the bed's Rekor and Fulcio, checked by the real `cosign verify-attestation`
// (2.5 for the legacy `.att`, 3.1 for both formats) with the Rekor SET always checked (never
// --insecure-ignore-tlog). Predicates: an SPDX 2.3 SBOM made by the real `npm sbom`, the
// CycloneDX 1.6 example of the CycloneDX specification, the SLSA v1 provenance example the SLSA
// spec links to (__tests__/fixtures/SOURCES.md).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec, peerEnv, scratch } from '../helpers/exec.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { startProxy, type Proxy } from '../helpers/proxy.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import {
  getBlob,
  getManifest,
  peekReferrers,
  peekSignatures,
  splitImage,
} from '../helpers/sig-peek.js';
import {
  loadTestbed,
  pushTestImage,
  pushTestIndex,
  type Pushed,
  type TestbedState,
} from '../helpers/testbed.js';
import { cosignVerify, DEFAULT_IDENTITY, GITHUB_ISSUER } from '../helpers/verifiers.js';
import { REPO_ROOT } from '../../test-env/state.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/attestations/', import.meta.url));
const CDX_FILE = path.join(FIXTURES, 'cyclonedx-1.6-valid-bom.json');
const SPDX_URI = 'https://spdx.dev/Document';
const CDX_URI = 'https://cyclonedx.org/bom';
const SLSA1_URI = 'https://slsa.dev/provenance/v1';

let state: TestbedState;
let key: KeyPair;
let otherKey: KeyPair;
let files: { spdx: string; cdx: string; slsa: string; dir: string };

beforeAll(async () => {
  state = loadTestbed();
  [key, otherKey] = await Promise.all([
    generateCosignKey('attest pass'),
    generateCosignKey('other pass'),
  ]);
  const dir = scratch('attest-predicates');
  // A real SPDX 2.3 SBOM of this repository's production dependencies, by npm itself.
  const npm = await exec('npm', ['sbom', '--sbom-format', 'spdx', '--omit', 'dev'], {
    cwd: REPO_ROOT,
    env: { ...peerEnv(dir), PATH: process.env.PATH ?? '' },
  });
  if (npm.code !== 0) throw new Error(`npm sbom failed: ${npm.stderr}`);
  const spdx = path.join(dir, 'sbom.spdx.json');
  writeFileSync(spdx, npm.stdout);
  const slsa = path.join(dir, 'provenance.json');
  const statement = JSON.parse(
    readFileSync(path.join(FIXTURES, 'slsa-v1-github-actions-workflow-example.json'), 'utf8'),
  ) as { predicate: unknown };
  writeFileSync(slsa, `${JSON.stringify(statement.predicate, null, 2)}\n`);
  files = { spdx, cdx: CDX_FILE, slsa, dir };
});

function fileJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function registryInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'rekor-url': state.rekor.url,
    'fulcio-url': state.fulcio.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
    ...extra,
  };
}

function keyEnv(k: KeyPair = key): Record<string, string> {
  return { COSIGN_PRIVATE_KEY: k.privateKey, COSIGN_PASSWORD: k.password };
}

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

interface Verified {
  ok: boolean;
  stderr: string;
  /** The statements of the attestations cosign accepted. */
  statements: { _type: string; predicateType: string; subject: unknown[]; predicate: unknown }[];
}

/** The real `cosign verify-attestation --type TYPE`, with only the bed's trust, SET checked. */
async function verifyAttestation(
  version: 2 | 3,
  image: string,
  type: string,
  who: { key?: string; identity?: string; issuer?: string },
): Promise<Verified> {
  const home = scratch('cosign-verify-att');
  const env = peerEnv(home, { DOCKER_CONFIG: state.registry.dockerConfigDir });
  const args = ['verify-attestation', '--allow-http-registry', '--rekor-url', state.rekor.url];
  if (version === 2) {
    env.SIGSTORE_REKOR_PUBLIC_KEY = state.rekor.publicKeyPath;
    env.SIGSTORE_ROOT_FILE = state.fulcio.rootPath;
    env.SIGSTORE_CT_LOG_PUBLIC_KEY_FILE = state.ctlog.publicKeyPath;
  } else {
    args.push('--trusted-root', state.trustedRootPath);
  }
  args.push('--type', type);
  if (who.key) args.push('--key', who.key);
  else {
    args.push('--certificate-identity', who.identity ?? DEFAULT_IDENTITY);
    args.push('--certificate-oidc-issuer', who.issuer ?? GITHUB_ISSUER);
  }
  args.push(image);
  const r = await exec(version === 2 ? state.peers.cosign2 : state.peers.cosign3, args, { env });
  const statements =
    r.code !== 0
      ? []
      : r.stdout
          .split('\n')
          .filter((l) => l.trim().startsWith('{'))
          .map((l) => {
            const envelope = JSON.parse(l) as { payload: string };
            return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
          });
  return { ok: r.code === 0, stderr: r.stderr, statements };
}

/** The `.att` image of a digest: its manifest and each layer's envelope; undefined if none. */
async function peekAttestations(image: string) {
  const { repo, digest } = splitImage(image);
  const m = await getManifest(repo, `${digest.replace(':', '-')}.att`, state);
  if (!m) return undefined;
  const layers = await Promise.all(
    (m.manifest.layers ?? []).map(async (d) => ({
      descriptor: d,
      annotations: d.annotations ?? {},
      blob: await getBlob(repo, d.digest, state),
    })),
  );
  return { ...m, layers };
}

function attestationsOutput(result: ActionResult) {
  return JSON.parse(result.outputs.attestations ?? '[]') as {
    image: string;
    digest: string;
    predicateType: string;
    format: string;
    attestationRef: string;
    rekorLogIndex: number | null;
    rekorLogId: string | null;
    integratedTime: number | null;
  }[];
}

async function rekorKindAt(logIndex: number): Promise<string> {
  const r = await fetch(`${state.rekor.url}/api/v1/log/entries?logIndex=${logIndex}`);
  const entries = (await r.json()) as Record<string, { body: string }>;
  const body = Object.values(entries)[0]!.body;
  return (JSON.parse(Buffer.from(body, 'base64').toString()) as { kind: string }).kind;
}

describe('key mode, legacy: SPDX 2.3, CycloneDX 1.6 and SLSA v1 provenance in one step', () => {
  let image: Pushed;
  let ref: string;
  let result: ActionResult;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/attest-key-legacy', tag: '1.0' });
    ref = `${image.repository}@${image.digest}`;
    result = await runAction(
      registryInputs({
        image: `${image.repository}:1.0`,
        digest: image.digest,
        attestations: `spdxjson=${files.spdx}\ncyclonedx=${files.cdx}\nslsaprovenance1=${files.slsa}`,
      }),
      keyEnv(),
    );
  });

  it('signs the image and attests it three times, as the output says', async () => {
    expectSuccess(result);
    expect(JSON.parse(result.outputs.signatures!)).toHaveLength(1);
    const out = attestationsOutput(result);
    expect(out.map((a) => [a.predicateType, a.format])).toEqual([
      [SPDX_URI, 'legacy'],
      [CDX_URI, 'legacy'],
      [SLSA1_URI, 'legacy'],
    ]);
    for (const a of out) {
      expect(a).toMatchObject({
        image: image.repository,
        digest: image.digest,
        attestationRef: `${image.repository}:${image.digest.replace(':', '-')}.att`,
        rekorLogId: state.rekor.logID,
      });
      expect(await rekorKindAt(a.rekorLogIndex!)).toBe('dsse');
    }
  });

  it('writes one .att layer per attestation as cosign attest does, blob = the envelope sent to Rekor', async () => {
    const att = (await peekAttestations(ref))!;
    expect(att.manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(att.layers.map((l) => l.annotations.predicateType).sort()).toEqual(
      [CDX_URI, SLSA1_URI, SPDX_URI].sort(),
    );
    for (const l of att.layers) {
      expect(l.descriptor.mediaType).toBe('application/vnd.dsse.envelope.v1+json');
      expect(l.annotations['dev.cosignproject.cosign/signature']).toBe('');
      expect(l.annotations['dev.sigstore.cosign/certificate']).toBeUndefined();
      const bundle = JSON.parse(l.annotations['dev.sigstore.cosign/bundle']!) as {
        Payload: { body: string };
      };
      const body = JSON.parse(Buffer.from(bundle.Payload.body, 'base64').toString()) as {
        kind: string;
        spec: { envelopeHash: { value: string } };
      };
      expect(body.kind).toBe('dsse');
      expect(body.spec.envelopeHash.value).toBe(createHash('sha256').update(l.blob).digest('hex'));
      const envelope = JSON.parse(l.blob.toString()) as { payloadType: string; payload: string };
      expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
      const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as {
        _type: string;
        subject: unknown;
      };
      expect(statement._type).toBe('https://in-toto.io/Statement/v0.1');
      expect(statement.subject).toEqual([
        { name: image.repository, digest: { sha256: image.digest.slice(7) } },
      ]);
    }
  });

  it.each([2, 3] as const)(
    'cosign %i verify-attestation --type accepts each, and returns the file as the predicate',
    async (version) => {
      for (const [type, file] of [
        ['spdxjson', files.spdx],
        ['cyclonedx', files.cdx],
        ['slsaprovenance1', files.slsa],
      ] as const) {
        const v = await verifyAttestation(version, ref, type, { key: key.publicKeyPath });
        if (!v.ok) throw new Error(`cosign ${version} --type ${type}: ${v.stderr}`);
        expect(v.statements).toHaveLength(1);
        expect(v.statements[0]!.predicate).toEqual(fileJson(file));
      }
    },
  );

  it('refuses another --type and another key', async () => {
    expect((await verifyAttestation(2, ref, 'vuln', { key: key.publicKeyPath })).ok).toBe(false);
    expect((await verifyAttestation(3, ref, 'openvex', { key: key.publicKeyPath })).ok).toBe(false);
    expect((await verifyAttestation(2, ref, 'spdxjson', { key: otherKey.publicKeyPath })).ok).toBe(
      false,
    );
    expect((await verifyAttestation(3, ref, 'cyclonedx', { key: otherKey.publicKeyPath })).ok).toBe(
      false,
    );
  });

  it('prints each attestation, its verify-attestation command and the admission checks', () => {
    const s = result.summary;
    expect(s).toContain('### Attestations');
    for (const uri of [SPDX_URI, CDX_URI, SLSA1_URI]) expect(s).toContain(uri);
    for (const a of attestationsOutput(result)) expect(s).toContain(`| ${a.rekorLogIndex} |`);
    expect(s).toContain('cosign verify-attestation --type spdxjson');
    expect(s).toContain('verifyAttestationSignatures(image, attestations.predicate1');
    expect(s).toContain('kind: ClusterPolicy');
    expect(s).toContain(`predicateType: "${CDX_URI}"`);
  });

  it('a re-run with the same predicates and key adds no layer and no Rekor entry', async () => {
    const rekor: Proxy = await startProxy(state.rekor.url);
    try {
      const before = (await peekAttestations(ref))!.layers.length;
      const again = await runAction(
        registryInputs({
          image: ref,
          'rekor-url': rekor.url,
          attestations: `spdxjson=${files.spdx}\ncyclonedx=${files.cdx}\nslsaprovenance1=${files.slsa}`,
        }),
        keyEnv(),
      );
      expectSuccess(again);
      const posts = rekor.requests.filter(
        (r) => r.method === 'POST' && r.path === '/api/v1/log/entries',
      );
      expect(posts).toHaveLength(0);
      expect((await peekAttestations(ref))!.layers.length).toBe(before);
      const out = attestationsOutput(again);
      expect(out.map((a) => a.rekorLogIndex)).toEqual(
        attestationsOutput(result).map((a) => a.rekorLogIndex),
      );
      expect(again.summary).toContain('(already there)');
    } finally {
      await rekor.close();
    }
  });
});

describe('key mode, bundle and both', () => {
  it('bundle: a referrer holding the DSSE envelope, accepted by cosign 3.1', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/attest-key-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      registryInputs({
        image: ref,
        'signature-format': 'bundle',
        attestations: `cyclonedx=${files.cdx}`,
      }),
      keyEnv(),
    );
    expectSuccess(result);
    expect(attestationsOutput(result).map((a) => a.format)).toEqual(['bundle']);
    expect(await peekAttestations(ref)).toBeUndefined();
    const referrers = await peekReferrers(ref, state);
    const att = referrers.find(
      (r) => r.manifest.annotations?.['dev.sigstore.bundle.predicateType'] === CDX_URI,
    )!;
    expect(att.manifest.annotations?.['dev.sigstore.bundle.content']).toBe('dsse-envelope');
    expect(att.manifest.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const v = await verifyAttestation(3, ref, 'cyclonedx', { key: key.publicKeyPath });
    if (!v.ok) throw new Error(v.stderr);
    expect(v.statements.map((s) => s.predicate)).toEqual([fileJson(files.cdx)]);
    expect((await verifyAttestation(3, ref, 'spdxjson', { key: key.publicKeyPath })).ok).toBe(
      false,
    );
    expect((await verifyAttestation(3, ref, 'cyclonedx', { key: otherKey.publicKeyPath })).ok).toBe(
      false,
    );
  });

  it('both: the .att for cosign 2.5 and a referrer for cosign 3.1', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/attest-key-both' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      registryInputs({
        image: ref,
        'signature-format': 'both',
        attestations: `slsaprovenance1=${files.slsa}`,
      }),
      keyEnv(),
    );
    expectSuccess(result);
    expect(attestationsOutput(result).map((a) => a.format)).toEqual(['legacy', 'bundle']);
    expect((await peekAttestations(ref))!.layers).toHaveLength(1);
    for (const version of [2, 3] as const) {
      const v = await verifyAttestation(version, ref, 'slsaprovenance1', {
        key: key.publicKeyPath,
      });
      if (!v.ok) throw new Error(`cosign ${version}: ${v.stderr}`);
      expect(v.statements[0]!.predicate).toEqual(fileJson(files.slsa));
    }
  });
});

describe('keyless: legacy, bundle and both', () => {
  const cases = ['legacy', 'bundle', 'both'] as const;
  const runs = new Map<string, { ref: string; result: ActionResult }>();

  beforeAll(async () => {
    await Promise.all(
      cases.map(async (format) => {
        const image = await pushTestImage(state, { repository: `e2e/attest-keyless-${format}` });
        const ref = `${image.repository}@${image.digest}`;
        const result = await runAction(
          registryInputs({
            image: ref,
            'signing-mode': 'keyless',
            'signature-format': format,
            attestations: `spdxjson=${files.spdx}\ncyclonedx=${files.cdx}`,
          }),
          {},
          { oidc: true },
        );
        runs.set(format, { ref, result });
      }),
    );
  });

  it.each(cases)('%s: one certificate for the signature and every attestation', (format) => {
    const { result } = runs.get(format)!;
    expectSuccess(result);
    expect(result.outputs['signing-mode']).toBe('keyless');
    const out = attestationsOutput(result);
    expect(out).toHaveLength(format === 'both' ? 4 : 2);
    expect(new Set(out.map((a) => (a as { identity?: string }).identity))).toEqual(
      new Set([DEFAULT_IDENTITY]),
    );
  });

  it('legacy: the .att layers carry the certificate and chain; cosign 2.5 and 3.1 accept them', async () => {
    const { ref } = runs.get('legacy')!;
    const att = (await peekAttestations(ref))!;
    for (const l of att.layers) {
      expect(l.annotations['dev.sigstore.cosign/certificate']).toMatch(/^-----BEGIN CERTIFICATE/);
      expect(l.annotations).toHaveProperty(['dev.sigstore.cosign/chain']);
    }
    for (const version of [2, 3] as const) {
      const v = await verifyAttestation(version, ref, 'spdxjson', {});
      if (!v.ok) throw new Error(`cosign ${version}: ${v.stderr}`);
      expect(v.statements[0]!.predicate).toEqual(fileJson(files.spdx));
    }
  });

  it('bundle and both: cosign 3.1 accepts; both: cosign 2.5 accepts the .att', async () => {
    for (const format of ['bundle', 'both'] as const) {
      const { ref } = runs.get(format)!;
      const v = await verifyAttestation(3, ref, 'cyclonedx', {});
      if (!v.ok) throw new Error(`${format}: ${v.stderr}`);
      expect(v.statements[0]!.predicate).toEqual(fileJson(files.cdx));
    }
    const v2 = await verifyAttestation(2, runs.get('both')!.ref, 'cyclonedx', {});
    if (!v2.ok) throw new Error(v2.stderr);
  });

  it('another identity and another type are refused', async () => {
    for (const format of cases) {
      const { ref } = runs.get(format)!;
      const other = 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main';
      expect((await verifyAttestation(3, ref, 'spdxjson', { identity: other })).ok).toBe(false);
      expect((await verifyAttestation(3, ref, 'vuln', {})).ok).toBe(false);
    }
    expect(
      (
        await verifyAttestation(2, runs.get('legacy')!.ref, 'spdxjson', {
          identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main',
        })
      ).ok,
    ).toBe(false);
  });
});

describe('edge cases', () => {
  it('sign: false writes the .att but no .sig', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/attest-only' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      registryInputs({ image: ref, sign: 'false', attestations: `cyclonedx=${files.cdx}` }),
      keyEnv(),
    );
    expectSuccess(result);
    expect(JSON.parse(result.outputs.signatures!)).toEqual([]);
    expect(attestationsOutput(result)).toHaveLength(1);
    expect(await peekSignatures(ref, state)).toBeUndefined();
    expect((await peekAttestations(ref))!.layers).toHaveLength(1);
    expect(result.summary).toContain('## Attested container images');
    const v = await verifyAttestation(2, ref, 'cyclonedx', { key: key.publicKeyPath });
    if (!v.ok) throw new Error(v.stderr);
  });

  it('recursive: every platform manifest of an index is attested too', async () => {
    const index = await pushTestIndex(state, { repository: 'e2e/attest-recursive' });
    const result = await runAction(
      registryInputs({
        image: `${index.repository}@${index.digest}`,
        recursive: 'true',
        attestations: `cyclonedx=${files.cdx}`,
      }),
      keyEnv(),
    );
    expectSuccess(result);
    const signed = (JSON.parse(result.outputs.signatures!) as { digest: string }[]).map(
      (s) => s.digest,
    );
    const attested = attestationsOutput(result).map((a) => a.digest);
    expect(signed.length).toBeGreaterThan(1);
    expect(attested.sort()).toEqual(signed.sort());
    for (const digest of attested) {
      const v = await verifyAttestation(2, `${index.repository}@${digest}`, 'cyclonedx', {
        key: key.publicKeyPath,
      });
      if (!v.ok) throw new Error(`${digest}: ${v.stderr}`);
    }
  });

  it('six concurrent attesters on one digest keep all six', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/attest-six' });
    const ref = `${image.repository}@${image.digest}`;
    const keys = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => generateCosignKey(`six ${n}`)));
    const results = await Promise.all(
      keys.map((k) =>
        runAction(
          registryInputs({ image: ref, sign: 'false', attestations: `cyclonedx=${files.cdx}` }),
          keyEnv(k),
        ),
      ),
    );
    for (const r of results) expectSuccess(r);
    const att = (await peekAttestations(ref))!;
    expect(att.layers).toHaveLength(6);
    for (const k of keys) {
      const v = await verifyAttestation(2, ref, 'cyclonedx', { key: k.publicKeyPath });
      if (!v.ok) throw new Error(v.stderr);
    }
  });

  it('a 2 MB SPDX SBOM is attested and verified', async () => {
    const sbom = fileJson(files.spdx) as { packages: { SPDXID: string }[] };
    const packages = [...sbom.packages];
    let n = 0;
    while (JSON.stringify(sbom).length < 2 * 1024 * 1024) {
      for (const p of packages) sbom.packages.push({ ...p, SPDXID: `${p.SPDXID}-copy-${n++}` });
    }
    const big = path.join(files.dir, 'big.spdx.json');
    writeFileSync(big, JSON.stringify(sbom));
    expect(readFileSync(big).length).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    const image = await pushTestImage(state, { repository: 'e2e/attest-big' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      registryInputs({ image: ref, attestations: `spdxjson=${big}` }),
      keyEnv(),
    );
    expectSuccess(result);
    const v = await verifyAttestation(2, ref, 'spdxjson', { key: key.publicKeyPath });
    if (!v.ok) throw new Error(v.stderr);
    expect(v.statements[0]!.predicate).toEqual(sbom);
  });
});

/** The real `cosign attest` (2.5: legacy `.att`; 3.1: its default bundle through the bed's signing config). */
async function cosignAttest(
  version: 2 | 3,
  image: string,
  type: string,
  predicate: string,
): Promise<{ ok: boolean; stderr: string }> {
  const home = scratch('cosign-attest');
  const env = peerEnv(home, {
    DOCKER_CONFIG: state.registry.dockerConfigDir,
    COSIGN_PASSWORD: key.password,
  });
  const args = ['attest', '-y', '--allow-http-registry', '--key', key.privateKeyPath];
  if (version === 2) {
    Object.assign(env, {
      SIGSTORE_REKOR_PUBLIC_KEY: state.rekor.publicKeyPath,
      SIGSTORE_ROOT_FILE: state.fulcio.rootPath,
      SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: state.ctlog.publicKeyPath,
    });
    args.push('--rekor-url', state.rekor.url);
  } else {
    args.push('--signing-config', state.signingConfigPath, '--trusted-root', state.trustedRootPath);
  }
  args.push('--type', type, '--predicate', predicate, image);
  const r = await exec(version === 2 ? state.peers.cosign2 : state.peers.cosign3, args, { env });
  return { ok: r.code === 0, stderr: r.stderr };
}

function statementOf(envelopeText: string) {
  const envelope = JSON.parse(envelopeText) as { payload: string };
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as {
    predicate: unknown;
  } & Record<string, unknown>;
}

// The statement carries a time only for `custom`: compare everything else.
function withoutTimestamp(statement: Record<string, unknown>) {
  const p = statement.predicate as Record<string, unknown>;
  return typeof p === 'object' && p && 'Timestamp' in p
    ? { ...statement, predicate: { ...p, Timestamp: '<time>' } }
    : statement;
}

describe('sign-buildkit-attestations: the attestation manifests BuildKit attaches', () => {
  it('signs them (and, without recursive, not the platform manifests); cosign 2.5 and 3.1 verify them', async () => {
    const index = await pushTestIndex(state, {
      repository: 'e2e/attest-buildkit',
      attestation: true,
    });
    expect(index.attestation).toBeDefined();
    const result = await runAction(
      registryInputs({
        image: `${index.repository}@${index.digest}`,
        'sign-buildkit-attestations': 'true',
      }),
      keyEnv(),
    );
    expectSuccess(result);
    const signed = (JSON.parse(result.outputs.signatures!) as { digest: string }[]).map(
      (s) => s.digest,
    );
    expect(signed).toEqual([index.digest, index.attestation]);
    for (const version of [2, 3] as const) {
      const v = await cosignVerify(version, {
        image: `${index.repository}@${index.attestation}`,
        key: key.publicKeyPath,
        state,
      });
      if (!v.ok) throw new Error(`cosign ${version}: ${v.stderr}`);
    }
    // The platform manifests were not asked for.
    const platform = index.platforms[0]!.digest;
    expect(await peekSignatures(`${index.repository}@${platform}`, state)).toBeUndefined();
    expect(result.stdout).toContain('a platform manifest (`recursive: true` signs it)');
  });

  it('with recursive, every platform manifest and every attestation manifest', async () => {
    const index = await pushTestIndex(state, {
      repository: 'e2e/attest-buildkit-all',
      attestation: true,
    });
    const result = await runAction(
      registryInputs({
        image: `${index.repository}@${index.digest}`,
        recursive: 'true',
        'sign-buildkit-attestations': 'true',
      }),
      keyEnv(),
    );
    expectSuccess(result);
    const signed = (JSON.parse(result.outputs.signatures!) as { digest: string }[]).map(
      (s) => s.digest,
    );
    expect(signed.sort()).toEqual(
      [index.digest, index.attestation!, ...index.platforms.map((p) => p.digest)].sort(),
    );
  });
});

describe('the same statements and layers as the real cosign attest', () => {
  let text: string;
  let custom: string;

  beforeAll(() => {
    text = path.join(files.dir, 'sbom.spdx');
    writeFileSync(text, 'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nDocumentName: "app" <x&y>\n');
    custom = path.join(files.dir, 'notes.txt');
    writeFileSync(custom, 'built on a Tuesday\n');
  });

  it.each([
    ['cyclonedx', () => files.cdx],
    ['spdxjson', () => files.spdx],
    ['spdx', () => text],
    ['custom', () => custom],
    ['https://example.com/predicates/review/v1', () => files.cdx],
  ])(
    '%s: cosign 2.5 attest and the action sign the same statement and layer shape',
    async (type, file) => {
      const image = await pushTestImage(state, { repository: 'e2e/attest-vs-cosign' });
      const ref = `${image.repository}@${image.digest}`;
      const cosign = await cosignAttest(2, ref, type, file());
      if (!cosign.ok) throw new Error(cosign.stderr);
      // By the same key, cosign's attestation is ours already: a run adds nothing, logs nothing.
      const same = await runAction(
        registryInputs({ image: ref, sign: 'false', attestations: `${type}=${file()}` }),
        keyEnv(),
      );
      expectSuccess(same);
      expect(attestationsOutput(same)[0]).toMatchObject({ format: 'legacy' });
      expect(same.summary).toContain('(already there)');
      expect((await peekAttestations(ref))!.layers).toHaveLength(1);
      // `force` signs anew: appended beside cosign's layer, which is kept.
      const ours = await runAction(
        registryInputs({
          image: ref,
          sign: 'false',
          force: 'true',
          attestations: `${type}=${file()}`,
        }),
        keyEnv(),
      );
      expectSuccess(ours);
      const att = (await peekAttestations(ref))!;
      expect(att.layers).toHaveLength(2);
      const [theirs, mine] = att.layers;
      expect(withoutTimestamp(statementOf(mine!.blob.toString()))).toEqual(
        withoutTimestamp(statementOf(theirs!.blob.toString())),
      );
      expect(mine!.descriptor.mediaType).toBe(theirs!.descriptor.mediaType);
      expect(Object.keys(mine!.annotations).sort()).toEqual(
        Object.keys(theirs!.annotations).sort(),
      );
      expect(mine!.annotations.predicateType).toBe(theirs!.annotations.predicateType);
      // cosign itself accepts both layers.
      const v = await verifyAttestation(2, ref, type, { key: key.publicKeyPath });
      if (!v.ok) throw new Error(v.stderr);
      expect(v.statements).toHaveLength(2);
    },
  );

  it('cosign 3.1 attest (bundle) and the action (bundle) sign the same statement and annotate alike', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/attest-vs-cosign3' });
    const ref = `${image.repository}@${image.digest}`;
    const cosign = await cosignAttest(3, ref, 'cyclonedx', files.cdx);
    if (!cosign.ok) throw new Error(cosign.stderr);
    const theirs = await peekReferrers(ref, state);
    expect(theirs).toHaveLength(1);
    const ours = await runAction(
      registryInputs({
        image: ref,
        sign: 'false',
        'signature-format': 'bundle',
        attestations: `cyclonedx=${files.cdx}`,
      }),
      keyEnv(),
    );
    expectSuccess(ours);
    const referrers = await peekReferrers(ref, state);
    expect(referrers).toHaveLength(2);
    const mine = referrers.find((r) => r.descriptor.digest !== theirs[0]!.descriptor.digest)!;
    const statement = (r: (typeof referrers)[number]) => {
      const b = JSON.parse(r.layers[0]!.content.toString()) as { dsseEnvelope: unknown };
      return statementOf(JSON.stringify(b.dsseEnvelope));
    };
    expect(statement(mine)).toEqual(statement(theirs[0]!));
    const notes = (r: (typeof referrers)[number]) => {
      const { 'org.opencontainers.image.created': created, ...rest } = r.manifest.annotations ?? {};
      expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      return rest;
    };
    expect(notes(mine)).toEqual(notes(theirs[0]!));
    expect(mine.manifest.artifactType).toBe(theirs[0]!.manifest.artifactType);
    const v = await verifyAttestation(3, ref, 'cyclonedx', { key: key.publicKeyPath });
    if (!v.ok) throw new Error(v.stderr);
    expect(v.statements).toHaveLength(2);
  });
});

describe('bad input: one ::error::, nothing written', () => {
  let image: Pushed;
  let ref: string;
  let dir: string;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/attest-bad' });
    ref = `${image.repository}@${image.digest}`;
    dir = scratch('attest-bad');
    mkdirSync(path.join(dir, 'a-directory'));
    writeFileSync(path.join(dir, 'not.json'), 'SPDXVersion: SPDX-2.3\n');
    writeFileSync(path.join(dir, 'huge.json'), Buffer.alloc(16 * 1024 * 1024 + 1, 0x20));
  });

  it.each([
    ['a missing file', () => `spdxjson=${dir}/missing.json`, 'does not exist'],
    ['a directory', () => `spdxjson=${dir}/a-directory`, 'not a regular file'],
    ['a file that is not JSON', () => `spdxjson=${dir}/not.json`, 'is not a JSON object'],
    ['an unknown type', () => `sbom=${files.cdx}`, 'is unknown'],
    ['a duplicate type', () => `spdx=${files.spdx}\nspdxjson=${files.spdx}`, 'twice'],
    ['a predicate over the limit', () => `cyclonedx=${dir}/huge.json`, '16 MiB'],
  ])('%s', async (_what, line, message) => {
    const result = await runAction(registryInputs({ image: ref, attestations: line() }), keyEnv());
    expect(result.code).not.toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(message);
    expect(await peekAttestations(ref)).toBeUndefined();
    expect(await peekSignatures(ref, state)).toBeUndefined();
  });
});
