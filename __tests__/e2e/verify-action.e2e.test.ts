// The verify action as a deploy gate uses it: `node verify/dist/index.js` run as the runner runs
// it. Several digests in one step, one failing: one ::error:: naming it, the outputs still
// written, the summary per digest; bad input gives one clear error; it reads and never writes;
// bundles are found through a registry's referrers API as well as through the fallback tag.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratch } from '../helpers/exec.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { startLocalKms } from '../helpers/local-kms.js';
import { startProxy } from '../helpers/proxy.js';
import { runAction, runVerify, type ActionResult } from '../helpers/run-action.js';
import { listTags, splitImage } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';

let bed: TestbedState;
let key: KeyPair;
let otherKey: KeyPair;

beforeAll(async () => {
  bed = loadTestbed();
  [key, otherKey] = await Promise.all([
    generateCosignKey('verify action pass'),
    generateCosignKey('verify action other'),
  ]);
});

const on = (host: string): TestbedState => ({ ...bed, registry: { ...bed.registry, host } });

function registryInputs(state = bed): Record<string, string> {
  return {
    'rekor-url': state.rekor.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
  };
}

async function signed(
  repository: string,
  inputs: Record<string, string> = {},
  state = bed,
): Promise<Pushed> {
  const image = await pushTestImage(state, { repository });
  const r = await runAction(
    { image: image.reference, ...registryInputs(state), ...inputs },
    { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password },
  );
  if (r.code !== 0) throw new Error(`signing failed: ${r.stdout}\n${r.stderr}`);
  return image;
}

interface SignatureOutput {
  image: string;
  digest: string;
  verified: boolean;
  format: string;
  signatureRef: string;
  signer: string;
  rekorLogIndex: number | null;
  reason: string;
}

const signatures = (r: ActionResult) => JSON.parse(r.outputs.signatures!) as SignatureOutput[];

describe('several digests in one step', () => {
  let good: Pushed[];
  let unsigned: Pushed;
  let byOther: Pushed;
  let result: ActionResult;
  let tagsBefore: Record<string, string[]>;

  beforeAll(async () => {
    good = await Promise.all([
      signed('e2e/verify-many-a'),
      signed('e2e/verify-many-b', { 'signature-format': 'bundle' }),
    ]);
    unsigned = await pushTestImage(bed, { repository: 'e2e/verify-many-unsigned' });
    byOther = await pushTestImage(bed, { repository: 'e2e/verify-many-other' });
    const r = await runAction(
      { image: byOther.reference, ...registryInputs() },
      { COSIGN_PRIVATE_KEY: otherKey.privateKey, COSIGN_PASSWORD: otherKey.password },
    );
    if (r.code !== 0) throw new Error(r.stdout);
    const all = [...good, unsigned, byOther];
    tagsBefore = Object.fromEntries(
      await Promise.all(
        all.map(
          async (i) => [i.reference, await listTags(splitImage(i.reference).repo, bed)] as const,
        ),
      ),
    );
    result = await runVerify({
      image: all.map((i) => i.reference).join('\n'),
      key: key.publicKey,
      ...registryInputs(),
    });
  });

  it('fails the step with one error naming each failed digest and why', () => {
    expect(result.code).toBe(1);
    expect(result.errors).toHaveLength(1);
    const line = result.errors[0]!;
    expect(line).toContain('2 of 4 digests failed verification');
    expect(line).toContain(
      `${splitImage(unsigned.reference).repo}@${unsigned.digest}: no signature is stored for it`,
    );
    expect(line).toContain(
      `${splitImage(byOther.reference).repo}@${byOther.digest}: its one signature fails`,
    );
    for (const g of good) expect(line).not.toContain(g.digest);
  });

  it('still writes the outputs: verified=false and one object per digest', () => {
    expect(result.outputs.verified).toBe('false');
    const out = signatures(result);
    expect(out.map((s) => [s.digest, s.verified])).toEqual([
      [good[0]!.digest, true],
      [good[1]!.digest, true],
      [unsigned.digest, false],
      [byOther.digest, false],
    ]);
    expect(out[0]).toMatchObject({
      format: 'legacy',
      rekorLogIndex: expect.any(Number),
      reason: '',
    });
    expect(out[0]!.signer).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out[1]).toMatchObject({
      format: 'bundle',
      signatureRef: expect.stringContaining('@sha256:'),
    });
    expect(out[2]).toMatchObject({ format: '', signatureRef: '', signer: '', rekorLogIndex: null });
  });

  it('shows per digest what was checked and what matched or why not', () => {
    expect(result.summary).toContain('❌ 2 of 4 digests failed verification');
    expect(result.summary).toContain('Signer: the public key given as `key`');
    expect(result.summary).toContain('Transparency log: a Rekor entry for this very signature');
    expect(result.summary).toContain('no signature is stored for it');
    expect(result.summary.match(/✅ verified/g)).toHaveLength(2);
  });

  it('masks the registry password and writes nothing to the registry', async () => {
    expect(result.masked).toContain(bed.registry.password);
    for (const [ref, before] of Object.entries(tagsBefore))
      expect(await listTags(splitImage(ref).repo, bed)).toEqual(before);
  });
});

