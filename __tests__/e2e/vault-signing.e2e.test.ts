// Signing with a HashiCorp Vault transit key, end to end: `node dist/index.js` with
// `kms-key: hashivault://KEY` against the real `vault server -dev` (built from its Go module),
// checked by cosign 2.5 and 3.1 with the `public-key` output, by cosign 3.1 reading the key from
// Vault itself, and by skopeo. Transit requests are counted at a front: one sign per signature.
import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratch } from '../helpers/exec.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';
import { freePort, startVaultDev, type VaultDev } from '../helpers/vault-dev.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

const KEY = 'sign-image-e2e';

let state: TestbedState;
let vault: VaultDev;

beforeAll(async () => {
  state = loadTestbed();
  vault = await startVaultDev();
  await Promise.all([
    vault.createKey(KEY, 'ecdsa-p256'),
    vault.createKey('e2e-rotated', 'ecdsa-p256'),
    vault.createKey('e2e-p384', 'ecdsa-p384'),
    vault.createKey('e2e-rsa', 'rsa-2048'),
    vault.createKey('e2e-aes', 'aes256-gcm96'),
  ]);
}, 60000);

afterAll(async () => {
  await vault?.stop();
});

function inputs(image: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    image,
    'kms-key': `hashivault://${KEY}`,
    'rekor-url': state.rekor.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
    ...extra,
  };
}

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

async function runCounted(
  actionInputs: Record<string, string>,
  env = vault.env(),
): Promise<{ result: ActionResult; calls: Record<string, number> }> {
  const before = vault.counts();
  const result = await runAction(actionInputs, env);
  const after = vault.counts();
  const calls: Record<string, number> = {};
  for (const op of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const n = (after[op] ?? 0) - (before[op] ?? 0);
    if (n) calls[op] = n;
  }
  return { result, calls };
}

function writePublicKey(pem: string): string {
  const file = path.join(scratch('vault-pub'), 'cosign.pub');
  writeFileSync(file, pem);
  return file;
}

function visible(result: ActionResult): string {
  const stdout = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n');
}

async function vaultPublicKey(name: string): Promise<Buffer> {
  const data = await vault.api('GET', `/v1/transit/keys/${name}`);
  const keys = data.keys as Record<string, { public_key: string }>;
  const pem = keys[String(data.latest_version)]!.public_key;
  return createPublicKey(pem).export({ type: 'spki', format: 'der' });
}

describe('legacy .sig signed with a Vault transit key', () => {
  let image: Pushed;
  let result: ActionResult;
  let calls: Record<string, number>;
  let pubPath: string;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/vault-legacy', tag: '1.0' });
    ({ result, calls } = await runCounted(
      inputs(`${image.repository}:1.0`, { digest: image.digest }),
    ));
    if (result.outputs['public-key']) pubPath = writePublicKey(result.outputs['public-key']);
  });

  it('signs in key mode with the transit public key as the public-key output', async () => {
    expectSuccess(result);
    expect(result.outputs['signing-mode']).toBe('key');
    const out = createPublicKey(result.outputs['public-key']!).export({
      type: 'spki',
      format: 'der',
    });
    expect(out).toEqual(await vaultPublicKey(KEY));
  });

  it('reads the key once and signs exactly once', () => {
    expect(calls).toEqual({ 'GET keys': 1, 'POST sign': 1 });
  });

  it('is accepted by cosign 2.5 and 3.1 with the public-key output, and by skopeo', async () => {
    const ref = `${image.repository}@${image.digest}`;
    const [v2, v3, skopeo] = await Promise.all([
      cosignVerify(2, { image: ref, key: pubPath }),
      cosignVerify(3, { image: ref, key: pubPath }),
      skopeoVerify({ image: ref, keyPath: pubPath }),
    ]);
    expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
  });

  it('is accepted by cosign 3.1 reading the key from Vault (--key hashivault://…), refused for another key', async () => {
    const ref = `${image.repository}@${image.digest}`;
    const [good, other] = await Promise.all([
      cosignVerify(3, { image: ref, key: `hashivault://${KEY}`, env: vault.env() }),
      cosignVerify(3, { image: ref, key: 'hashivault://e2e-rotated', env: vault.env() }),
    ]);
    expect({ code: good.code, err: good.stderr }).toMatchObject({ code: 0 });
    expect(other.code).not.toBe(0);
  });

  it('names the key reference in the summary and never prints the token', () => {
    expect(result.summary).toContain(`**Signer:** KMS key \`hashivault://${KEY}\``);
    expect(visible(result)).not.toContain(vault.token);
    expect(result.masked).toContain(vault.token);
  });
});

