// `tsa-url` against the real Sigstore timestamp authority (timestamp-server, built from
// github.com/sigstore/timestamp-authority/v2 by install-peers.sh): the action's DER
// TimeStampReq must be one the real server grants, and the token it stores must be one cosign
// 3.1 accepts with `--use-signed-timestamps` given a trusted root that lists the authority's
// chain, and refuses given a second root without it (the bed's own TSA stays in both, so only
// the real authority's token can make the difference).
import { X509Certificate } from '@sigstore/core';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratch } from '../helpers/exec.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { realTimestampAuthority, type RealTsa } from '../helpers/real-tsa.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify } from '../helpers/verifiers.js';

let state: TestbedState;
let key: KeyPair;
let tsa: RealTsa;
let withRealTsa: string;
let withoutRealTsa: string;

beforeAll(async () => {
  state = loadTestbed();
  [key, tsa] = await Promise.all([generateCosignKey('real tsa pass'), realTimestampAuthority()]);
  const root = JSON.parse(readFileSync(state.trustedRootPath, 'utf8'));
  const chain = tsa.chainDer;
  const entry = {
    subject: { organization: 'sigstore', commonName: 'timestamp-server' },
    uri: tsa.endpoint,
    certChain: { certificates: chain.map((c) => ({ rawBytes: c.toString('base64') })) },
    validFor: { start: X509Certificate.parse(Buffer.from(chain[0]!)).notBefore.toISOString() },
  };
  const dir = scratch('real-tsa-roots');
  withRealTsa = path.join(dir, 'with.json');
  withoutRealTsa = path.join(dir, 'without.json');
  writeFileSync(
    withRealTsa,
    JSON.stringify({ ...root, timestampAuthorities: [...root.timestampAuthorities, entry] }),
  );
  writeFileSync(withoutRealTsa, JSON.stringify(root));
}, 120_000);

afterAll(async () => {
  await tsa?.stop();
});

// The action checks every token against its trusted root too: the one holding the real chain.
const inputs = () => ({
  'trusted-root': withRealTsa,
  'rekor-url': state.rekor.url,
  'registry-username': state.registry.username,
  'registry-password': state.registry.password,
});
const withKey = () => ({ COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password });

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
}

async function verifyBothWays(ref: string): Promise<void> {
  const [trusted, untrusted] = await Promise.all(
    [withRealTsa, withoutRealTsa].map((root) =>
      cosignVerify(3, {
        image: ref,
        key: key.publicKeyPath,
        extraArgs: ['--use-signed-timestamps', '--trusted-root', root],
      }),
    ),
  );
  expect({ code: trusted!.code, err: trusted!.stderr }).toMatchObject({ code: 0 });
  expect(untrusted!.code).not.toBe(0);
  expect(untrusted!.stderr).toMatch(/timestamp/i);
}

describe('tsa-url: the real Sigstore timestamp authority', () => {
  it('bundle: the real authority grants the DER request; cosign 3.1 verifies with its chain only', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/real-tsa-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    expectSuccess(
      await runAction(
        { image: ref, 'signature-format': 'bundle', 'tsa-url': tsa.endpoint, ...inputs() },
        withKey(),
      ),
    );
    const [referrer] = await peekReferrers(ref);
    const bundle = JSON.parse(referrer!.layers[0]!.content.toString());
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    await verifyBothWays(ref);
  });

  it('legacy: the annotation carries the real token, which cosign 3.1 accepts only with its chain', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/real-tsa-legacy' });
    const ref = `${image.repository}@${image.digest}`;
    expectSuccess(await runAction({ image: ref, 'tsa-url': tsa.endpoint, ...inputs() }, withKey()));
    const sig = await peekSignatures(ref);
    expect(sig!.layers[0]!.annotations['dev.sigstore.cosign/rfc3161timestamp']).toBeDefined();
    await verifyBothWays(ref);
  });

  it('a trusted root without the authority: the action refuses its token, nothing is pushed', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/real-tsa-untrusted' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction(
      { image: ref, 'tsa-url': tsa.endpoint, ...inputs(), 'trusted-root': withoutRealTsa },
      withKey(),
    );
    expect(result.code).not.toBe(0);
    expect(result.errors).toEqual([
      expect.stringContaining(
        'its RFC 3161 timestamp is not signed by a timestamp authority of the trusted root',
      ),
    ]);
    expect(await peekSignatures(ref)).toBeUndefined();
    expect(await peekReferrers(ref)).toEqual([]);
  });

  it('the URL is used as given: the base URL (no /api/v1/timestamp) fails before anything is pushed', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/real-tsa-base' });
    const ref = `${image.repository}@${image.digest}`;
    const result = await runAction({ image: ref, 'tsa-url': tsa.baseUrl, ...inputs() }, withKey());
    expect(result.code).not.toBe(0);
    expect(result.errors.join('\n')).toMatch(
      /timestamp authority at 127\.0\.0\.1:\d+ answered 4\d\d/,
    );
    expect(result.errors.join('\n')).toContain('/api/v1/timestamp');
    expect(await peekSignatures(ref)).toBeUndefined();
  });
});
