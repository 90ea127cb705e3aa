// Signing with a key that never leaves a KMS, end to end: `node dist/index.js` with
// `kms-key: awskms://127.0.0.1:PORT/alias/…` against the real local-kms emulator (behind an
// HTTPS front, as cosign requires for an endpoint), the bed's registry and Rekor; checked by the
// real cosign 2.5 and 3.1 with the `public-key` output, by cosign 3.1 reading the key from the
// emulator itself, and by skopeo. Sign calls are counted at the front: one per signature.
import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { scratch } from '../helpers/exec.js';
import { kmsCall, startLocalKms, type LocalKms } from '../helpers/local-kms.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

const ALIAS = 'alias/sign-image-e2e';

let state: TestbedState;
let kms: LocalKms;
let signingKey: { keyId: string; arn: string };
let kmsPublicKeyDer: Buffer;

beforeAll(async () => {
  state = loadTestbed();
  kms = await startLocalKms();
  signingKey = await kms.createKey('ECC_NIST_P256', 'SIGN_VERIFY', ALIAS);
  await Promise.all([
    kms.createKey('RSA_2048', 'SIGN_VERIFY', 'alias/e2e-rsa'),
    kms.createKey('ECC_NIST_P384', 'SIGN_VERIFY', 'alias/e2e-p384'),
    kms.createKey('RSA_2048', 'ENCRYPT_DECRYPT', 'alias/e2e-rsa-encrypt'),
    kms.createKey('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 'alias/e2e-aes'),
  ]);
  const pub = (await kmsCall(kms.directUrl, 'GetPublicKey', { KeyId: signingKey.keyId })) as {
    PublicKey: string;
  };
  kmsPublicKeyDer = Buffer.from(pub.PublicKey, 'base64');
});

afterAll(async () => {
  await kms?.stop();
});

const kmsRef = (id = ALIAS, endpoint = kms.endpoint) => `awskms://${endpoint}/${id}`;

function inputs(image: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    image,
    'kms-key': kmsRef(),
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

/** Runs the action and returns the KMS calls it made (counted at the HTTPS front). */
async function runCounted(
  actionInputs: Record<string, string>,
  env = kms.env(),
): Promise<{ result: ActionResult; calls: Record<string, number> }> {
  const before = kms.counts();
  const result = await runAction(actionInputs, env);
  const after = kms.counts();
  const calls: Record<string, number> = {};
  for (const op of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const n = (after[op] ?? 0) - (before[op] ?? 0);
    if (n) calls[op] = n;
  }
  return { result, calls };
}

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function writePublicKey(pem: string): string {
  const file = path.join(scratch('kms-pub'), 'cosign.pub');
  writeFileSync(file, pem);
  return file;
}

/** What the runner keeps and shows: stdout without the mask commands, stderr, outputs, summary. */
function visible(result: ActionResult): string {
  const stdout = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n');
}

describe('legacy .sig signed with an AWS KMS key (alias through an endpoint)', () => {
  let image: Pushed;
  let result: ActionResult;
  let calls: Record<string, number>;
  let pubPath: string;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/kms-legacy', tag: '1.0' });
    ({ result, calls } = await runCounted(
      inputs(`${image.repository}:1.0`, { digest: image.digest }),
    ));
    if (result.outputs['public-key']) pubPath = writePublicKey(result.outputs['public-key']);
  });

  it('signs in key mode; the public-key output is the KMS public key', () => {
    expectSuccess(result);
    expect(result.outputs['signing-mode']).toBe('key');
    const out = createPublicKey(result.outputs['public-key']!).export({
      type: 'spki',
      format: 'der',
    });
    expect(out).toEqual(kmsPublicKeyDer);
  });

  it('asks the KMS for the public key once and to sign exactly once', () => {
    expect(calls).toEqual({ GetPublicKey: 1, Sign: 1 });
  });

  it('is accepted by cosign 2.5 and 3.1 with the public-key output, and by skopeo, Rekor SET checked', async () => {
    const ref = `${image.repository}@${image.digest}`;
    const [v2, v3, skopeo] = await Promise.all([
      cosignVerify(2, { image: ref, key: pubPath }),
      cosignVerify(3, { image: ref, key: pubPath }),
      skopeoVerify({ image: ref, keyPath: pubPath }),
    ]);
    expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
    expect(v2.stderr).toContain(
      'Existence of the claims in the transparency log was verified offline',
    );
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
  });

  it('is accepted by cosign 3.1 reading the key from the KMS itself (--key awskms://…)', async () => {
    const ref = `${image.repository}@${image.digest}`;
    const v3 = await cosignVerify(3, { image: ref, key: kmsRef(), env: kms.env() });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    // The key id and the alias ARN name the same key.
    const byId = await cosignVerify(3, {
      image: ref,
      key: kmsRef(signingKey.keyId),
      env: kms.env(),
    });
    expect({ code: byId.code, err: byId.stderr }).toMatchObject({ code: 0 });
  });

  it('is refused by cosign 3.1 for another KMS key (the verifier can fail)', async () => {
    const other = await kms.createKey('ECC_NIST_P256', 'SIGN_VERIFY', 'alias/e2e-other');
    const v3 = await cosignVerify(3, {
      image: `${image.repository}@${image.digest}`,
      key: kmsRef(other.keyId),
      env: kms.env(),
    });
    expect(v3.code).not.toBe(0);
  });

  it('the summary names the key reference and its policies carry the KMS public key, never a credential', () => {
    expect(result.summary).toContain(`**Signer:** KMS key \`${kmsRef()}\``);
    const body = result.outputs['public-key']!.trimEnd().split('\n').slice(1, -1);
    for (const line of body) expect(result.summary).toContain(line);
    const shown = visible(result);
    expect(shown).not.toContain(kms.credentials.AWS_SECRET_ACCESS_KEY);
    expect(result.masked).toContain(kms.credentials.AWS_SECRET_ACCESS_KEY);
  });
});

