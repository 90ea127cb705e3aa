// The pipeline in-process, through its injected dependencies (pipeline/deps.ts): the test bed's
// own Sigstore services (Rekor, Fulcio, TSA, OIDC; test-env/sigstore-services.ts, started here
// on loopback), a loopback registry, a fixed clock, and a report that is captured instead of
// written to the runner. What it stored is checked in the registry and by @sigstore/verify
// against the services' trusted root.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import type { SerializedBundle } from '@sigstore/bundle';
import { parseConfig, type Config } from '../../src/inputs/parse.js';
import { INPUT_NAMES, type RawInputs } from '../../src/inputs/read.js';
import { buildSimpleSigningPayload } from '../../src/payload/simple-signing.js';
import type { PipelineDeps } from '../../src/pipeline/deps.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { RegistryClient } from '../../src/registry/client.js';
import { OCI_EMPTY, OCI_INDEX, OCI_MANIFEST } from '../../src/registry/media-types.js';
import type { SignatureResult, SignerIdentity } from '../../src/report/result.js';
import { prepareSigner } from '../../src/signer/select.js';
import { rekorWitness } from '../../src/tlog/rekor.js';
import { readTrustedRootFile } from '../../src/trust/trusted-root.js';
import { tsaWitness } from '../../src/tlog/tsa.js';
import { Deadline, type RetryPolicy } from '../../src/util/retry.js';
import { startSigstoreServices, type SigstoreInfo } from '../../test-env/sigstore-services.js';
import { CAPTURED_PASSWORD, fixture } from '../helpers/key-envelope.js';
import { startRegistry, type RegistryServer } from '../helpers/registry-server.js';
import { sigstoreVerify } from '../helpers/sigstore-verify.js';

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const KEY = fixture('peer-captures/cosign-key.key');
const KEY_PUB = fixture('peer-captures/cosign-key.pub');
const CLOCK = new Date('2026-03-04T05:06:07Z');

let dir: string;
let sigstore: { info: SigstoreInfo; close: () => Promise<void> };
let registry: RegistryServer;
beforeAll(async () => {
  // The services log every request; the assertions below say what matters.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  dir = mkdtempSync(path.join(tmpdir(), 'pipeline-run-'));
  sigstore = await startSigstoreServices(dir);
});
afterAll(async () => {
  await sigstore.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => (registry = await startRegistry()));
afterEach(async () => registry.close());

// One retry, no waits: a fault stays a fault, and the test stays fast.
const once = (): RetryPolicy => ({
  attempts: 1,
  backoff: { baseMs: 1, maxMs: 1 },
  maxRetryAfterMs: 0,
  timeoutMs: 10_000,
  deadline: new Deadline(60_000),
});

function config(inputs: Partial<RawInputs>): Config {
  const raw = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs;
  return parseConfig({
    ...raw,
    'rekor-url': sigstore.info.rekor.url,
    'fulcio-url': sigstore.info.fulcio.url,
    ...inputs,
  });
}

// A pushed image manifest of its own (a fresh digest per call).
async function pushImage(repo: string, seed: string): Promise<string> {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_EMPTY, size: 2, digest: sha256(Buffer.from('{}')) },
      layers: [],
      annotations: { seed },
    }),
  );
  const digest = sha256(bytes);
  const r = await fetch(`${registry.url}/v2/${repo}/manifests/${digest}`, {
    method: 'PUT',
    headers: { 'Content-Type': OCI_MANIFEST },
    body: bytes,
  });
  expect(r.status).toBe(201);
  return digest;
}

interface Reported {
  results: readonly SignatureResult[];
  signer: SignerIdentity;
}

// Clients of the loopback registry, which asks for no credentials; `fetchFn` sees every request.
function loopbackClients(fetchFn?: typeof fetch): PipelineDeps['registryClient'] {
  return (ref) =>
    new RegistryClient({
      registry: ref.registry,
      repository: ref.repository,
      keychain: { resolve: async () => undefined },
      maskSecret: () => {},
      fetch: fetchFn,
    });
}

