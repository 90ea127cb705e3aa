import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '../../src/registry/client.js';
import { type Keychain, staticKeychain } from '../../src/registry/credentials.js';
import { RegistryError } from '../../src/registry/errors.js';
import {
  MANIFEST_ACCEPT,
  OCI_EMPTY,
  OCI_INDEX,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../../src/registry/media-types.js';
import {
  type RegistryServer,
  type ServerOptions,
  startRegistry,
} from '../helpers/registry-server.js';
import { rejectionOf } from '../helpers/errors.js';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const alice = staticKeychain({ username: 'alice', password: 's3cret' });
const BASIC = { auth: { kind: 'basic' as const, username: 'alice', password: 's3cret' } };

function manifest(fields: Record<string, unknown> = {}): Buffer {
  const config = { mediaType: OCI_EMPTY, size: 2, digest: sha256(Buffer.from('{}')) };
  return Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [], ...fields }),
  );
}

describe('RegistryClient', () => {
  let server: RegistryServer;
  let client: RegistryClient;
  const start = async (options: ServerOptions = BASIC, keychain: Keychain = alice) => {
    server = await startRegistry(options);
    client = new RegistryClient({
      registry: server.host,
      repository: 'acme/app',
      keychain,
      maskSecret: () => {},
    });
  };
  afterEach(async () => server?.close());

  describe('manifests', () => {
    it('puts by tag and reads back by tag and digest, with ETag and OCI Accept', async () => {
      await start();
      const bytes = manifest();
      const { digest } = await client.putManifest('v1', bytes, OCI_MANIFEST);
      expect(digest).toBe(sha256(bytes));
      expect(server.log.at(-1)!.contentType).toBe(OCI_MANIFEST);

      const byTag = await client.getManifest('v1');
      expect(byTag).toEqual({ bytes, mediaType: OCI_MANIFEST, digest, etag: `"${digest}"` });
      await expect(client.getManifest(digest)).resolves.toMatchObject({ digest });
      await expect(client.headManifest('v1')).resolves.toEqual({
        mediaType: OCI_MANIFEST,
        size: bytes.length,
        digest,
      });
    });

    it('answers undefined for a missing manifest', async () => {
      await start();
      await expect(client.getManifest('nope')).resolves.toBeUndefined();
      await expect(client.headManifest(`sha256:${'0'.repeat(64)}`)).resolves.toBeUndefined();
    });

    it('asks for all four manifest types by default and for the given type when told', async () => {
      await start();
      await client.putManifest('v1', manifest(), OCI_MANIFEST);
      await expect(
        client.getManifest('v1', 'application/vnd.docker.distribution.manifest.v2+json'),
      ).resolves.toBeUndefined();
      await client.getManifest('v1');
      expect(MANIFEST_ACCEPT.split(', ')).toHaveLength(4);
    });

    it('falls back to GET when HEAD omits the descriptor headers', async () => {
      await start({ ...BASIC, bareHead: true });
      const bytes = manifest();
      await client.putManifest('v1', bytes, OCI_MANIFEST);
      await expect(client.headManifest('v1')).resolves.toEqual({
        mediaType: OCI_MANIFEST,
        size: bytes.length,
        digest: sha256(bytes),
      });
    });

    it('refuses content that does not match the digest asked for', async () => {
      await start({ ...BASIC, corruptManifests: manifest({ annotations: { evil: 'yes' } }) });
      const { digest } = await client.putManifest('v1', manifest(), OCI_MANIFEST);
      const err = await rejectionOf(client.getManifest(digest));
      expect(err.code).toBe('REGISTRY_ERROR');
      expect(err.message).toMatch(/content does not match sha256:/);
    });

    it('keeps the registry error code, and the status for If-Match conflicts', async () => {
      await start();
      const bad = await rejectionOf(
        client.putManifest(
          'v1',
          manifest(),
          'application/vnd.docker.distribution.manifest.v2+json',
        ),
      );
      expect(bad).toBeInstanceOf(RegistryError);
      expect(bad.message).toMatch(
        /^PUT 127\.0\.0\.1:\d+\/v2\/acme\/app\/manifests\/v1: 400 MANIFEST_INVALID: manifest invalid$/,
      );

      const first = await client.putManifest('sig', manifest(), OCI_MANIFEST);
      await client.putManifest('sig', manifest({ annotations: { a: 'b' } }), OCI_MANIFEST);
      const conflict = await rejectionOf(
        client.putManifest('sig', manifest(), OCI_MANIFEST, { ifMatch: `"${first.digest}"` }),
      );
      expect(server.log.at(-1)!.ifMatch).toBe(`"${first.digest}"`);
      expect((conflict as RegistryError).status).toBe(412);
      expect((conflict as RegistryError).hasDiagnostic('PRECONDITION_FAILED')).toBe(true);
    });

    it('checks references and digests before sending anything', async () => {
      await start();
      await expect(rejectionOf(client.getManifest('../../etc'))).resolves.toMatchObject({
        code: 'REFERENCE_INVALID',
      });
      await expect(rejectionOf(client.blobExists('sha256:abc'))).resolves.toMatchObject({
        code: 'DIGEST_INVALID',
      });
      expect(
        () =>
          new RegistryClient({ registry: server.host, repository: 'Acme/App', keychain: alice }),
      ).toThrow(/not a valid repository/);
      expect(
        () => new RegistryClient({ registry: 'bad host/x', repository: 'a', keychain: alice }),
      ).toThrow(/not a valid registry host/);
      expect(server.log).toEqual([]);
    });
  });

  describe('blobs', () => {
    it('uploads with POST then PUT <location>&digest, keeping the registry query verbatim', async () => {
      await start();
      const bytes = Buffer.from('payload');
      await expect(client.uploadBlob(bytes)).resolves.toEqual({
        digest: sha256(bytes),
        size: 7,
        uploaded: true,
      });
      expect(
        server.log
          .filter((r) => r.status !== 401)
          .map(
            (r) =>
              `${r.method} ${r.path.replace(/uploads\/[0-9a-f-]{36}/, 'uploads/ID')}${r.query}`,
          ),
      ).toEqual([
        `HEAD /v2/acme/app/blobs/${sha256(bytes)}`,
        'POST /v2/acme/app/blobs/uploads/',
        `PUT /v2/acme/app/blobs/uploads/ID?_state=a%2Bb%3D&digest=${encodeURIComponent(sha256(bytes))}`,
      ]);
      expect(server.blobs.get(sha256(bytes))).toEqual(bytes);
      await expect(client.getBlob(sha256(bytes))).resolves.toEqual(bytes);
    });

    it('skips a blob the registry already has', async () => {
      await start();
      const bytes = Buffer.from('{}');
      server.blobs.set(sha256(bytes), bytes);
      await expect(client.uploadBlob(bytes)).resolves.toMatchObject({ uploaded: false });
      expect(server.log.map((r) => r.method)).toEqual(['HEAD', 'HEAD']); // 401, then 200
    });

    it('uploads a blob once when it is pushed concurrently', async () => {
      await start();
      const bytes = Buffer.from('shared config');
      const results = await Promise.all([
        client.uploadBlob(bytes),
        client.uploadBlob(bytes),
        client.uploadBlob(bytes),
      ]);
      expect(results.every((r) => r.digest === sha256(bytes))).toBe(true);
      expect(server.log.filter((r) => r.method === 'POST')).toHaveLength(1);
    });

    it('follows a blob redirect without sending the credentials to the storage host', async () => {
      const seen: (string | undefined)[] = [];
      const storage = http.createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.end('blob bytes');
      });
      await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
      try {
        await start({
          ...BASIC,
          blobRedirect: `http://127.0.0.1:${(storage.address() as AddressInfo).port}/store`,
        });
        const bytes = Buffer.from('blob bytes');
        server.blobs.set(sha256(bytes), bytes);
        await expect(client.getBlob(sha256(bytes))).resolves.toEqual(bytes);
        expect(seen).toEqual([undefined]);
      } finally {
        storage.closeAllConnections();
        await new Promise((resolve) => storage.close(resolve));
      }
    });
  });

  describe('referrers', () => {
    const subject = manifest();
    const referrer = (artifactType: string) =>
      manifest({
        artifactType,
        subject: { mediaType: OCI_MANIFEST, size: subject.length, digest: sha256(subject) },
      });

    it('reports a registry without the API (404) as unsupported', async () => {
      await start();
      await expect(client.referrers(sha256(subject))).resolves.toEqual({ supported: false });
    });

    it('lists referrers and filters by artifactType when the registry did not', async () => {
      await start({ ...BASIC, referrers: true });
      const bundle = referrer(SIGSTORE_BUNDLE_V03);
      await client.putManifest(sha256(bundle), bundle, OCI_MANIFEST);
      const other = referrer('application/example');
      await client.putManifest(sha256(other), other, OCI_MANIFEST);

      const all = await client.referrers(sha256(subject));
      expect(all.supported).toBe(true);
      expect(all.index?.mediaType).toBe(OCI_INDEX);
      expect(all.index?.manifests.map((d) => d.artifactType).sort()).toEqual([
        'application/example',
        SIGSTORE_BUNDLE_V03,
      ]);
      const bundles = await client.referrers(sha256(subject), SIGSTORE_BUNDLE_V03);
      expect(bundles.index?.manifests).toEqual([
        {
          mediaType: OCI_MANIFEST,
          size: bundle.length,
          digest: sha256(bundle),
          artifactType: SIGSTORE_BUNDLE_V03,
        },
      ]);
      expect(server.log.at(-1)!.query).toBe(
        `?artifactType=${encodeURIComponent(SIGSTORE_BUNDLE_V03)}`,
      );
    });
  });

  // The count the brief asks about: HEAD manifest by digest + GET missing tag + 2 small blobs + PUT manifest.
  it('needs 10 round trips for a legacy signature write on a Basic registry', async () => {
    await start();
    const subject = manifest();
    await client.putManifest('image', subject, OCI_MANIFEST);
    server.log.length = 0;
    const fresh = new RegistryClient({
      registry: server.host,
      repository: 'acme/app',
      keychain: alice,
    });
    await fresh.headManifest(sha256(subject));
    await fresh.getManifest(`sha256-${'b'.repeat(64)}.sig`);
    await fresh.uploadBlob(Buffer.from('payload-1'));
    await fresh.uploadBlob(Buffer.from('config-1'));
    await fresh.putManifest(`sha256-${'b'.repeat(64)}.sig`, manifest(), OCI_MANIFEST);
    expect(server.log.map((r) => `${r.method} ${r.status}`)).toEqual([
      'HEAD 401',
      'HEAD 200',
      'GET 404',
      'HEAD 404',
      'POST 202',
      'PUT 201',
      'HEAD 404',
      'POST 202',
      'PUT 201',
      'PUT 201',
    ]);
  });
});

describe('scheme', () => {
  it('chooses the scheme from it', () => {
    expect(
      new RegistryClient({ registry: 'localhost:5000', repository: 'a', keychain: alice }).scheme,
    ).toBe('http');
    expect(
      new RegistryClient({ registry: 'ghcr.io', repository: 'a', keychain: alice }).scheme,
    ).toBe('https');
  });
});
