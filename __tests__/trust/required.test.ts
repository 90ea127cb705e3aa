import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { SignImageError } from '../../src/errors.js';
import { loadTrust, requireTrustInputs, trustNeeds } from '../../src/trust/required.js';

const PUBLIC = {
  tlogUpload: true,
  rekorUrl: 'https://rekor.sigstore.dev',
  fulcioUrl: 'https://fulcio.sigstore.dev',
  tsaUrl: undefined as string | undefined,
  trustedRoot: undefined as string | undefined,
};

function error(fn: () => void): SignImageError | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SignImageError) return err;
    throw err;
  }
  return undefined;
}

describe('requireTrustInputs', () => {
  it('needs nothing for the public-good instance', () => {
    expect(error(() => requireTrustInputs(PUBLIC, 'keyless'))).toBeUndefined();
    expect(
      error(() =>
        requireTrustInputs(
          { ...PUBLIC, tsaUrl: 'https://timestamp.sigstore.dev/api/v1/timestamp' },
          'key',
        ),
      ),
    ).toBeUndefined();
    expect(
      error(() =>
        requireTrustInputs({ ...PUBLIC, rekorUrl: 'https://REKOR.sigstore.dev/' }, 'key'),
      ),
    ).toBeUndefined();
  });

  it.each([
    ['a private Rekor', { rekorUrl: 'https://rekor.example' }, 'key', 'rekor-url'],
    ['a private Fulcio', { fulcioUrl: 'https://fulcio.example' }, 'keyless', 'fulcio-url'],
    ['a private TSA', { tsaUrl: 'https://tsa.example/ts' }, 'key', 'tsa-url'],
  ] as const)(
    'stops %s without trusted-root, saying how to make one',
    (_w, change, mode, named) => {
      const err = error(() => requireTrustInputs({ ...PUBLIC, ...change }, mode));
      expect(err?.code).toBe('TRUST_ROOT_MISSING');
      expect(err?.message).toContain(named);
      expect(err?.hint).toContain('cosign trusted-root create');
      expect(
        error(() => requireTrustInputs({ ...PUBLIC, ...change, trustedRoot: 'r.json' }, mode)),
      ).toBeUndefined();
    },
  );

  it('ignores a private service the run does not use', () => {
    // Key mode never asks Fulcio; tlog-upload: false never asks Rekor.
    expect(
      error(() => requireTrustInputs({ ...PUBLIC, fulcioUrl: 'https://f.example' }, 'key')),
    ).toBeUndefined();
    expect(
      error(() =>
        requireTrustInputs({ ...PUBLIC, tlogUpload: false, rekorUrl: 'https://r.example' }, 'key'),
      ),
    ).toBeUndefined();
    expect(trustNeeds({ ...PUBLIC, tlogUpload: false }, 'key')).toEqual({
      rekor: false,
      fulcio: false,
      tsa: false,
    });
  });
});

describe('loadTrust', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sign-image-trust-load-'));
    mkdirSync(path.join(dir, 'ws', 'trust'), { recursive: true });
    writeFileSync(
      path.join(dir, 'ws', 'trust', 'root.json'),
      readFileSync(
        path.join('__tests__', 'fixtures', 'cosign-peer', 'trusted-root-public-good.json'),
      ),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads trusted-root relative to the workspace', async () => {
    const trust = await loadTrust({ ...PUBLIC, trustedRoot: 'trust/root.json' }, 'key', {
      GITHUB_WORKSPACE: path.join(dir, 'ws'),
    });
    expect(trust?.tlogs.length).toBeGreaterThan(0);
    expect(trust?.source).toContain('trust/root.json');
  });

  it('loads nothing when nothing needs it (a key, no log, no TSA)', async () => {
    expect(await loadTrust({ ...PUBLIC, tlogUpload: false }, 'key', {})).toBeUndefined();
  });

  it('says TRUST_ROOT_INVALID for a missing or broken file', async () => {
    await expect(
      loadTrust({ ...PUBLIC, trustedRoot: path.join(dir, 'none.json') }, 'key', {}),
    ).rejects.toMatchObject({
      code: 'TRUST_ROOT_INVALID',
    });
    writeFileSync(
      path.join(dir, 'bad.json'),
      '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":"x"}',
    );
    await expect(
      loadTrust({ ...PUBLIC, trustedRoot: path.join(dir, 'bad.json') }, 'key', {}),
    ).rejects.toMatchObject({
      code: 'TRUST_ROOT_INVALID',
    });
  });
});