function deps(over: Partial<PipelineDeps> = {}): {
  deps: PipelineDeps;
  reported: Reported[];
  log: string[];
} {
  const reported: Reported[] = [];
  const log: string[] = [];
  return {
    reported,
    log,
    deps: {
      env: {},
      registryClient: loopbackClients(),
      // The bed's trusted root, as the action gets it through `trusted-root`.
      trust: Promise.resolve(readTrustedRootFile(sigstore.info.trust.trustedRoot)),
      witnesses: (c) => [
        ...(c.tlogUpload ? [rekorWitness(c.rekorUrl, once())] : []),
        ...(c.tsaUrl ? [tsaWitness(c.tsaUrl, once())] : []),
      ],
      now: () => CLOCK,
      log: (line) => log.push(line),
      report: async (results, signer) => {
        reported.push({ results, signer });
        return { signatures: String(results.length) };
      },
      lagDelaysMs: [],
      ...over,
    },
  };
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const manifestAt = (repo: string, tag: string) => registry.manifests.get(`${repo}@${tag}`)?.bytes;
const json = <T>(b: Buffer | undefined): T => JSON.parse(b!.toString()) as T;
const sigTag = (digest: string) => `${digest.replace(':', '-')}.sig`;
const verifyOpts = () => ({
  trustedRootPath: sigstore.info.trust.trustedRoot,
  publicKeyPem: KEY_PUB,
});

describe('runPipeline (in-process)', () => {
  it('signs both formats with a key: a .sig layer and a referrer, each bundle verifiable, the referrer dated by the injected clock', async () => {
    const digest = await pushImage('acme/app', 'both');
    const image = `${registry.host}/acme/app@${digest}`;
    const c = config({ image, 'signature-format': 'both', password: CAPTURED_PASSWORD });
    const { deps: d, reported } = deps();
    const outputs = await runPipeline(c, prepareSigner('key', { ...c, privateKey: KEY }), d);

    expect(outputs).toEqual({ signatures: '2' });
    const [{ results, signer }] = reported as [Reported];
    expect(signer.mode).toBe('key');
    expect(results.map((r) => r.format)).toEqual(['legacy', 'bundle']);
    expect(results.every((r) => typeof r.rekorLogIndex === 'number')).toBe(true);
    const sig = json<{ layers: unknown[] }>(manifestAt('acme/app', sigTag(digest)));
    expect(sig.layers).toHaveLength(1);
    const index = json<{ manifests: { digest: string }[] }>(
      manifestAt('acme/app', digest.replace(':', '-')),
    );
    expect(index.manifests.map((m) => `${registry.host}/acme/app@${m.digest}`)).toEqual([
      results[1]!.signatureRef,
    ]);
    const referrer = json<{ annotations: Record<string, string> }>(
      manifestAt('acme/app', index.manifests[0]!.digest),
    );
    expect(referrer.annotations['org.opencontainers.image.created']).toBe('2026-03-04T05:06:07Z');
    const payload = buildSimpleSigningPayload(`${registry.host}/acme/app`, digest, undefined);
    expect(() =>
      sigstoreVerify(results[0]!.bundle, { ...verifyOpts(), artifact: payload }),
    ).not.toThrow();
    expect(() => sigstoreVerify(results[1]!.bundle, verifyOpts())).not.toThrow();
  });

  it('a bundle-only run never reads the .sig tag, even one holding junk', async () => {
    const digest = await pushImage('acme/app', 'junk');
    registry.manifests.set(`acme/app@${sigTag(digest)}`, {
      bytes: Buffer.from(`{"schemaVersion":2,"mediaType":"${OCI_INDEX}","manifests":[]}`),
      mediaType: OCI_INDEX,
    });
    const c = config({
      image: `${registry.host}/acme/app@${digest}`,
      'signature-format': 'bundle',
      password: CAPTURED_PASSWORD,
    });
    const { deps: d, reported } = deps();
    await runPipeline(c, prepareSigner('key', { ...c, privateKey: KEY }), d);
    expect(reported[0]!.results.map((r) => r.format)).toEqual(['bundle']);
    expect(registry.log.filter((r) => r.path.includes('.sig'))).toEqual([]);

    // The legacy format does read it, and refuses it before anything is signed.
    const legacy: Config = { ...c, signatureFormat: 'legacy' };
    await expect(
      runPipeline(legacy, prepareSigner('key', { ...legacy, privateKey: KEY }), deps().deps),
    ).toFailWith('SIGNATURE_MANIFEST_INVALID');
  });

  it('keyless with a TSA: Fulcio certifies the job identity, the TSA token and Rekor entry verify', async () => {
    const digest = await pushImage('acme/app', 'keyless');
    const c = config({
      image: `${registry.host}/acme/app@${digest}`,
      'signature-format': 'bundle',
      'tsa-url': `${sigstore.info.tsa.url}/api/v1/timestamp`,
    });
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: sigstore.info.oidc.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sigstore.info.oidc.requestToken,
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const { deps: d, reported } = deps({ env });
      await runPipeline(
        c,
        prepareSigner(
          'keyless',
          c,
          undefined,
          Promise.resolve(readTrustedRootFile(sigstore.info.trust.trustedRoot)),
        ),
        d,
      );
      const [result] = reported[0]!.results as [SignatureResult];
      expect(result.issuer).toBe(GITHUB_ISSUER);
      expect(result.identity).toMatch(/^https:\/\/github\.com\/.+\/\.github\/workflows\//);
      const bundle = result.bundle as SerializedBundle;
      expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(
        1,
      );
      expect(() =>
        sigstoreVerify(bundle, {
          trustedRootPath: sigstore.info.trust.trustedRoot,
          identity: result.identity,
          issuer: result.issuer,
          timestamps: 2,
        }),
      ).not.toThrow();
    } finally {
      process.env = saved;
    }
  });

  it('uploads the legacy payload and config blobs while the key decrypts, and no manifest before the signature', async () => {
    const digest = await pushImage('acme/app', 'staged');
    const c = config({ image: `${registry.host}/acme/app@${digest}`, password: CAPTURED_PASSWORD });
    let release!: () => void;
    const decrypted = new Promise<void>((resolve) => (release = resolve));
    const signer = decrypted.then(() => prepareSigner('key', { ...c, privateKey: KEY }));
    const { deps: d, reported } = deps();
    const pushed = registry.log.length;
    const run = runPipeline(c, signer, d);
    const puts = (what: string) =>
      registry.log.slice(pushed).filter((r) => r.method === 'PUT' && r.path.includes(what));
    for (let i = 0; i < 200 && puts('/blobs/').length < 2; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(puts('/blobs/')).toHaveLength(2); // the payload and the `.sig` config, signature or not
    expect(puts('/manifests/')).toEqual([]);
    const before = registry.log.length;
    release();
    await run;
    // The store phase finds both uploaded: a fresh read, the PUT and the read-back.
    expect(registry.log.slice(before).map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
    const sig = json<{ layers: { digest: string }[] }>(manifestAt('acme/app', sigTag(digest)));
    const payload = buildSimpleSigningPayload(`${registry.host}/acme/app`, digest, undefined);
    expect(sig.layers.map((l) => l.digest)).toEqual([sha256(payload)]);
    expect(reported[0]!.results).toHaveLength(1);
  });

  it('a key that does not parse: the registry gets reads only, no blob', async () => {
    const digest = await pushImage('acme/app', 'bad-key');
    const c = config({ image: `${registry.host}/acme/app@${digest}`, password: 'x' });
    const pushed = registry.log.length;
    await expect(
      runPipeline(c, prepareSigner('key', { ...c, privateKey: KEY.slice(0, 120) }), deps().deps),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 200)); // anything still in flight lands
    const sent = registry.log.slice(pushed);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  });

  it('a staged upload failing for one target fails that target alone', async () => {
    const [ok, failing] = [await pushImage('acme/app', 'ok'), await pushImage('acme/down', 'x')];
    const c = config({
      image: `${registry.host}/acme/app@${ok}\n${registry.host}/acme/down@${failing}`,
      password: CAPTURED_PASSWORD,
    });
    // The registry refuses every blob upload to acme/down.
    const refusing = (async (input: string | URL | Request, init?: RequestInit) =>
      init?.method === 'POST' && String(input).includes('/acme/down/blobs/')
        ? new Response('{"errors":[{"code":"DENIED","message":"no"}]}', { status: 403 })
        : fetch(input, init)) as typeof fetch;
    const { deps: d, reported } = deps({ registryClient: loopbackClients(refusing) });
    await expect(runPipeline(c, prepareSigner('key', { ...c, privateKey: KEY }), d)).toFailWith(
      'SIGNING_INCOMPLETE',
      {
        message: `1 of 2 signatures could not be made or stored: ${registry.host}/acme/down@${failing}`,
      },
    );
    expect(reported[0]!.results.map((r) => r.digest)).toEqual([ok]);
    expect(manifestAt('acme/app', sigTag(ok))).toBeDefined();
    expect(manifestAt('acme/down', sigTag(failing))).toBeUndefined();
  });

  it('a Rekor failing for one target fails that target alone: the other is stored and reported, the step fails naming it', async () => {
    const [ok, failing] = [await pushImage('acme/app', 'ok'), await pushImage('acme/app', 'down')];
    const repo = `${registry.host}/acme/app`;
    const payloadHash = createHash('sha256')
      .update(buildSimpleSigningPayload(repo, failing, undefined))
      .digest('hex');
    await fetch(sigstore.info.faults.url, {
      method: 'POST',
      body: JSON.stringify({
        service: 'rekor',
        method: 'POST',
        path: '/api/v1/log/entries',
        status: 503,
        bodyIncludes: payloadHash,
      }),
    });
    const c = config({ image: `${repo}@${ok}\n${repo}@${failing}`, password: CAPTURED_PASSWORD });
    const { deps: d, reported } = deps();
    await expect(runPipeline(c, prepareSigner('key', { ...c, privateKey: KEY }), d)).toFailWith(
      'SIGNING_INCOMPLETE',
      { message: `1 of 2 signatures could not be made or stored: ${repo}@${failing}` },
    );
    expect(reported[0]!.results.map((r) => r.digest)).toEqual([ok]);
    expect(manifestAt('acme/app', sigTag(ok))).toBeDefined();
    expect(manifestAt('acme/app', sigTag(failing))).toBeUndefined();
  });
});
