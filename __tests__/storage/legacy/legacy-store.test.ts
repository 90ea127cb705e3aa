// The append loop against a loopback registry (real HTTP, If-Match honoured, 412 on a stale
// ETag). Racing writers are other clients writing through HTTP at chosen moments; the only
// injected answers are the stray errors docker-registry 2.8 gives under concurrent writers.
import { createHash, randomBytes } from 'node:crypto';
import { buildSimpleSigningPayload } from '../../../src/payload/simple-signing.js';
import { RegistryClient } from '../../../src/registry/client.js';
import type { Keychain } from '../../../src/registry/credentials.js';
import { OCI_MANIFEST } from '../../../src/registry/media-types.js';
import { buildSignatureLayer } from '../../../src/storage/legacy/layer.js';
import { LegacyStore, type LegacyStoreOptions } from '../../../src/storage/legacy/legacy-store.js';
import {
  mergeSignatureManifest,
  parseSignatureManifest,
  signatureTag,
} from '../../../src/storage/legacy/manifest.js';
import { startRegistry, type RegistryServer } from '../../helpers/registry-server.js';

const DIGEST = `sha256:${'cd'.repeat(32)}`;
const TAG = signatureTag(DIGEST);
const FAST: LegacyStoreOptions = { settleMs: 5, backoff: { baseMs: 2, maxMs: 10 }, maxAttempts: 5 };

// The loopback registry asks for no credentials.
const anonymous: Keychain = { resolve: async () => undefined };
let server: RegistryServer;
beforeEach(async () => (server = await startRegistry()));
afterEach(async () => server.close());

// A signature layer with a fresh (random) signature, as every signer's layer is unique.
function newLayer(repo = 'acme/app') {
  const payload = buildSimpleSigningPayload(`${server.host}/${repo}`, DIGEST, undefined);
  return {
    payload,
    layer: buildSignatureLayer({ payload, signatureBase64: randomBytes(48).toString('base64') }),
  };
}

type Hook = (method: string, url: URL, forward: () => Promise<Response>) => Promise<Response>;
// The client's fetch, with a hook that can act before or after a request reaches the server.
function storeWith(hook?: Hook, options: LegacyStoreOptions = FAST): LegacyStore {
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
  return new LegacyStore(client, `${server.host}/acme/app`, options);
}

// Another signer writing straight to the registry, as docker-registry lets it: no If-Match.
async function rivalWrite(base: Buffer | undefined): Promise<{ bytes: Buffer; digest: string }> {
  const { payload, layer } = newLayer();
  const merged = mergeSignatureManifest(base, layer);
  for (const blob of [payload, merged.config])
    server.blobs.set(`sha256:${createHash('sha256').update(blob).digest('hex')}`, blob);
  const r = await fetch(`${server.url}/v2/acme/app/manifests/${TAG}`, {
    method: 'PUT',
    headers: { 'Content-Type': OCI_MANIFEST },
    body: merged.manifest,
  });
  expect(r.status).toBe(201);
  return { bytes: merged.manifest, digest: layer.digest };
}

const current = () => server.manifests.get(`acme/app@${TAG}`)?.bytes;
const layerSigs = (bytes = current()) =>
  parseSignatureManifest(bytes!).layers.map(
    (l) => l.annotations!['dev.cosignproject.cosign/signature'],
  );
const sigOf = (l: ReturnType<typeof newLayer>) =>
  l.layer.annotations!['dev.cosignproject.cosign/signature'];
const isSigPut = (method: string, url: URL) =>
  method === 'PUT' && url.pathname.endsWith(`/manifests/${TAG}`);