describe('bundles and key versions', () => {
  it('a bundle referrer, accepted by cosign 3.1 with the public key and with hashivault://', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/vault-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    const { result, calls } = await runCounted(inputs(ref, { 'signature-format': 'bundle' }));
    expectSuccess(result);
    expect(calls).toEqual({ 'GET keys': 1, 'POST sign': 1 });
    expect(await peekReferrers(ref)).toHaveLength(1);
    const pubPath = writePublicKey(result.outputs['public-key']!);
    const [withPem, withVault] = await Promise.all([
      cosignVerify(3, { image: ref, key: pubPath }),
      cosignVerify(3, { image: ref, key: `hashivault://${KEY}`, env: vault.env() }),
    ]);
    expect({ code: withPem.code, err: withPem.stderr }).toMatchObject({ code: 0 });
    expect({ code: withVault.code, err: withVault.stderr }).toMatchObject({ code: 0 });
  });

  it('a rotated key signs with its latest version (vault:v3:), and both formats cost one sign each', async () => {
    await vault.api('POST', '/v1/transit/keys/e2e-rotated/rotate');
    await vault.api('POST', '/v1/transit/keys/e2e-rotated/rotate');
    const image = await pushTestImage(state, { repository: 'e2e/vault-rotated' });
    const ref = `${image.repository}@${image.digest}`;
    const { result, calls } = await runCounted(
      inputs(ref, { 'kms-key': 'hashivault://e2e-rotated', 'signature-format': 'both' }),
    );
    expectSuccess(result);
    expect(calls).toEqual({ 'GET keys': 1, 'POST sign': 2 });
    const pub = createPublicKey(result.outputs['public-key']!).export({
      type: 'spki',
      format: 'der',
    });
    expect(pub).toEqual(await vaultPublicKey('e2e-rotated'));
    const pubPath = writePublicKey(result.outputs['public-key']!);
    const [v2, v3] = await Promise.all([
      cosignVerify(2, { image: ref, key: pubPath }),
      cosignVerify(3, { image: ref, key: pubPath }),
    ]);
    expect([v2.code, v3.code]).toEqual([0, 0]);
  });
});

describe('bad Vault input: one ::error::, no token printed, nothing written', () => {
  let image: Pushed;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/vault-bad', tag: 'v1' });
  });

  afterEach(async () => {
    const ref = `${image.repository}@${image.digest}`;
    expect(await peekSignatures(ref)).toBeUndefined();
    expect(await peekReferrers(ref)).toEqual([]);
  });

  async function expectCleanFailure(
    extra: Record<string, string>,
    message: RegExp,
    env = vault.env(),
  ): Promise<Record<string, number>> {
    const { result, calls } = await runCounted(
      inputs(`${image.repository}@${image.digest}`, { 'signature-format': 'both', ...extra }),
      env,
    );
    expect(result.code).not.toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(message);
    expect(result.outputs).toEqual({});
    expect(visible(result)).not.toContain(vault.token);
    expect(calls['POST sign'] ?? 0).toBe(0);
    return calls;
  }

  it('an unknown key', async () => {
    await expectCleanFailure(
      { 'kms-key': 'hashivault://no-such-key' },
      /^The Vault transit key hashivault:\/\/no-such-key does not exist\. Check the key name/,
    );
  });

  it('a token Vault refuses', async () => {
    await expectCleanFailure(
      {},
      /^Vault at 127\.0\.0\.1:\d+ refused the token for GetPublicKey on hashivault:\/\/sign-image-e2e \(HTTP 403\)/,
      vault.env({ VAULT_TOKEN: 'not-the-token-5f2c' }),
    );
  });

  it('no token', async () => {
    const calls = await expectCleanFailure(
      {},
      /^VAULT_TOKEN is not set, so the Vault key hashivault:\/\/sign-image-e2e cannot be used/,
      { VAULT_ADDR: vault.addr },
    );
    expect(calls).toEqual({});
  });

  it('an encryption key', async () => {
    await expectCleanFailure(
      { 'kms-key': 'hashivault://e2e-aes' },
      /^The Vault transit key hashivault:\/\/e2e-aes \(aes256-gcm96\) does not support signing/,
    );
  });

  it.each([
    ['an RSA key', 'e2e-rsa', 'rsa-2048'],
    ['a P-384 key', 'e2e-p384', 'ecdsa-p384'],
  ])("%s, whose signatures cosign's verification would not follow", async (_w, name, type) => {
    await expectCleanFailure(
      { 'kms-key': `hashivault://${name}` },
      new RegExp(`has key spec ${type}, whose signatures cosign's verification would not accept`),
    );
  });

  it('a Vault that is down', async () => {
    const port = await freePort();
    const calls = await expectCleanFailure(
      {},
      new RegExp(
        `^Vault at 127\\.0\\.0\\.1:${port} could not be reached \\(ECONNREFUSED\\) after \\d+ attempts \\(GetPublicKey\\)`,
      ),
      vault.env({ VAULT_ADDR: `http://127.0.0.1:${port}`, SIGN_IMAGE_DEADLINE_SECONDS: '20' }),
    );
    expect(calls).toEqual({});
  });

  it('a plain-http VAULT_ADDR off loopback is refused before the token is sent', async () => {
    await expectCleanFailure(
      {},
      /^VAULT_ADDR is http:\/\/vault\.example\.com:8200, which would send the Vault token in clear/,
      vault.env({ VAULT_ADDR: 'http://vault.example.com:8200' }),
    );
  });
});
