// Hostile peers on 127.0.0.1, one per class of issue 12, each in front of (or instead of) the
// bed's real registry and Sigstore services, against `node dist/index.js` as the runner runs it:
// workflow commands in a registry's error bodies, a 1 GiB manifest and a never-ending body, an
// index of 10,000 children, a second registry and a credential helper that must see no secret,
// a Rekor and a Fulcio the trusted root does not name, a plain-http Fulcio elsewhere than
// loopback, and a certificate identity carrying HTML.
import MarkdownIt from 'markdown-it';
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { TESTBED_DIR, REPO_ROOT } from '../../test-env/state.js';
import { startFaultProxy, type Decide, type FaultProxy } from '../helpers/fault-proxy.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { getManifest, peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import {
  delta,
  getStats,
  loadTestbed,
  pushTestImage,
  type Pushed,
  type TestbedState,
} from '../helpers/testbed.js';
import { cosignVerify } from '../helpers/verifiers.js';

let state: TestbedState;
let key: KeyPair;
let scratch: string;
const proxies: FaultProxy[] = [];
const MiB = 1024 * 1024;
const REKOR_POST = 'POST /api/v1/log/entries';

beforeAll(async () => {
  state = loadTestbed();
  key = await generateCosignKey('hostile peers pass');
  scratch = mkdtempSync(path.join(TESTBED_DIR, 'hostile-'));
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
});

const keyEnv = () => ({ COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password });
const creds = () => ({
  'registry-username': state.registry.username,
  'registry-password': state.registry.password,
});

/** A proxy in front of the real registry; `decide` picks what it answers itself. */
async function registryProxy(decide: Decide) {
  const p = await startFaultProxy(`http://${state.registry.host}`, { decide });
  proxies.push(p);
  return p;
}
const through = (p: FaultProxy, image: Pushed) =>
  `${image.repository.replace(state.registry.host, p.host)}@${image.digest}`;