const sigPuts = () =>
  server.log.filter((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${TAG}`));

describe('LegacyStore.write', () => {
  it('creates the .sig when there is none', async () => {
    const ours = newLayer();
    expect(await storeWith().write(DIGEST, ours.layer, ours.payload, undefined)).toEqual({
      signatureRef: `${server.host}/acme/app:${TAG}`,
      added: true,
    });
    expect(layerSigs()).toEqual([sigOf(ours)]);
  });

  it('notices at read-back that a stale writer replaced our write, and merges again keeping their layer', async () => {
    let rival: Buffer | undefined;
    const store = storeWith(async (method, url, forward) => {
      const res = await forward();
      // Their write started before ours landed (they saw no .sig) and lands just after it.
      if (isSigPut(method, url) && !rival) rival = (await rivalWrite(undefined)).bytes;
      return res;
    });
    const ours = newLayer();
    expect(await store.write(DIGEST, ours.layer, ours.payload, undefined)).toMatchObject({
      added: true,
    });
    expect(layerSigs()).toEqual([...layerSigs(rival), sigOf(ours)]);
    expect(sigPuts()).toHaveLength(3); // ours, theirs, ours again
  });

  it('sends If-Match; a registry that honours it answers 412 to a stale write and the loop merges again', async () => {
    const first = await rivalWrite(undefined);
    let raced = false;
    const store = storeWith(async (method, url, forward) => {
      if (isSigPut(method, url) && !raced) {
        raced = true;
        await rivalWrite(first.bytes); // lands between our read and our PUT
      }
      return forward();
    });
    const ours = newLayer();
    await store.write(DIGEST, ours.layer, ours.payload, undefined);
    const statuses = sigPuts().map((r) => [r.status, Boolean(r.ifMatch)]);
    expect(statuses).toEqual([
      [201, false],
      [201, false],
      [412, true],
      [201, true],
    ]);
    expect(layerSigs()).toHaveLength(3);
    expect(layerSigs().at(-1)).toBe(sigOf(ours));
  });

  it("retries docker-registry's stray 500 and 400 DIGEST_INVALID under concurrent writers", async () => {
    const faults = { blobPut: 1, manifestPut: 1 };
    const store = storeWith(async (method, url, forward) => {
      if (method === 'PUT' && url.pathname.includes('/blobs/uploads/') && faults.blobPut-- > 0)
        return new Response(
          '{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]}',
          { status: 400 },
        );
      if (isSigPut(method, url) && faults.manifestPut-- > 0)
        return new Response('', { status: 500 });
      return forward();
    });
    const ours = newLayer();
    expect(await store.write(DIGEST, ours.layer, ours.payload, undefined)).toMatchObject({
      added: true,
    });
    expect(layerSigs()).toEqual([sigOf(ours)]);
  });

  it('does not take a .sig that answers 404 after it was read (a torn read) for an empty one', async () => {
    const first = await rivalWrite(undefined);
    const store = storeWith();
    const existing = await store.read(DIGEST);
    let tears = 1;
    const torn = storeWith(async (method, url, forward) =>
      method === 'GET' && url.pathname.endsWith(`/manifests/${TAG}`) && tears-- > 0
        ? new Response('', { status: 404 })
        : forward(),
    );
    const ours = newLayer();
    await torn.write(DIGEST, ours.layer, ours.payload, existing);
    expect(layerSigs()).toEqual([...layerSigs(first.bytes), sigOf(ours)]);
  });

  it('keeps every layer when six stores append to one .sig at once', async () => {
    const layers = Array.from({ length: 6 }, () => newLayer());
    const stores = layers.map(() => storeWith(undefined, { ...FAST, maxAttempts: 12 }));
    await Promise.all(
      stores.map((s, i) => s.write(DIGEST, layers[i]!.layer, layers[i]!.payload, undefined)),
    );
    expect(new Set(layerSigs())).toEqual(new Set(layers.map(sigOf)));
  });

  it('gives up with SIGNATURE_WRITE_CONFLICT when every write of ours is replaced', async () => {
    const store = storeWith(
      async (method, url, forward) => {
        const res = await forward();
        if (isSigPut(method, url)) await rivalWrite(undefined);
        return res;
      },
      { ...FAST, maxAttempts: 3 },
    );
    const ours = newLayer();
    await expect(store.write(DIGEST, ours.layer, ours.payload, undefined)).toFailWith(
      'SIGNATURE_WRITE_CONFLICT',
    );
    expect(sigPuts()).toHaveLength(6);
  });

  it('does not retry what the registry refuses for good', async () => {
    const store = storeWith(async (method, url, forward) =>
      isSigPut(method, url)
        ? new Response('{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid"}]}', {
            status: 400,
          })
        : forward(),
    );
    const ours = newLayer();
    await expect(store.write(DIGEST, ours.layer, ours.payload, undefined)).rejects.toMatchObject({
      code: 'REGISTRY_ERROR',
      status: 400,
    });
    expect(current()).toBeUndefined();
  });

  it('spends no HEAD on blobs: uploads the new ones, skips a payload another layer references', async () => {
    // The two uploads run side by side, so their requests interleave: compare them sorted.
    const blobRequests = () =>
      server.log
        .filter((r) => r.path.includes('/blobs/'))
        .map((r) => r.method)
        .sort();
    const first = newLayer();
    await storeWith().write(DIGEST, first.layer, first.payload, undefined);
    expect(blobRequests()).toEqual(['POST', 'POST', 'PUT', 'PUT']); // payload and config
    server.log.splice(0);
    // A second key signs the same digest: same payload, already in the repository.
    const second = {
      payload: first.payload,
      layer: buildSignatureLayer({
        payload: first.payload,
        signatureBase64: randomBytes(48).toString('base64'),
      }),
    };
    // As the pipeline does: the `.sig` read at check time is what the blobs are prepared from.
    const store = storeWith();
    const seen = await store.read(DIGEST);
    server.log.splice(0);
    await store.write(DIGEST, second.layer, second.payload, seen);
    expect(blobRequests()).toEqual(['POST', 'PUT']); // only the new config goes up
    expect(layerSigs()).toEqual([sigOf(first), sigOf(second)]);
  });

  // The wait before the read-back is sized from our read-to-PUT window and covers writers like
  // us, so a writer that found the `.sig` changed must not PUT after a longer window (the new
  // config's read and upload): it uploads, reads again, and PUTs right after that read.
  const sigRequests = () =>
    server.log
      .filter((r) => !r.path.includes('/blobs/') || r.method === 'GET')
      .map((r) => `${r.method} ${r.path.endsWith(`/manifests/${TAG}`) ? 'sig' : 'config'}`);

  it('reads the .sig again after the uploads a change made necessary, and PUTs right after that read', async () => {
    const rival = await rivalWrite(undefined);
    server.log.splice(0);
    const ours = newLayer();
    // As a pipeline whose check found no .sig: the blobs went up merged onto nothing.
    await storeWith().write(DIGEST, ours.layer, ours.payload, undefined);
    expect(sigRequests()).toEqual([
      'GET sig', // changed since the blobs went up: the rival's
      'GET config', // its config, to merge onto
      'GET sig', // after the merged config went up: unchanged
      'PUT sig',
      'GET sig', // the read-back
    ]);
    expect(layerSigs()).toEqual([...layerSigs(rival.bytes), sigOf(ours)]);
  });

  it('PUTs after three reads when the .sig changes before each, keeping every layer', async () => {
    await rivalWrite(undefined); // there before our blobs went up, merged onto nothing
    const ours: string[] = [];
    let gets = 0;
    const store = storeWith(async (method, url, forward) => {
      const sig = url.pathname.endsWith(`/manifests/${TAG}`);
      if (sig) ours.push(method);
      const res = await forward();
      // Another writer lands after each of our first three reads.
      if (sig && method === 'GET' && ++gets <= 3) await rivalWrite(current());
      return res;
    });
    const layer = newLayer();
    await store.write(DIGEST, layer.layer, layer.payload, undefined);
    // Three reads, each finding the .sig changed, then the PUT, which the If-Match of the third
    // read's ETag turns into a 412 (the third rival landed after it); the next round finds that
    // change too, reads once more after its uploads, PUTs and reads back.
    expect(ours).toEqual(['GET', 'GET', 'GET', 'PUT', 'GET', 'GET', 'PUT', 'GET']);
    expect(sigPuts().filter((r) => r.status === 412)).toHaveLength(1);
    expect(layerSigs()).toHaveLength(5);
    expect(layerSigs().at(-1)).toBe(sigOf(layer));
  });

  it('writes nothing when an identical layer is already there', async () => {
    const ours = newLayer();
    await storeWith().write(DIGEST, ours.layer, ours.payload, undefined);
    const store = storeWith();
    const seen = await store.read(DIGEST);
    const puts = server.log.filter((r) => r.method === 'PUT').length;
    expect(await store.write(DIGEST, ours.layer, ours.payload, seen)).toMatchObject({
      added: false,
    });
    expect(server.log.filter((r) => r.method === 'PUT').length).toBe(puts);
  });
});

describe('LegacyStore.stage (the blobs, while the key decrypts)', () => {
  const blobRequests = () =>
    server.log
      .filter((r) => r.path.includes('/blobs/'))
      .map((r) => r.method)
      .sort();

  it('uploads the payload and the config the write then references, and writes no manifest', async () => {
    const ours = newLayer();
    const store = storeWith();
    await store.stage(ours.payload, undefined);
    expect(blobRequests()).toEqual(['POST', 'POST', 'PUT', 'PUT']);
    expect(server.log.filter((r) => r.path.includes('/manifests/'))).toEqual([]);
    server.log.splice(0);
    await store.write(DIGEST, ours.layer, ours.payload, undefined);
    expect(blobRequests()).toEqual([]); // both were staged
    const manifest = parseSignatureManifest(current()!);
    expect(manifest.layers.map((l) => l.digest)).toEqual([ours.layer.digest]);
    // Byte for byte the config an unstaged write uploads.
    expect(server.blobs.get(manifest.config.digest)).toEqual(
      mergeSignatureManifest(undefined, ours.layer).config,
    );
  });

  it("stages onto another key's .sig the config that appends to it", async () => {
    await rivalWrite(undefined);
    const store = storeWith();
    const seen = await store.read(DIGEST);
    const ours = newLayer('acme/other'); // another payload than the rival's
    server.log.splice(0);
    await store.stage(ours.payload, seen);
    expect(blobRequests()).toEqual(['POST', 'POST', 'PUT', 'PUT']);
    server.log.splice(0);
    await store.write(DIGEST, ours.layer, ours.payload, seen);
    expect(blobRequests()).toEqual([]);
    expect(parseSignatureManifest(current()!).layers).toHaveLength(2);
  });

  it('leaves an upload the write loop retries to the write (an upload session lost to a reset)', async () => {
    let failed = 0;
    const store = storeWith(async (method, url, forward) => {
      if (method === 'PUT' && url.pathname.includes('/blobs/uploads/') && failed++ === 0)
        return new Response(
          '{"errors":[{"code":"BLOB_UPLOAD_UNKNOWN","message":"blob upload unknown to registry"}]}',
          { status: 404 },
        );
      return forward();
    });
    const ours = newLayer();
    await expect(store.stage(ours.payload, undefined)).resolves.toBeUndefined();
    server.log.splice(0);
    await store.write(DIGEST, ours.layer, ours.payload, undefined);
    expect(blobRequests()).toEqual(['POST', 'PUT']); // the one that failed, again
    expect(layerSigs()).toEqual([sigOf(ours)]);
  });

  it('fails on what the registry refuses for good', async () => {
    const store = storeWith(async (method, url, forward) =>
      method === 'POST' && url.pathname.includes('/blobs/uploads/')
        ? new Response('{"errors":[{"code":"DENIED","message":"no"}]}', { status: 403 })
        : forward(),
    );
    await expect(store.stage(newLayer().payload, undefined)).rejects.toThrow(/403/);
  });

  it('sends nothing when a layer already references the payload (a re-run may write nothing)', async () => {
    const ours = newLayer();
    await storeWith().write(DIGEST, ours.layer, ours.payload, undefined);
    const store = storeWith();
    const seen = await store.read(DIGEST);
    server.log.splice(0);
    await store.stage(ours.payload, seen);
    expect(server.log).toEqual([]);
  });
});

describe('writeAll (every attestation of one digest in one write)', () => {
  it('appends several layers in one PUT, keeps a rival layer written meanwhile, and reports each', async () => {
    const rival = await rivalWrite(undefined);
    const a = newLayer();
    const b = newLayer();
    const store = storeWith();
    const existing = await store.read(DIGEST);
    const result = await store.writeAll(
      DIGEST,
      [
        { layer: a.layer, blob: a.payload },
        { layer: b.layer, blob: b.payload },
      ],
      existing,
    );
    expect(result.added).toEqual([true, true]);
    expect(sigPuts()).toHaveLength(2); // the rival's and ours
    const layers = parseSignatureManifest(current()!).layers.map((l) => l.digest);
    expect(layers).toEqual([rival.digest, a.layer.digest, b.layer.digest]);
    // Again with one layer already there and one new: only the new one is added, in one PUT.
    const c = newLayer();
    const again = await store.writeAll(
      DIGEST,
      [
        { layer: a.layer, blob: a.payload },
        { layer: c.layer, blob: c.payload },
      ],
      await store.read(DIGEST),
    );
    expect(again.added).toEqual([false, true]);
    expect(sigPuts()).toHaveLength(3);
    expect(layerSigs()).toEqual([...layerSigs().slice(0, 1), sigOf(a), sigOf(b), sigOf(c)]);
  });
});
