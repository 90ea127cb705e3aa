// The public-good default through TUF, without the network: a TUF repository on 127.0.0.1
// (helpers/tuf-repo.ts, TUF 1.0 metadata as Sigstore's mirror serves it) read by the same code
// path the action takes (trust/tuf.ts → @sigstore/tuf), anchored on a root passed the way the
// shipped one is. Why not the shipped public-good root itself: @sigstore/tuf keys its embedded
// root by mirror URL (seeds.json holds https://tuf-repo-cdn.sigstore.dev only), and given that
// root for another mirror it still requires the mirror's timestamp, snapshot and targets
// metadata to be signed by Sigstore's own keys, which no local repository can be. Both refusals
// are shown below; the happy path runs with a root generated for the local repository.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MIRROR_URL, publicGoodTrust } from '../../src/trust/tuf.js';
import { serveTufRepo, type TufRepo } from '../helpers/tuf-repo.js';

const require = createRequire(import.meta.url);
const fixture = readFileSync(
  path.join('__tests__', 'fixtures', 'cosign-peer', 'trusted-root-public-good.json'),
);

let repo: TufRepo;
let dir: string;
let rootPath: string;
beforeAll(async () => {
  repo = await serveTufRepo({ 'trusted_root.json': fixture });
  dir = mkdtempSync(path.join(tmpdir(), 'sign-image-tuf-'));
  rootPath = path.join(dir, 'root.json');
  writeFileSync(rootPath, repo.root);
});
afterAll(async () => {
  await repo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('publicGoodTrust', () => {
  it('reads trusted_root.json through TUF, checked against the anchor, once per run', async () => {
    const cachePath = path.join(dir, 'cache-ok');
    const trust = await publicGoodTrust({ mirrorURL: repo.url, rootPath, cachePath });
    const expected = JSON.parse(fixture.toString()) as { tlogs: { baseUrl: string }[] };
    expect(trust.tlogs.map((t) => t.baseUrl)).toEqual(expected.tlogs.map((t) => t.baseUrl));
    expect(trust.source).toContain(new URL(repo.url).host);
    // The client walked the TUF metadata, then fetched the target.
    expect(repo.requests).toEqual(
      expect.arrayContaining([
        '/timestamp.json',
        '/snapshot.json',
        '/targets.json',
        '/targets/trusted_root.json',
      ]),
    );
    const asked = repo.requests.length;
    const again = await publicGoodTrust({ mirrorURL: repo.url, rootPath, cachePath });
    expect(again).toBe(trust);
    expect(repo.requests.length).toBe(asked);
  });

  it('refuses the local mirror with the shipped public-good root as anchor (not signed by its keys)', async () => {
    const seeds = require('@sigstore/tuf/seeds.json') as Record<string, { 'root.json': string }>;
    const shipped = path.join(dir, 'public-good-root.json');
    writeFileSync(shipped, Buffer.from(seeds[DEFAULT_MIRROR_URL]!['root.json'], 'base64'));
    await expect(
      publicGoodTrust({
        mirrorURL: repo.url,
        rootPath: shipped,
        cachePath: path.join(dir, 'cache-pg'),
      }),
    ).rejects.toMatchObject({ code: 'TRUST_ROOT_UNAVAILABLE' });
  });

  it('has no shipped root for any mirror but the public-good one', async () => {
    const seeds = require('@sigstore/tuf/seeds.json') as Record<string, unknown>;
    expect(Object.keys(seeds)).toEqual([DEFAULT_MIRROR_URL]);
    await expect(
      publicGoodTrust({ mirrorURL: repo.url, cachePath: path.join(dir, 'cache-none') }),
    ).rejects.toMatchObject({
      code: 'TRUST_ROOT_UNAVAILABLE',
      message: expect.stringContaining('TUF_INIT_CACHE_ERROR'),
    });
  });

  it('refuses a mirror whose metadata is signed by keys other than the anchor', async () => {
    const evil = await serveTufRepo({ 'trusted_root.json': fixture });
    const other = await serveTufRepo({
      'trusted_root.json': Buffer.from(
        fixture.toString().replace('rekor.sigstore.dev', 'rekor.evil.example'),
      ),
    });
    const anchor = path.join(dir, 'evil-root.json');
    writeFileSync(anchor, evil.root);
    // `other` is signed by its own key, not the anchor's: the very first metadata check fails.
    await expect(
      publicGoodTrust({
        mirrorURL: other.url,
        rootPath: anchor,
        cachePath: path.join(dir, 'cache-evil'),
      }),
    ).rejects.toMatchObject({ code: 'TRUST_ROOT_UNAVAILABLE' });
    await Promise.all([evil.close(), other.close()]);
  });
});