/** Lines the runner would read as workflow commands. */
const commandLines = (stdout: string) =>
  stdout.split(/\r\n|\r|\n/).filter((l) => /^\s*(::|##\[)/.test(l));

/** Nothing of a signature in the registry for `image`: no `.sig`, no referrer. */
async function nothingStored(image: Pushed) {
  expect(await peekSignatures(image.reference, state)).toBeUndefined();
  expect(await peekReferrers(image.reference, state)).toEqual([]);
}

/** Runs the action under a wrapper that records the process's peak resident memory (bytes). */
async function runMeasured(
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<[ActionResult, number]> {
  const file = path.join(scratch, `maxrss-${Date.now()}-${Math.random()}`);
  const wrapper = path.join(scratch, 'measure.mjs');
  writeFileSync(
    wrapper,
    `import { writeFileSync } from 'node:fs';\n` +
      `process.on('exit', () => writeFileSync(${JSON.stringify(file)}, String(process.resourceUsage().maxRSS * 1024)));\n` +
      `await import(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'index.js'))});\n`,
  );
  const result = await runAction(inputs, env, { entry: wrapper });
  return [result, Number(readFileSync(file, 'utf8'))];
}

describe('a registry that answers with workflow commands in its error bodies', () => {
  const INJECTED = [
    '::warning title=pwned::injected warning',
    '::set-output name=signatures::[]',
    '::add-mask::sha256',
    '##[error]legacy command',
    '::stop-commands::resume-token',
  ].join('\n');
  let image: Pushed;
  let proxy: FaultProxy;
  let result: ActionResult;
  let refused = 0;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/hostile-commands' });
    proxy = await registryProxy(({ method, path: p }) => {
      // The first two `.sig` writes are refused with a transient-looking error full of commands.
      if (method !== 'PUT' || !/\/manifests\/sha256-[0-9a-f]{64}\.sig$/.test(p) || refused >= 2)
        return undefined;
      refused++;
      const body = JSON.stringify({
        errors: [{ code: 'DIGEST_INVALID', message: `\n${INJECTED}\n`, detail: INJECTED }],
      });
      return {
        kind: 'respond',
        status: 400,
        headers: { 'Content-Type': 'application/json' },
        body,
      };
    });
    result = await runAction(
      { image: through(proxy, image), 'rekor-url': state.rekor.url, ...creds() },
      keyEnv(),
    );
  }, 120_000);

  it('signs once the registry recovers', async () => {
    expect({ code: result.code, errors: result.errors }).toEqual({ code: 0, errors: [] });
    expect(refused).toBe(2);
    expect((await peekSignatures(image.reference, state))?.layers).toHaveLength(1);
    await cosignVerify(2, { image: image.reference, key: key.publicKeyPath });
  });

  it('prints the registry text, escaped, so that no injected command reaches stdout', () => {
    // The retry lines quote the registry (one line each, its line breaks as %0A)…
    expect(result.stdout).toContain('%0A::warning title=pwned::injected warning%0A');
    // …and every line that is a command is one of the action's own.
    const commands = commandLines(result.stdout);
    expect(commands.join('\n')).not.toMatch(/pwned|set-output|stop-commands|legacy command/);
    expect(result.masked).not.toContain('sha256');
    expect(result.warnings).toEqual([]);
    expect(
      commands.every((l) => /^::(add-mask|debug|error|warning|notice|group|endgroup)::/.test(l)),
    ).toBe(true);
  });
});

describe('a registry that answers with a 1 GiB manifest, or a body that never ends', () => {
  it.each([
    ['a 1 GiB manifest (Content-Length)', 1024 * MiB],
    ['a never-ending body (chunked)', undefined],
  ])(
    '%s: a clean error before anything is signed, under 512 MiB',
    async (_what, contentLength) => {
      const image = await pushTestImage(state, { repository: 'e2e/hostile-large' });
      const proxy = await registryProxy(({ method, path: p }) =>
        method === 'GET' && /\/manifests\/sha256-[0-9a-f]{64}\.sig$/.test(p)
          ? {
              kind: 'stream',
              contentLength,
              headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
            }
          : undefined,
      );
      const before = await getStats(state);
      const [result, peak] = await runMeasured(
        { image: through(proxy, image), 'rekor-url': state.rekor.url, ...creds() },
        keyEnv(),
      );
      console.log(
        `${_what}: peak RSS ${(peak / MiB).toFixed(1)} MiB, streamed ${proxy.records.map((r) => r.streamed ?? 0).reduce((a, b) => a + b, 0)} bytes`,
      );
      expect(result.code).toBe(1);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(
        /answered with .*more than the 4194304 bytes this action reads/,
      );
      expect(peak).toBeLessThan(512 * MiB);
      expect(delta(before, await getStats(state), 'rekor', REKOR_POST)).toBe(0);
      await nothingStored(image);
    },
    120_000,
  );
});

describe('an index of 10,000 children', () => {
  it('is refused before any Rekor entry', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/hostile-index' });
    const children = Array.from({ length: 10_000 }, (_, i) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${createHash('sha256').update(`child ${i}`).digest('hex')}`,
      size: 500,
      platform: { os: 'linux', architecture: `arch${i}` },
    }));
    const bytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: children,
      }),
    );
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const headers = {
      'Content-Type': 'application/vnd.oci.image.index.v1+json',
      'Docker-Content-Digest': digest,
      'Content-Length': String(bytes.length),
    };
    const proxy = await registryProxy(({ method, path: p }) =>
      (method === 'GET' || method === 'HEAD') && p.endsWith(`/manifests/${digest}`)
        ? { kind: 'respond', status: 200, headers, body: bytes }
        : undefined,
    );
    const before = await getStats(state);
    const result = await runAction(
      {
        image: `${image.repository.replace(state.registry.host, proxy.host)}@${digest}`,
        recursive: 'true',
        'rekor-url': state.rekor.url,
        ...creds(),
      },
      keyEnv(),
    );
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/lists 10000 manifests, more than the 256/),
    ]);
    expect(delta(before, await getStats(state), 'rekor', REKOR_POST)).toBe(0);
    expect(proxy.records.filter((r) => r.method === 'PUT' || r.method === 'POST')).toEqual([]);
  }, 120_000);
});

describe('a second registry and a credential helper in the same run', () => {
  let result: ActionResult;
  let other: FaultProxy;
  let helperEnvFile: string;
  let image: Pushed;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/hostile-creds' });
    // Not a registry at all: asks every client for Basic credentials and records what it got.
    other = await startFaultProxy('http://127.0.0.1:9', {
      decide: () => ({
        kind: 'respond',
        status: 401,
        headers: {
          'WWW-Authenticate': 'Basic realm="hostile"',
          'Content-Type': 'application/json',
        },
        body: '{"errors":[{"code":"UNAUTHORIZED","message":"who are you"}]}',
      }),
    });
    proxies.push(other);
    // A credential helper named for that registry records the environment it runs with.
    const dir = mkdtempSync(path.join(scratch, 'creds-'));
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    helperEnvFile = path.join(dir, 'helper.env');
    writeFileSync(
      path.join(bin, 'docker-credential-recorder'),
      `#!/bin/sh\ncat >/dev/null\nenv > '${helperEnvFile}'\necho 'credentials not found in native keychain'\nexit 1\n`,
    );
    chmodSync(path.join(bin, 'docker-credential-recorder'), 0o755);
    const docker = path.join(dir, 'docker');
    mkdirSync(docker);
    writeFileSync(
      path.join(docker, 'config.json'),
      JSON.stringify({ credHelpers: { [other.host]: 'recorder' } }),
    );
    result = await runAction(
      {
        image: [image.reference, `${other.host}/e2e/elsewhere@${image.digest}`].join('\n'),
        'rekor-url': state.rekor.url,
        ...creds(),
      },
      { ...keyEnv(), DOCKER_CONFIG: docker, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      { oidc: true },
    );
  }, 120_000);

  it('sends the explicit credentials to the first registry only, and says so', async () => {
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      expect.stringContaining(`registry ${other.host} requires credentials and none were found`),
    ]);
    expect(result.stdout).toContain(
      `registry-username/registry-password are sent to ${state.registry.host} only`,
    );
    expect(other.records.length).toBeGreaterThan(0);
    const basic = Buffer.from(`${state.registry.username}:${state.registry.password}`).toString(
      'base64',
    );
    expect(other.records.map((r) => r.authorization ?? '')).toEqual(other.records.map(() => ''));
    expect(JSON.stringify(other.records)).not.toContain(basic);
    await nothingStored(image);
  });

  it('runs the credential helper with no secret in its environment', () => {
    expect(existsSync(helperEnvFile)).toBe(true);
    const seen = readFileSync(helperEnvFile, 'utf8');
    const secrets = {
      'cosign password': key.password,
      'registry password': state.registry.password,
      'OIDC request token': state.oidc.requestToken,
      ...Object.fromEntries(
        key.privateKey
          .split('\n')
          .filter((l) => l.length > 20 && !l.startsWith('-----'))
          .map((l, i) => [`private key line ${i}`, l]),
      ),
    };
    for (const [what, secret] of Object.entries(secrets))
      expect({ what, leaked: seen.includes(secret) }).toEqual({ what, leaked: false });
    expect(seen).not.toMatch(/^(INPUT_|COSIGN_|ACTIONS_)/m);
    expect(seen).toMatch(/^DOCKER_CONFIG=/m);
    expect(seen).toMatch(/^PATH=/m);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a trusted_root.json edited in place
type Json = Record<string, any>;

describe('services the trusted root does not name', () => {
  const bedRoot = () => JSON.parse(readFileSync(state.trustedRootPath, 'utf8')) as Json;
  const writeRoot = (name: string, change: (root: Json) => void): string => {
    const root = bedRoot();
    change(root);
    const file = path.join(scratch, name);
    writeFileSync(file, JSON.stringify(root, null, 2));
    return file;
  };

  it('a Rekor whose key is not in the trusted root: refused, nothing in the registry', async () => {
    const spki = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const root = writeRoot('other-rekor.json', (r) => {
      r.tlogs[0].publicKey.rawBytes = spki.toString('base64');
      r.tlogs[0].logId.keyId = createHash('sha256').update(spki).digest('base64');
    });
    const image = await pushTestImage(state, { repository: 'e2e/hostile-rekor' });
    const result = await runAction(
      {
        image: image.reference,
        'rekor-url': state.rekor.url,
        'signature-format': 'both',
        'trusted-root': root,
        ...creds(),
      },
      keyEnv(),
    );
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /logID [0-9a-f]{64} is not a transparency log of the trusted root|not signed by a transparency log of the trusted root/,
      ),
    ]);
    await nothingStored(image);
  }, 120_000);

  it('a Fulcio whose chain is not in the trusted root: refused before any Rekor entry', async () => {
    const root = writeRoot('other-fulcio.json', (r) => {
      // A real chain, but the TSA's: a CA the root does not name for Fulcio.
      r.certificateAuthorities[0].certChain = r.timestampAuthorities[0].certChain;
    });
    const image = await pushTestImage(state, { repository: 'e2e/hostile-fulcio' });
    const before = await getStats(state);
    const result = await runAction(
      {
        image: image.reference,
        'signing-mode': 'keyless',
        'rekor-url': state.rekor.url,
        'fulcio-url': state.fulcio.url,
        'trusted-root': root,
        ...creds(),
      },
      {},
      { oidc: true },
    );
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      expect.stringContaining('the certificate Fulcio returned is not trusted'),
    ]);
    const after = await getStats(state);
    expect(delta(before, after, 'fulcio', 'POST /api/v2/signingCert')).toBe(1);
    expect(delta(before, after, 'rekor', REKOR_POST)).toBe(0);
    await nothingStored(image);
  }, 120_000);

  it('a private Rekor without trusted-root: refused before anything is sent', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/hostile-noroot' });
    const before = await getStats(state);
    const result = await runAction(
      {
        image: image.reference,
        'signing-mode': 'keyless',
        'rekor-url': state.rekor.url,
        'fulcio-url': state.fulcio.url,
        'trusted-root': '',
        ...creds(),
      },
      {},
      { oidc: true },
    );
    expect(result.errors).toEqual([expect.stringContaining('no `trusted-root` names its keys')]);
    expect(result.errors[0]).toContain('cosign trusted-root create');
    const after = await getStats(state);
    for (const [service, route] of [
      ['oidc', 'GET /token'],
      ['fulcio', 'POST /api/v2/signingCert'],
      ['rekor', REKOR_POST],
    ] as const)
      expect({ service, calls: delta(before, after, service, route) }).toEqual({
        service,
        calls: 0,
      });
  }, 120_000);
});

