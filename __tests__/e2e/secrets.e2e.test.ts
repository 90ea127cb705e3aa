// Known secrets through every error path: a cosign password, an encrypted key (and the key it
// decrypts to, made here and imported with `cosign import-key-pair`), the registry password
// (as inputs and in a Docker config), the OIDC request token and every OIDC token the endpoint
// handed out (read off this file's proxy). Each run has debug logging on (RUNNER_DEBUG=1). None
// of them may appear in stdout (outside `::add-mask::` lines), stderr, GITHUB_OUTPUT, the
// summary or any file under the run's directory; each is masked before it is first used.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratch } from '../helpers/exec.js';
import type { Decide } from '../helpers/fault-proxy.js';
import { pool, startFaultedBed, type FaultedBed } from '../helpers/faulted-bed.js';
import {
  importedKey,
  secretForms,
  whatTheRunLeft,
  type KnownKey,
} from '../helpers/known-secrets.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';

const PASSWORD = 'pw-Known-7f3a9c-secret';
const WRONG_REGISTRY_PASSWORD = 'Wrong-registry-pw-51c0e2';
const DOWN: Decide = () => ({ kind: 'status', status: 503 });

let state: TestbedState;
let bed: FaultedBed;
let down: FaultedBed; // every service but the registry answers 503
let writesDown: FaultedBed; // the registry refuses every write
let image: Pushed;
let key: KnownKey;

beforeAll(async () => {
  state = loadTestbed();
  key = await importedKey(state, PASSWORD);
  // The OIDC proxy keeps the answers, so the test knows every token the action was given.
  const capture = (s: string) => s === 'oidc';
  [bed, down, writesDown, image] = await Promise.all([
    startFaultedBed(state, () => undefined, capture),
    startFaultedBed(state, (s) => (s === 'registry' ? undefined : DOWN), capture),
    startFaultedBed(state, (s) => (s === 'registry' ? registryWritesDown : undefined)),
    pushTestImage(state, { repository: 'e2e/secrets' }),
  ]);
});
afterAll(() => Promise.all([bed.close(), down.close(), writesDown.close()]));

const withKey = (password = PASSWORD) => ({
  COSIGN_PRIVATE_KEY: key.encrypted,
  COSIGN_PASSWORD: password,
});
const registryWritesDown: Decide = ({ method }) =>
  method === 'GET' || method === 'HEAD' ? undefined : { kind: 'status', status: 503 };

interface Case {
  name: string;
  inputs: () => Record<string, string>;
  env?: () => Record<string, string>;
  oidc?: boolean;
  error?: RegExp; // undefined: the run must succeed
}

