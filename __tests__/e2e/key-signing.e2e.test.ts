// Key-based signing end to end: `node dist/index.js` run as the runner runs it, against the real
// registry and the local Rekor, checked by the real cosign 2.5, cosign 3.1 and skopeo 1.18 with
// the Rekor SET verified (never --insecure-ignore-tlog).
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cosignSign } from '../helpers/cosign-sign.js';
import { generateCosignKey, generateSkopeoKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

let state: TestbedState;
let cosignKey: KeyPair;
let skopeoKey: KeyPair;

beforeAll(async () => {
  state = loadTestbed();
  [cosignKey, skopeoKey] = await Promise.all([
    generateCosignKey('e2e cosign pass'),
    generateSkopeoKey('e2e skopeo pass'),
  ]);
});

function keyEnv(key: KeyPair): Record<string, string> {
  return { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password };
}

function registryInputs(): Record<string, string> {
  return {
    'rekor-url': state.rekor.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
  };
}

function der(pem: string): Buffer {
  return createPublicKey(pem).export({ type: 'spki', format: 'der' });
}

async function rekorEntryAt(
  logIndex: number,
): Promise<Record<string, { logIndex: number; body: string }>> {
  const r = await fetch(`${state.rekor.url}/api/v1/log/entries?logIndex=${logIndex}`);
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, { logIndex: number; body: string }>;
}

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

describe('a key made by `cosign generate-key-pair`', () => {
  let image: Awaited<ReturnType<typeof pushTestImage>>;
  let result: ActionResult;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/key-cosign', tag: '1.0' });
    result = await runAction(
      { image: `${image.repository}:1.0`, digest: image.digest, ...registryInputs() },
      keyEnv(cosignKey),
    );
  });

  it('signs and reports the outputs of the contract', () => {
    expectSuccess(result);
    expect(result.outputs['signing-mode']).toBe('key');
    expect(der(result.outputs['public-key']!)).toEqual(der(cosignKey.publicKey));
    expect(result.outputs['rekor-log-index']).toMatch(/^\d+$/);
    expect(result.outputs['rekor-log-id']).toBe(state.rekor.logID);
    const signatures = JSON.parse(result.outputs.signatures!);
    expect(signatures).toEqual([
      {
        image: image.repository,
        digest: image.digest,
        format: 'legacy',
        signatureRef: `${image.repository}:${image.digest.replace(':', '-')}.sig`,
        rekorLogIndex: Number(result.outputs['rekor-log-index']),
        rekorLogId: state.rekor.logID,
        integratedTime: expect.any(Number),
      },
    ]);
  });

  it('is accepted by cosign 2.5, cosign 3.1 and skopeo with the Rekor SET checked', async () => {
    const ref = `${image.repository}@${image.digest}`;
    const [v2, v3, skopeo] = await Promise.all([
      cosignVerify(2, { image: ref, key: cosignKey.publicKeyPath }),
      cosignVerify(3, { image: ref, key: cosignKey.publicKeyPath }),
      skopeoVerify({ image: ref, keyPath: cosignKey.publicKeyPath }),
    ]);
    expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
    expect(v2.stderr).toContain(
      'Existence of the claims in the transparency log was verified offline',
    );
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
  });

  it('is refused by cosign for another key (the verifiers can fail)', async () => {
    const v3 = await cosignVerify(3, {
      image: `${image.repository}@${image.digest}`,
      key: skopeoKey.publicKeyPath,
    });
    expect(v3.code).not.toBe(0);
  });

  it('reports the log index of the entry Rekor holds for this signature', async () => {
    const sig = await peekSignatures(`${image.repository}@${image.digest}`);
    expect(sig?.layers).toHaveLength(1);
    const layer = sig!.layers[0]!;
    const logIndex = Number(result.outputs['rekor-log-index']);
    expect(layer.bundle?.Payload.logIndex).toBe(logIndex);
    const entry = Object.values(await rekorEntryAt(logIndex))[0]!;
    expect(entry.logIndex).toBe(logIndex);
    expect(entry.body).toBe(layer.bundle?.Payload.body);
    // The payload is cosign's: bare repository as identity, "optional":null.
    expect(layer.payload.toString()).toBe(
      `{"critical":{"identity":{"docker-reference":"${image.repository}"},"image":{"docker-manifest-digest":"${image.digest}"},"type":"cosign container image signature"},"optional":null}`,
    );
  });

  it('writes every bundle to bundle-path and a summary naming the digest', () => {
    const bundles = JSON.parse(readFileSync(result.outputs['bundle-path']!, 'utf8'));
    const bundle = bundles[`${image.repository}@${image.digest}`];
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.verificationMaterial.tlogEntries[0].logIndex).toBe(
      result.outputs['rekor-log-index'],
    );
    expect(result.summary).toContain(image.digest);
  });

  it('masks the password and the key before anything else is printed', () => {
    expect(result.masked).toContain(cosignKey.password);
    expect(result.masked).toContain(cosignKey.privateKey);
    const firstNonMask = result.stdout
      .split('\n')
      .findIndex((l) => l !== '' && !l.startsWith('::add-mask::'));
    const lastMask = result.stdout
      .split('\n')
      .map((l) => l.startsWith('::add-mask::'))
      .lastIndexOf(true);
    expect(firstNonMask === -1 || lastMask < firstNonMask).toBe(true);
  });
});