describe('a plain-http Fulcio that is not on loopback', () => {
  it('is refused before the token endpoint is called', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/hostile-http' });
    const before = await getStats(state);
    const result = await runAction(
      {
        image: image.reference,
        'signing-mode': 'keyless',
        'rekor-url': state.rekor.url,
        'fulcio-url': 'http://fulcio.example.com',
        ...creds(),
      },
      {},
      { oidc: true },
    );
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      expect.stringContaining('`fulcio-url` input is a plain http:// URL on fulcio.example.com'),
    ]);
    expect(delta(before, await getStats(state), 'oidc', 'GET /token')).toBe(0);
    await nothingStored(image);
  }, 120_000);
});

describe('a certificate identity carrying HTML', () => {
  it('is escaped in the job summary', async () => {
    // A git-valid branch name: no space, colon, `[`, `~`, `^`, `?`, `*` or `\\`.
    const ref = 'refs/heads/x`</code><h2>owned</h2><img/src=x/onerror=alert(1)>|`';
    const image = await pushTestImage(state, { repository: 'e2e/hostile-san' });
    const result = await runAction(
      {
        image: image.reference,
        'signing-mode': 'keyless',
        'rekor-url': state.rekor.url,
        'fulcio-url': state.fulcio.url,
        ...creds(),
      },
      { ACTIONS_ID_TOKEN_REQUEST_URL: `${state.oidc.requestUrl}&ref=${encodeURIComponent(ref)}` },
      { oidc: true },
    );
    expect({ code: result.code, errors: result.errors }).toEqual({ code: 0, errors: [] });
    const san = `https://github.com/acme/app/.github/workflows/release.yml@${ref}`;
    expect(JSON.parse(result.outputs.signatures!)[0].identity).toBe(san);
    const html = new MarkdownIt({ html: true }).render(result.summary);
    expect(html).not.toContain('<h2>owned</h2>');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;h2&gt;owned&lt;/h2&gt;');
    for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? [])
      expect((row.match(/<t[dh][ >]/g) ?? []).length).toBe(6);
    expect(
      await getManifest(
        image.repository.split('/').slice(1).join('/'),
        `${image.digest.replace(':', '-')}.sig`,
        state,
      ),
    ).toBeDefined();
  }, 120_000);
});