// Each error path the secrets could travel, plus two successes (outputs, summary, bundle file).
const CASES: Case[] = [
  {
    name: 'key, success',
    inputs: () => bed.inputs(image, { 'signature-format': 'both', force: 'true' }),
    env: withKey,
  },
  {
    name: 'wrong password',
    inputs: () => bed.inputs(image),
    env: () => withKey('not-the-password'),
    error: /could not be decrypted/,
  },
  {
    name: 'truncated key',
    inputs: () => bed.inputs(image),
    env: () => ({ ...withKey(), COSIGN_PRIVATE_KEY: key.encrypted.slice(0, 200) }),
    error: /truncated/,
  },
  {
    name: 'wrong registry password',
    inputs: () => ({ ...bed.inputs(image), 'registry-password': WRONG_REGISTRY_PASSWORD }),
    env: withKey,
    error: /rejected the credentials|401/,
  },
  {
    name: 'digest not in the registry',
    inputs: () => bed.inputs({ ...image, digest: `sha256:${'e'.repeat(64)}` }),
    env: withKey,
    error: /is not in the registry/,
  },
  {
    name: 'Rekor down',
    inputs: () => down.inputs(image),
    env: withKey,
    error: /Rekor at .* answered 503/,
  },
  {
    name: 'TSA down',
    inputs: () => ({ ...bed.inputs(image, { force: 'true' }), 'tsa-url': down.proxies.tsa.url }),
    env: withKey,
    error: /timestamp authority .* answered 503/,
  },
  {
    name: 'registry writes down',
    inputs: () => writesDown.inputs(image, { force: 'true' }),
    env: withKey,
    error: /: 503/,
  },
  {
    name: 'OIDC endpoint down',
    inputs: () => bed.inputs(image, { 'signing-mode': 'keyless' }),
    env: () => down.oidcEnv(),
    oidc: true,
    error: /OIDC token endpoint at 127\.0\.0\.1:\d+ answered HTTP 503/,
  },
  {
    name: 'Fulcio down',
    inputs: () => ({
      ...bed.inputs(image, { 'signing-mode': 'keyless' }),
      'fulcio-url': down.proxies.fulcio.url,
    }),
    env: () => bed.oidcEnv(),
    oidc: true,
    error: /Fulcio at .* answered 503/,
  },
  {
    name: 'Fulcio refuses an expired token',
    inputs: () => bed.inputs(image, { 'signing-mode': 'keyless' }),
    env: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${bed.oidcEnv().ACTIONS_ID_TOKEN_REQUEST_URL}&ttl=-60`,
    }),
    oidc: true,
    error: /Fulcio at .* answered 401/,
  },
  {
    name: 'keyless, success with a TSA',
    inputs: () =>
      bed.inputs(image, {
        'signing-mode': 'keyless',
        'signature-format': 'both',
        'tsa-url': bed.proxies.tsa.url,
      }),
    env: () => bed.oidcEnv(),
    oidc: true,
  },
];

// Registry credentials from a Docker config instead of inputs, with the registry's writes down.
function dockerConfigCase(): Case {
  const dir = scratch('secrets-docker-config');
  const auth = Buffer.from(`${state.registry.username}:${state.registry.password}`).toString(
    'base64',
  );
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ auths: { [writesDown.proxies.registry.host]: { auth } } }),
  );
  return {
    name: 'Docker config, registry writes down',
    inputs: () => ({
      ...writesDown.inputs(image, { force: 'true' }),
      'registry-username': '',
      'registry-password': '',
    }),
    env: () => ({ ...withKey(), DOCKER_CONFIG: dir }),
    error: /: 503/,
  };
}
it('no secret reaches stdout, stderr, GITHUB_OUTPUT, the summary or any file, on any path', async () => {
  const cases = [...CASES, dockerConfigCase()];
  const results = await pool(cases, 5, async (c): Promise<[Case, ActionResult]> => {
    // A short deadline keeps the down-for-good paths quick; they fail the same way, sooner.
    const env = { RUNNER_DEBUG: '1', SIGN_IMAGE_DEADLINE_SECONDS: '8', ...(c.env?.() ?? {}) };
    return [c, await runAction(c.inputs(), env, { oidc: c.oidc })];
  });

  const tokens = [bed, down]
    .flatMap((b) => b.proxies.oidc.records)
    .filter((r) => r.upstream === 200 && r.body)
    .map((r) => (JSON.parse(r.body!) as { value: string }).value);
  expect(tokens.length).toBeGreaterThanOrEqual(3); // the keyless runs got theirs
  const { username, password } = state.registry;
  const forms = secretForms(
    {
      password: PASSWORD,
      key,
      registry: [
        { username, password },
        { username, password: WRONG_REGISTRY_PASSWORD },
      ],
    },
    tokens,
    { 'OIDC request token': state.oidc.requestToken },
  );

  for (const [c, result] of results) {
    // The path ran as meant: its one error, or success.
    if (c.error) {
      expect({ name: c.name, errors: result.errors.length, line: result.errors[0] }).toMatchObject({
        name: c.name,
        errors: 1,
      });
      expect({ name: c.name, line: result.errors[0] }).toEqual({
        name: c.name,
        line: expect.stringMatching(c.error),
      });
    } else {
      expect({ name: c.name, code: result.code, out: result.code ? result.stdout : '' }).toEqual({
        name: c.name,
        code: 0,
        out: '',
      });
    }
    expect(result.stdout).toContain('::debug::'); // debug output was on, and is checked too
    for (const [where, text] of Object.entries(whatTheRunLeft(result)))
      for (const [what, secret] of Object.entries(forms))
        if (text.includes(secret)) throw new Error(`${c.name}: the ${what} appears in ${where}`);

    // Masked before first use: the password and the key are the first thing the action prints.
    const first = result.stdout.split('\n').findIndex((l) => !l.startsWith('::add-mask::'));
    const masks = result.stdout
      .split('\n')
      .slice(0, first)
      .map((l) => l.slice('::add-mask::'.length));
    if (c.env?.().COSIGN_PASSWORD) expect(masks).toContain(c.env().COSIGN_PASSWORD);
    if (c.env?.().COSIGN_PRIVATE_KEY) expect(result.masked).toContain(c.env().COSIGN_PRIVATE_KEY);
  }

  // The decrypted key is printed nowhere, not even in an `::add-mask::` line (the runner hides
  // masks, other log collectors keep them): nothing else prints it, so a mask would be the leak.
  const decrypted = Object.entries(forms).filter(([what]) => what.startsWith('decrypted key'));
  expect(decrypted.length).toBeGreaterThan(2);
  for (const [c, result] of results)
    for (const [what, secret] of decrypted)
      expect({ run: c.name, what, printed: result.stdout.includes(secret) }).toEqual({
        run: c.name,
        what,
        printed: false,
      });

  // The registry password and each token were registered as masks.
  const masked = new Set(results.flatMap(([, r]) => r.masked));
  const mustBeMasked = {
    'registry password': state.registry.password,
    'OIDC request token': state.oidc.requestToken,
  };
  for (const [what, secret] of Object.entries(mustBeMasked))
    expect({ what, masked: masked.has(secret) }).toEqual({ what, masked: true });
  for (const t of tokens) expect(masked.has(t)).toBe(true);
}, 180_000);