describe('a key made by `skopeo generate-sigstore-key` (ENCRYPTED COSIGN PRIVATE KEY)', () => {
  it('signs a digest given inside the reference, accepted by cosign 3.1, cosign 2.5 and skopeo', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/key-skopeo' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction({ image: ref, ...registryInputs() }, keyEnv(skopeoKey));
    expectSuccess(result);
    const [v3, v2, skopeo] = await Promise.all([
      cosignVerify(3, { image: ref, key: skopeoKey.publicKeyPath }),
      cosignVerify(2, { image: ref, key: skopeoKey.publicKeyPath }),
      skopeoVerify({ image: ref, keyPath: skopeoKey.publicKeyPath }),
    ]);
    expect([v3.code, v2.code, skopeo.code]).toEqual([0, 0, 0]);
  });
});

describe('a digest that cosign already signed', () => {
  it('keeps the cosign signature verifiable and adds ours after it', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/append' });
    const ref = `${image.repository}@${image.digest}`;
    const cosignMade = await cosignSign(3, { image: ref, key: cosignKey });
    expect({ code: cosignMade.code, err: cosignMade.stderr }).toMatchObject({ code: 0 });
    const before = await peekSignatures(ref);
    expect(before?.layers).toHaveLength(1);

    const result = await runAction({ image: ref, ...registryInputs() }, keyEnv(skopeoKey));
    expectSuccess(result);
    const after = await peekSignatures(ref);
    expect(after?.layers).toHaveLength(2);
    expect(after!.layers[0]!.descriptor).toEqual(before!.layers[0]!.descriptor);

    const [byCosign, byUs, v2] = await Promise.all([
      cosignVerify(3, { image: ref, key: cosignKey.publicKeyPath }),
      cosignVerify(3, { image: ref, key: skopeoKey.publicKeyPath }),
      cosignVerify(2, { image: ref, key: cosignKey.publicKeyPath }),
    ]);
    expect([byCosign.code, byUs.code, v2.code]).toEqual([0, 0, 0]);
  });
});

describe('inputs that change what is written', () => {
  it('annotations are signed and checked by `cosign verify -a`', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/annotations' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, annotations: 'commit=abc123\nenv=prod', ...registryInputs() },
      keyEnv(cosignKey),
    );
    expectSuccess(result);
    const good = await cosignVerify(3, {
      image: ref,
      key: cosignKey.publicKeyPath,
      annotations: { commit: 'abc123', env: 'prod' },
    });
    const bad = await cosignVerify(3, {
      image: ref,
      key: cosignKey.publicKeyPath,
      annotations: { commit: 'other' },
    });
    expect(good.code).toBe(0);
    expect(bad.code).not.toBe(0);
    const sig = await peekSignatures(ref);
    expect(sig!.layers[0]!.payload.toString()).toContain(
      '"optional":{"commit":"abc123","env":"prod"}',
    );
  });

  it('tlog-upload: false writes only the signature annotation and no log outputs', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/no-tlog' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, 'tlog-upload': 'false', ...registryInputs() },
      keyEnv(cosignKey),
    );
    expectSuccess(result);
    expect(result.outputs['rekor-log-index']).toBe('');
    const sig = await peekSignatures(ref);
    expect(Object.keys(sig!.layers[0]!.annotations)).toEqual([
      'dev.cosignproject.cosign/signature',
    ]);
    // No tlog entry to check: skopeo with a policy that does not require one.
    const skopeo = await skopeoVerify({
      image: ref,
      keyPath: cosignKey.publicKeyPath,
      rekor: false,
    });
    expect(skopeo.code).toBe(0);
    // With the Rekor key required, the same policy refuses it: the SET check is real.
    const strict = await skopeoVerify({ image: ref, keyPath: cosignKey.publicKeyPath });
    expect(strict.code).not.toBe(0);
  });

  it('upload: false logs in Rekor but writes nothing to the registry', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/no-upload' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, upload: 'false', ...registryInputs() },
      keyEnv(cosignKey),
    );
    expectSuccess(result);
    expect(result.outputs['rekor-log-index']).toMatch(/^\d+$/);
    expect(JSON.parse(result.outputs.signatures!)[0].signatureRef).toBe('');
    expect(await peekSignatures(ref)).toBeUndefined();
  });

  it('registry credentials from DOCKER_CONFIG when no inputs are given', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/docker-config' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, 'rekor-url': state.rekor.url },
      { ...keyEnv(cosignKey), DOCKER_CONFIG: state.registry.dockerConfigDir },
    );
    expectSuccess(result);
    expect((await cosignVerify(3, { image: ref, key: cosignKey.publicKeyPath })).code).toBe(0);
  });
});
