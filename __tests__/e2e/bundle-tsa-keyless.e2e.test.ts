// RFC 3161 timestamps from the bed's TSA (`tsa-url`) in both formats, and keyless bundles
// (Fulcio through the bed's OIDC endpoint). cosign 3.1 is made to require a verified signed
// timestamp (--use-signed-timestamps): it must pass with the bed's trusted_root.json, which lists
// the TSA chain, and fail with a copy that lists none, so the check is shown to be real.
import type { SerializedBundle } from '@sigstore/bundle';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { scratch } from '../helpers/exec.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { sigstoreVerify } from '../helpers/sigstore-verify.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import {
  cosignVerify,
  DEFAULT_IDENTITY,
  GITHUB_ISSUER,
  skopeoVerify,
} from '../helpers/verifiers.js';

const PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const SIGNED_TS = ['--use-signed-timestamps'];
let state: TestbedState;
let key: KeyPair;
let rootWithoutTsa: string;

beforeAll(async () => {
  state = loadTestbed();
  key = await generateCosignKey('tsa pass');
  const root = JSON.parse(readFileSync(state.trustedRootPath, 'utf8'));
  expect(root.timestampAuthorities).toHaveLength(1);
  rootWithoutTsa = path.join(scratch('root-without-tsa'), 'trusted_root.json');
  writeFileSync(rootWithoutTsa, JSON.stringify({ ...root, timestampAuthorities: [] }));
});

const registry = () => ({
  'rekor-url': state.rekor.url,
  'registry-username': state.registry.username,
  'registry-password': state.registry.password,
});
const withKey = () => ({ COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password });
const keyless = () => ({ 'signing-mode': 'keyless', 'fulcio-url': state.fulcio.url });

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}
// One bundle of the file at `bundle-path`, keyed by image@digest (#format when both were made).
function bundleAt(r: ActionResult, key: string): SerializedBundle {
  const file = JSON.parse(readFileSync(r.outputs['bundle-path']!, 'utf8')) as Record<
    string,
    SerializedBundle
  >;
  const bundle = file[key];
  if (!bundle)
    throw new Error(`no bundle for ${key} at bundle-path (keys: ${Object.keys(file).join(', ')})`);
  return bundle;
}
const verifiedBundle = (v: { payloads: unknown[] }) =>
  (v.payloads as { critical: { type: string } }[]).every((p) => p.critical.type === PREDICATE);

