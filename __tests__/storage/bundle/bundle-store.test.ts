// BundleStore against the loopback registry (real HTTP; If-Match honoured with 412; the referrers
// API switched on or off). Racing writers are other requests sent at chosen moments.
import { createHash, randomBytes } from 'node:crypto';
import { RegistryClient } from '../../../src/registry/client.js';
import type { Keychain } from '../../../src/registry/credentials.js';
import { OCI_INDEX, OCI_MANIFEST, SIGSTORE_BUNDLE_V03 } from '../../../src/registry/media-types.js';
import type { Descriptor } from '../../../src/registry/types.js';
import { BundleStore, type BundleStoreOptions } from '../../../src/storage/bundle/bundle-store.js';
import {
  EMPTY_BLOB,
  mergeReferrersIndex,
  referrersTag,
} from '../../../src/storage/bundle/referrer.js';
import {
  startRegistry,
  type RegistryServer,
  type ServerOptions,
} from '../../helpers/registry-server.js';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const FAST: BundleStoreOptions = { settleMs: 5, backoff: { baseMs: 2, maxMs: 10 }, maxAttempts: 5 };
const anonymous: Keychain = { resolve: async () => undefined };
const META = {
  content: 'dsse-envelope' as const,
  predicateType: 'https://sigstore.dev/cosign/sign/v1',
};

let server: RegistryServer;
let subject: Descriptor;
let tag: string;
// The signed image: any manifest the registry has.
async function start(options: ServerOptions = {}): Promise<void> {
  server = await startRegistry(options);
  const image = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'x', size: 0, digest: sha256(Buffer.alloc(0)) },
      layers: [],
    }),
  );
  subject = { mediaType: OCI_MANIFEST, size: image.length, digest: sha256(image) };
  server.manifests.set(`acme/app@${subject.digest}`, { bytes: image, mediaType: OCI_MANIFEST });
  tag = referrersTag(subject.digest);
}
afterEach(async () => server.close());

type Hook = (method: string, url: URL, forward: () => Promise<Response>) => Promise<Response>;
function storeWith(hook?: Hook, options: BundleStoreOptions = FAST): BundleStore {
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const forward = () => fetch(input, init);
    return hook ? hook(init?.method ?? 'GET', new URL(String(input)), forward) : forward();
  }) as typeof fetch;
  const client = new RegistryClient({
    registry: server.host,
    repository: 'acme/app',
    keychain: anonymous,
    fetch: fetchFn,
    maskSecret: () => {},
  });
  return new BundleStore(client, `${server.host}/acme/app`, options);
}

const bundle = () =>
  Buffer.from(
    JSON.stringify({ mediaType: SIGSTORE_BUNDLE_V03, n: randomBytes(8).toString('hex') }),
  );
const index = () => server.manifests.get(`acme/app@${tag}`);
const listed = () =>
  (JSON.parse(index()!.bytes.toString()).manifests as Descriptor[]).map((d) => d.digest);
const isIndexPut = (method: string, url: URL) =>
  method === 'PUT' && url.pathname.endsWith(`/manifests/${tag}`);
const indexPuts = () =>
  server.log.filter((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${tag}`));
const digestOf = (ref: string) => ref.slice(ref.indexOf('@') + 1);

// Another signer listing its referrer straight in the registry (no If-Match), from `base`.
async function rivalWrite(base: Buffer | undefined): Promise<string> {
  const d: Descriptor = {
    mediaType: OCI_MANIFEST,
    size: 9,
    digest: sha256(randomBytes(9)),
    artifactType: SIGSTORE_BUNDLE_V03,
  };
  const r = await fetch(`${server.url}/v2/acme/app/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'Content-Type': OCI_INDEX },
    body: mergeReferrersIndex(base, d).bytes,
  });
  expect(r.status).toBe(201);
  return d.digest;
}