function withoutRegion(): Record<string, string> {
  const env: Record<string, string | undefined> = kms.env();
  delete env.AWS_REGION;
  return env as Record<string, string>;
}

describe('bundle format and many signatures with an AWS KMS key (key ARN)', () => {
  it('a bundle referrer, accepted by cosign 3.1 with the public key and with awskms://', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/kms-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    // No AWS_REGION: a key ARN names its region.
    const { result, calls } = await runCounted(
      inputs(ref, { 'signature-format': 'bundle', 'kms-key': kmsRef(signingKey.arn) }),
      withoutRegion(),
    );
    expectSuccess(result);
    expect(calls).toEqual({ GetPublicKey: 1, Sign: 1 });
    expect(await peekSignatures(ref)).toBeUndefined();
    expect(await peekReferrers(ref)).toHaveLength(1);
    const pubPath = writePublicKey(result.outputs['public-key']!);
    const [withPem, withKms] = await Promise.all([
      cosignVerify(3, { image: ref, key: pubPath }),
      cosignVerify(3, { image: ref, key: kmsRef(), env: kms.env() }),
    ]);
    expect({ code: withPem.code, err: withPem.stderr }).toMatchObject({ code: 0 });
    expect({ code: withKms.code, err: withKms.stderr }).toMatchObject({ code: 0 });
  });

  it('three images in both formats: six signatures, six Sign calls, one GetPublicKey', async () => {
    const images = await Promise.all(
      [1, 2, 3].map((i) => pushTestImage(state, { repository: `e2e/kms-many-${i}` })),
    );
    const refs = images.map((i) => `${i.repository}@${i.digest}`);
    const { result, calls } = await runCounted(
      inputs(refs.join('\n'), { 'signature-format': 'both' }),
    );
    expectSuccess(result);
    expect(JSON.parse(result.outputs.signatures!)).toHaveLength(6);
    expect(calls).toEqual({ GetPublicKey: 1, Sign: 6 });
    const pubPath = writePublicKey(result.outputs['public-key']!);
    const checks = await Promise.all(
      refs.flatMap((ref) => [
        cosignVerify(2, { image: ref, key: pubPath }),
        cosignVerify(3, { image: ref, key: pubPath }),
      ]),
    );
    expect(checks.map((c) => c.code)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('bad KMS input: one ::error::, no credential printed, nothing written', () => {
  let image: Pushed;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/kms-bad', tag: 'v1' });
  });

  afterEach(async () => {
    const ref = `${image.repository}@${image.digest}`;
    expect(await peekSignatures(ref)).toBeUndefined();
    expect(await peekReferrers(ref)).toEqual([]);
  });

  async function expectCleanFailure(
    extra: Record<string, string>,
    message: RegExp,
    env = kms.env(),
  ): Promise<Record<string, number>> {
    const { result, calls } = await runCounted(
      inputs(`${image.repository}@${image.digest}`, { 'signature-format': 'both', ...extra }),
      env,
    );
    expect(result.code).not.toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(message);
    expect(result.outputs).toEqual({});
    expect(visible(result)).not.toContain(kms.credentials.AWS_SECRET_ACCESS_KEY);
    expect(calls.Sign ?? 0).toBe(0);
    return calls;
  }

  it('an unknown key', async () => {
    await expectCleanFailure(
      { 'kms-key': kmsRef('alias/no-such-key') },
      /^The KMS key awskms:\/\/127\.0\.0\.1:\d+\/alias\/no-such-key does not exist\. Check the key id/,
    );
  });

  it('no credentials', async () => {
    const env = kms.env();
    delete (env as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
    delete (env as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    const calls = await expectCleanFailure(
      {},
      /^No AWS credentials were found to use the KMS key .*configure-aws-credentials/,
      env,
    );
    expect(calls).toEqual({}); // nothing was sent without credentials
  });

  it('no region, with a key named by its alias', async () => {
    const calls = await expectCleanFailure(
      {},
      /^No AWS region is set for the KMS key .*\. Set AWS_REGION/,
      withoutRegion(),
    );
    expect(calls).toEqual({});
  });

  it.each([
    [
      'an RSA encryption key',
      'alias/e2e-rsa-encrypt',
      /key usage ENCRYPT_DECRYPT \(RSA_2048\), so it cannot sign/,
    ],
    [
      'a symmetric encryption key',
      'alias/e2e-aes',
      /cannot sign \(GetPublicKey answered UnsupportedOperationException\)|cannot sign/,
    ],
  ])('%s', async (_what, alias, message) => {
    await expectCleanFailure({ 'kms-key': kmsRef(alias) }, message);
  });

  it.each([
    ['an RSA key', 'alias/e2e-rsa', 'RSA_2048'],
    ['a P-384 key', 'alias/e2e-p384', 'ECC_NIST_P384'],
  ])("%s, whose signatures cosign's verification would not follow", async (_what, alias, spec) => {
    await expectCleanFailure(
      { 'kms-key': kmsRef(alias) },
      new RegExp(
        `has key spec ${spec}, whose signatures cosign's verification would not accept\\. Use an ECC_NIST_P256`,
      ),
    );
  });

  it('a KMS that is down', async () => {
    const port = await closedPort();
    const calls = await expectCleanFailure(
      { 'kms-key': kmsRef(ALIAS, `127.0.0.1:${port}`) },
      new RegExp(
        `^KMS at 127\\.0\\.0\\.1:${port} could not be reached \\(ECONNREFUSED\\) after \\d+ attempts \\(GetPublicKey\\)\\. Check the endpoint`,
      ),
      kms.env({ SIGN_IMAGE_DEADLINE_SECONDS: '20' }),
    );
    expect(calls).toEqual({});
  });

  it('hashivault://, gcpkms:// and azurekms:// are refused, listing what is supported', async () => {
    for (const ref of [
      'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k',
      'azurekms://acme.vault.azure.net/k',
      'hashivault://sign-image',
    ]) {
      await expectCleanFailure(
        { 'kms-key': ref },
        /cannot sign with yet\. Supported: awskms:\/\/\[ENDPOINT\]\/KEY-ID\|ARN\|alias\/NAME;/,
      );
    }
  });

  it('a kms-key beside a private key', async () => {
    await expectCleanFailure(
      {},
      /^Both `kms-key` and a private key/,
      kms.env({ COSIGN_PRIVATE_KEY: 'x'.repeat(40) }),
    );
  });
});