describe('what a deploy gate reads', () => {
  it('a payload it can write itself is not fetched, any other is; the verdicts are the same', async () => {
    // A payload blob is content-addressed: one whose digest is that of the bytes the signer
    // writes for this repository and digest is known without a read (formats/legacy.ts).
    const proxy = await startProxy(`http://${bed.registry.host}`);
    try {
      const state = on(new URL(proxy.url).host);
      const plain = await signed('e2e/verify-reads-plain', {}, state);
      const annotated = await signed(
        'e2e/verify-reads-annotated',
        { annotations: 'team=a' },
        state,
      );
      const blobReads = (i: Pushed) =>
        proxy.requests.filter(
          (q) =>
            q.method === 'GET' && q.path.startsWith(`/v2/${splitImage(i.reference).repo}/blobs/`),
        ).length;
      const verify = async (inputs: Record<string, string>) => {
        proxy.requests.length = 0;
        const r = await runVerify({
          image: `${plain.reference}\n${annotated.reference}`,
          key: key.publicKey,
          ...registryInputs(state),
          ...inputs,
        });
        return {
          verdicts: signatures(r).map((s) => s.verified),
          reads: [plain, annotated].map(blobReads),
        };
      };
      // The annotated payload is not one it would guess without being asked for the annotation.
      expect(await verify({})).toEqual({ verdicts: [true, true], reads: [0, 1] });
      expect(await verify({ annotations: 'team=a' })).toEqual({
        verdicts: [false, true],
        reads: [0, 0],
      });
      // Another key: the known payload is checked as a fetched one would be.
      expect(await verify({ key: otherKey.publicKey })).toEqual({
        verdicts: [false, false],
        reads: [0, 1],
      });
    } finally {
      await proxy.close();
    }
  });
});

describe('bad input', () => {
  let image: Pushed;
  beforeAll(async () => {
    image = await signed('e2e/verify-bad-input');
  });

  it('an unknown image: the digest fails, saying it is not in the registry', async () => {
    const missing = `${image.repository}@sha256:${'0'.repeat(64)}`;
    const r = await runVerify({ image: missing, key: key.publicKey, ...registryInputs() });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([expect.stringContaining('is not in the registry')]);
    expect(r.outputs.verified).toBe('false');
  });

  it('no key and no identity: one error saying what to give', async () => {
    const r = await runVerify({ image: image.reference, ...registryInputs() });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      expect.stringMatching(/Nothing says who must have signed.*Give `key`/),
    ]);
    expect(r.outputs.verified).toBe('false');
  });

  it('an unreadable trusted root: one error naming the file', async () => {
    const file = path.join(scratch('verify-root'), 'trusted_root.json');
    writeFileSync(file, '{"mediaType": "not a root"');
    const r = await runVerify({
      image: image.reference,
      key: key.publicKey,
      ...registryInputs(),
      'trusted-root': file,
    });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([expect.stringContaining(`the trusted root ${file} cannot be used`)]);
    const gone = await runVerify({
      image: image.reference,
      key: key.publicKey,
      ...registryInputs(),
      'trusted-root': '/nonexistent/root.json',
    });
    expect(gone.errors).toEqual([expect.stringContaining('/nonexistent/root.json cannot be read')]);
  });

  it('a tag only: refused, a digest is what gets verified', async () => {
    const r = await runVerify({
      image: `${image.repository}:${image.tag}`,
      key: key.publicKey,
      ...registryInputs(),
    });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([expect.stringContaining('no digest')]);
  });
});