describe('BundleStore.write', () => {
  describe('on a registry without the referrers API', () => {
    it('uploads {} and the bundle, PUTs the manifest by digest and lists it in the sha256-<hex> index', async () => {
      await start();
      const b = bundle();
      const result = await storeWith().write(subject, b, META);
      expect(result.listedBy).toBe('tag');
      expect(server.blobs.get(sha256(EMPTY_BLOB))).toEqual(EMPTY_BLOB);
      expect(server.blobs.get(sha256(b))).toEqual(b);
      const manifest = server.manifests.get(`acme/app@${digestOf(result.signatureRef)}`)!;
      expect(JSON.parse(manifest.bytes.toString()).subject).toEqual(subject);
      expect(index()?.mediaType).toBe(OCI_INDEX);
      const [entry] = JSON.parse(index()!.bytes.toString()).manifests;
      expect(entry).toMatchObject({
        digest: digestOf(result.signatureRef),
        artifactType: SIGSTORE_BUNDLE_V03,
        size: manifest.bytes.length,
      });
      // The manifest went up by digest, never by tag.
      const manifestPuts = server.log.filter(
        (r) => r.method === 'PUT' && r.path.includes('/manifests/'),
      );
      expect(manifestPuts.map((r) => r.path.split('/').pop())).toEqual([
        digestOf(result.signatureRef),
        tag,
      ]);
    });

    it('keeps the referrer already listed, sending If-Match with the ETag it read', async () => {
      await start();
      const first = await storeWith().write(subject, bundle(), META);
      const second = await storeWith().write(subject, bundle(), META);
      expect(new Set(listed())).toEqual(
        new Set([digestOf(first.signatureRef), digestOf(second.signatureRef)]),
      );
      expect(listed()).toEqual([...listed()].sort());
      expect(indexPuts().map((r) => Boolean(r.ifMatch))).toEqual([false, true]);
    });

    it('answers 412 to a stale write on a registry that honours If-Match, and merges again', async () => {
      await start();
      const theirs = await rivalWrite(undefined);
      let raced = false;
      const store = storeWith(async (method, url, forward) => {
        if (isIndexPut(method, url) && !raced) {
          raced = true;
          await rivalWrite(index()!.bytes); // lands between our read and our PUT
        }
        return forward();
      });
      const ours = await store.write(subject, bundle(), META);
      expect(indexPuts().map((r) => [r.status, Boolean(r.ifMatch)])).toEqual([
        [201, false],
        [201, false],
        [412, true],
        [201, true],
      ]);
      expect(listed()).toHaveLength(3);
      expect(listed()).toContain(theirs);
      expect(listed()).toContain(digestOf(ours.signatureRef));
    });

    it('notices at read-back that a stale writer replaced the index, and lists ours again keeping theirs', async () => {
      await start();
      let theirs: string | undefined;
      const store = storeWith(async (method, url, forward) => {
        const res = await forward();
        // Their write began before ours landed (they saw no index) and lands just after it.
        if (isIndexPut(method, url) && !theirs) theirs = await rivalWrite(undefined);
        return res;
      });
      const ours = await store.write(subject, bundle(), META);
      expect(new Set(listed())).toEqual(new Set([theirs, digestOf(ours.signatureRef)]));
      expect(indexPuts()).toHaveLength(3); // ours, theirs, ours again
    });

    it('keeps every referrer when six stores list theirs at once', async () => {
      await start();
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          storeWith(undefined, { ...FAST, maxAttempts: 12 }).write(subject, bundle(), META),
        ),
      );
      expect(new Set(listed())).toEqual(new Set(results.map((r) => digestOf(r.signatureRef))));
    });

    it('refuses to replace an image manifest someone tagged sha256-<hex>', async () => {
      await start();
      const image = server.manifests.get(`acme/app@${subject.digest}`)!;
      server.manifests.set(`acme/app@${tag}`, image);
      await expect(storeWith().write(subject, bundle(), META)).toFailWith(
        'REFERRERS_INDEX_INVALID',
      );
      expect(index()).toBe(image);
      expect(indexPuts()).toHaveLength(0);
    });

    it('gives up with REFERRERS_INDEX_CONFLICT when every write of ours is replaced', async () => {
      await start();
      const store = storeWith(
        async (method, url, forward) => {
          const res = await forward();
          if (isIndexPut(method, url)) await rivalWrite(undefined);
          return res;
        },
        { ...FAST, maxAttempts: 3 },
      );
      await expect(store.write(subject, bundle(), META)).toFailWith('REFERRERS_INDEX_CONFLICT');
    });
  });

  it('writes nothing when the referrers endpoint answers other than 200, 404 or 400', async () => {
    await start();
    const store = storeWith(async (method, url, forward) =>
      url.pathname.includes('/referrers/')
        ? new Response('{"errors":[{"code":"DENIED","message":"no"}]}', { status: 403 })
        : forward(),
    );
    await expect(store.write(subject, bundle(), META)).toFailWith('REGISTRY_DENIED');
    expect(server.log.filter((r) => r.method === 'PUT' || r.method === 'POST')).toEqual([]);
  });

  describe('on a registry with the referrers API', () => {
    it('PUTs the manifest with its subject and leaves the listing to the registry', async () => {
      await start({ referrers: true });
      const result = await storeWith().write(subject, bundle(), META);
      expect(result.listedBy).toBe('api');
      expect(index()).toBeUndefined();
      const api = await fetch(`${server.url}/v2/acme/app/referrers/${subject.digest}`);
      const listing = (await api.json()) as { manifests: Descriptor[] };
      expect(listing.manifests.map((d) => d.digest)).toEqual([digestOf(result.signatureRef)]);
    });
  });
});
