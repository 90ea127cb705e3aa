// Bad input end to end: each case must exit non-zero with exactly one `::error::` line that says
// what to do, leak no secret into anything the runner keeps, and leave no `.sig` behind.
import { readFileSync } from 'node:fs';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';

const SEC1_KEY = readFileSync(
  new URL('../fixtures/keys/cosign-peer/keys_test-pemcosigneckey.key', import.meta.url),
  'utf8',
);
const PASSWORD = 'bad-input-pass-7d1f';

let state: TestbedState;
let key: KeyPair;
let image: Pushed;

beforeAll(async () => {
  state = loadTestbed();
  [key, image] = await Promise.all([
    generateCosignKey(PASSWORD),
    pushTestImage(state, { repository: 'e2e/bad-input', tag: 'v1' }),
  ]);
});

afterEach(async () => {
  // Nothing half-written: no case may leave a signature on the image.
  expect(await peekSignatures(`${image.repository}@${image.digest}`)).toBeUndefined();
});

function base(extra: Record<string, string> = {}): Record<string, string> {
  return {
    image: `${image.repository}:v1`,
    digest: image.digest,
    'rekor-url': state.rekor.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
    ...extra,
  };
}

/** What the runner keeps and shows: stdout without the mask commands, stderr, outputs, summary. */
function visible(result: ActionResult): string {
  const stdout = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n');
}

function expectCleanFailure(result: ActionResult, message: RegExp, secrets: string[] = []): void {
  expect(result.code).not.toBe(0);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(message);
  expect(result.outputs).toEqual({});
  const shown = visible(result);
  for (const secret of [
    PASSWORD,
    key.privateKey,
    ...key.privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')),
    ...secrets,
  ]) {
    expect(shown).not.toContain(secret);
  }
}

const keyEnv = (): Record<string, string> => ({
  COSIGN_PRIVATE_KEY: key.privateKey,
  COSIGN_PASSWORD: PASSWORD,
});

it('a tag with no digest names the build step output to use', async () => {
  const result = await runAction(base({ digest: '' }), keyEnv());
  expectCleanFailure(result, /no digest.*steps\.<build-step-id>\.outputs\.digest/);
});

it('a malformed digest is refused before any network call', async () => {
  const result = await runAction(base({ digest: 'sha256:abc' }), keyEnv());
  expectCleanFailure(result, /"sha256:abc" is not a manifest digest.*sha256/);
});

it('a digest the registry does not have is refused before anything is written', async () => {
  const missing = `sha256:${'0'.repeat(64)}`;
  const result = await runAction(base({ digest: missing }), keyEnv());
  expectCleanFailure(result, /is not in the registry/);
  expect(await peekSignatures(`${image.repository}@${missing}`)).toBeUndefined();
});

it('a wrong password says to check COSIGN_PASSWORD', async () => {
  const result = await runAction(base(), {
    COSIGN_PRIVATE_KEY: key.privateKey,
    COSIGN_PASSWORD: 'not-the-password',
  });
  expectCleanFailure(result, /could not be decrypted.*COSIGN_PASSWORD/, ['not-the-password']);
});

it('a key holding SEC1 instead of PKCS#8 is refused as cosign refuses it', async () => {
  const result = await runAction(base(), {
    COSIGN_PRIVATE_KEY: SEC1_KEY,
    COSIGN_PASSWORD: 'hello',
  });
  expectCleanFailure(result, /SEC1.*import-key-pair/, ['hello']);
});

it('a truncated PEM says the secret is cut short', async () => {
  const truncated = key.privateKey.split('\n').slice(0, 3).join('\n');
  const result = await runAction(base(), {
    COSIGN_PRIVATE_KEY: truncated,
    COSIGN_PASSWORD: PASSWORD,
  });
  expectCleanFailure(result, /truncated|incomplete|END/i);
});

it('wrong registry credentials name the inputs to check', async () => {
  const result = await runAction(base({ 'registry-password': 'wrong-registry-pass' }), keyEnv());
  expectCleanFailure(result, /registry-username|registry-password|login/, ['wrong-registry-pass']);
});

it('an unreachable Rekor fails before the registry is touched', async () => {
  const result = await runAction(base({ 'rekor-url': 'http://127.0.0.1:9' }), keyEnv());
  expectCleanFailure(result, /Rekor at 127\.0\.0\.1:9 could not be reached/);
});