describe('tsa-url with a key', () => {
  it('bundle: the timestamp is in the bundle and cosign 3.1 verifies it with the TSA chain', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-tsa' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, 'signature-format': 'bundle', 'tsa-url': state.tsa.url, ...registry() },
      withKey(),
    );
    expectSuccess(result);
    const [referrer] = await peekReferrers(ref);
    const stored = JSON.parse(referrer!.layers[0]!.content.toString());
    expect(stored.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);

    const [withTsa, noTsaTrusted] = await Promise.all([
      cosignVerify(3, { image: ref, key: key.publicKeyPath, extraArgs: SIGNED_TS }),
      cosignVerify(3, {
        image: ref,
        key: key.publicKeyPath,
        extraArgs: [...SIGNED_TS, '--trusted-root', rootWithoutTsa],
      }),
    ]);
    expect({ code: withTsa.code, err: withTsa.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(withTsa)).toBe(true);
    expect(noTsaTrusted.code).not.toBe(0);
    expect(noTsaTrusted.stderr).toContain('signed timestamps');

    // @sigstore/verify: two verified times, the Rekor entry's and the TSA's.
    const b = bundleAt(result, ref);
    expect(() =>
      sigstoreVerify(b, {
        trustedRootPath: state.trustedRootPath,
        publicKeyPem: key.publicKey,
        timestamps: 2,
      }),
    ).not.toThrow();
  });

  it('legacy: the rfc3161timestamp annotation, accepted by cosign 3.1 with the TSA chain and by skopeo', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/legacy-tsa' });
    const ref = `${image.repository}@${image.digest}`;
    expectSuccess(
      await runAction({ image: ref, 'tsa-url': state.tsa.url, ...registry() }, withKey()),
    );
    const sig = await peekSignatures(ref);
    const annotation = sig!.layers[0]!.annotations['dev.sigstore.cosign/rfc3161timestamp'];
    expect(JSON.parse(annotation!)).toEqual({
      SignedRFC3161Timestamp: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
    });

    const [v3, noTsaTrusted, skopeo] = await Promise.all([
      cosignVerify(3, { image: ref, key: key.publicKeyPath, extraArgs: SIGNED_TS }),
      cosignVerify(3, {
        image: ref,
        key: key.publicKeyPath,
        extraArgs: [...SIGNED_TS, '--trusted-root', rootWithoutTsa],
      }),
      skopeoVerify({ image: ref, keyPath: key.publicKeyPath }),
    ]);
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect(noTsaTrusted.code).not.toBe(0);
    expect(noTsaTrusted.stderr).toContain('verified timestamp');
    expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
  });

  it("tlog-upload: false: the TSA token is the bundle's only time, and @sigstore/verify accepts it", async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-tsa-no-tlog' });
    const ref = `${image.repository}@${image.digest}`;
    const inputs = {
      image: ref,
      'signature-format': 'bundle',
      'tsa-url': state.tsa.url,
      'tlog-upload': 'false',
    };
    const result = await runAction({ ...inputs, ...registry() }, withKey());
    expectSuccess(result);
    expect(result.outputs['rekor-log-index']).toBe('');
    const [referrer] = await peekReferrers(ref);
    const stored = JSON.parse(referrer!.layers[0]!.content.toString()) as SerializedBundle;
    expect(stored.verificationMaterial.tlogEntries ?? []).toEqual([]);
    const opts = {
      trustedRootPath: state.trustedRootPath,
      publicKeyPem: key.publicKey,
      tlog: false,
    };
    expect(() => sigstoreVerify(stored, opts)).not.toThrow();
    // Without the TSA in the trust, nothing vouches for the time: refused.
    expect(() => sigstoreVerify(stored, { ...opts, trustedRootPath: rootWithoutTsa })).toThrow();
  });

  it('without tsa-url cosign 3.1 finds no signed timestamp to require', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-no-tsa' });
    const ref = `${image.repository}@${image.digest}`;
    expectSuccess(
      await runAction({ image: ref, 'signature-format': 'bundle', ...registry() }, withKey()),
    );
    const v3 = await cosignVerify(3, { image: ref, key: key.publicKeyPath, extraArgs: SIGNED_TS });
    expect(v3.code).not.toBe(0);
  });
});

describe('keyless bundles', () => {
  it('bundle with a TSA: cosign 3.1 matches the identity and verifies the timestamp; @sigstore/verify accepts the file', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/bundle-keyless' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      {
        image: ref,
        'signature-format': 'bundle',
        'tsa-url': state.tsa.url,
        ...keyless(),
        ...registry(),
      },
      {},
      { oidc: true },
    );
    expectSuccess(result);
    expect(JSON.parse(result.outputs.signatures!)[0]).toMatchObject({
      format: 'bundle',
      identity: DEFAULT_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const b = bundleAt(result, ref);
    expect(Object.keys(b.verificationMaterial)).toContain('certificate');

    const [good, otherIdentity] = await Promise.all([
      cosignVerify(3, { image: ref, extraArgs: SIGNED_TS }),
      cosignVerify(3, {
        image: ref,
        identity: 'https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main',
      }),
    ]);
    expect({ code: good.code, err: good.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(good)).toBe(true);
    expect(otherIdentity.code).not.toBe(0);
    const opts = {
      trustedRootPath: state.trustedRootPath,
      identity: DEFAULT_IDENTITY,
      issuer: GITHUB_ISSUER,
      timestamps: 2,
    };
    expect(() => sigstoreVerify(b, opts)).not.toThrow();
    expect(() => sigstoreVerify(b, { ...opts, identity: 'https://github.com/evil/app' })).toThrow();
  });

  it('both: cosign 2.5 accepts the legacy half and cosign 3.1 the bundle', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/both-keyless' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, 'signature-format': 'both', ...keyless(), ...registry() },
      {},
      { oidc: true },
    );
    expectSuccess(result);
    const [sig, referrers] = await Promise.all([peekSignatures(ref), peekReferrers(ref)]);
    expect([sig?.layers.length, referrers.length]).toEqual([1, 1]);
    expect(sig!.layers[0]!.annotations['dev.sigstore.cosign/certificate']).toContain(
      'BEGIN CERTIFICATE',
    );
    const [v2, v3] = await Promise.all([
      cosignVerify(2, { image: ref }),
      cosignVerify(3, { image: ref }),
    ]);
    expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
    expect(verifiedBundle(v3)).toBe(true);
  });
});