describe('where the registry keeps bundles', () => {
  it('a registry with the referrers API (no fallback tag)', async () => {
    if (!bed.real)
      throw new Error('the test bed runs without its real servers: restart it without --no-real');
    const state = on(bed.real.referrers.host);
    const image = await signed('e2e/verify-referrers-api', { 'signature-format': 'bundle' }, state);
    expect(await listTags(splitImage(image.reference).repo, state)).not.toContain(
      image.digest.replace(':', '-'),
    );
    const r = await runVerify({
      image: image.reference,
      key: key.publicKey,
      ...registryInputs(state),
    });
    expect(r.code).toBe(0);
    expect(signatures(r)[0]).toMatchObject({ verified: true, format: 'bundle' });
  });

  it('distribution v3 (fallback tag)', async () => {
    const state = on(bed.real!.distribution.host);
    const image = await signed('e2e/verify-distribution', { 'signature-format': 'both' }, state);
    const r = await runVerify({
      image: image.reference,
      key: key.publicKey,
      ...registryInputs(state),
      'signature-format': 'bundle',
    });
    expect(r.code).toBe(0);
    expect(signatures(r)[0]).toMatchObject({ verified: true, format: 'bundle' });
  });
});

describe('a key held in a KMS', () => {
  it('`key: awskms://…` reads the public key from the KMS and verifies what that key signed', async () => {
    const kms = await startLocalKms();
    try {
      await kms.createKey('ECC_NIST_P256', 'SIGN_VERIFY', 'alias/verify-e2e');
      await kms.createKey('ECC_NIST_P256', 'SIGN_VERIFY', 'alias/verify-e2e-other');
      const ref = (alias: string) => `awskms://${kms.endpoint}/${alias}`;
      const image = await pushTestImage(bed, { repository: 'e2e/verify-kms' });
      const signedByKms = await runAction(
        { image: image.reference, ...registryInputs(), 'kms-key': ref('alias/verify-e2e') },
        kms.env(),
      );
      if (signedByKms.code !== 0) throw new Error(signedByKms.stdout);
      const ok = await runVerify(
        { image: image.reference, key: ref('alias/verify-e2e'), ...registryInputs() },
        kms.env(),
      );
      expect(ok.code).toBe(0);
      expect(signatures(ok)[0]).toMatchObject({ verified: true, format: 'legacy' });
      expect(ok.summary).toContain(`the KMS key \`${ref('alias/verify-e2e')}\``);
      const other = await runVerify(
        { image: image.reference, key: ref('alias/verify-e2e-other'), ...registryInputs() },
        kms.env(),
      );
      expect(other.code).toBe(1);
      expect(signatures(other)[0]!.reason).toContain('does not verify with the key');
      const missing = await runVerify(
        { image: image.reference, key: ref('alias/no-such-key'), ...registryInputs() },
        kms.env(),
      );
      expect(missing.code).toBe(1);
      expect(missing.errors).toEqual([expect.stringContaining('alias/no-such-key')]);
      const gcp = await runVerify({
        image: image.reference,
        key: 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k',
        ...registryInputs(),
      });
      expect(gcp.errors).toEqual([expect.stringMatching(/gcpkms/)]);
    } finally {
      await kms.stop();
    }
  });
});
