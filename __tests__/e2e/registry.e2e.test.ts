// The registry layer against the real Debian docker-registry (distribution 2.8.2, htpasswd
// Basic auth) that `test-env/testbed.ts start` runs and describes in .testbed/state.json.
import { createHash, randomUUID } from 'node:crypto';
import { RegistryClient } from '../../src/registry/client.js';
import { defaultKeychain, type Keychain, staticKeychain } from '../../src/registry/credentials.js';
import { DOCKER_MANIFEST, OCI_CONFIG, OCI_MANIFEST } from '../../src/registry/media-types.js';
import { readState, STATE_PATH, type TestbedState } from '../../test-env/state.js';
import { rejectionOf } from '../helpers/errors.js';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

let registry: TestbedState['registry'];
// A repository of our own per run, so runs and other suites never see each other's tags.
const repository = `e2e/registry-${randomUUID().slice(0, 8)}`;

beforeAll(() => {
  const state = readState(process.env.SIGN_IMAGE_TESTBED_STATE ?? STATE_PATH);
  if (!state)
    throw new Error(
      `no test bed at ${STATE_PATH}: run \`npx tsx test-env/testbed.ts start\` first`,
    );
  registry = state.registry;
});

/** A client on the test bed that counts the HTTP requests it makes. */
function counted(
  keychain: Keychain = staticKeychain({ username: registry.username, password: registry.password }),
) {
  const requests: string[] = [];
  const fetchCounting: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    requests.push(`${init?.method ?? 'GET'} ${res.status}`);
    return res;
  };
  const client = new RegistryClient({
    registry: registry.host,
    repository,
    keychain,
    fetch: fetchCounting,
    maskSecret: () => {},
  });
  return { client, requests };
}

describe('RegistryClient on the real registry', () => {
  const payload = Buffer.from(`{"payload":"${randomUUID()}"}`);
  const config = Buffer.from(
    `{"architecture":"","os":"","rootfs":{"type":"layers","diff_ids":["${sha256(payload)}"]},"config":{}}`,
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, size: config.length, digest: sha256(config) },
      layers: [
        {
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          size: payload.length,
          digest: sha256(payload),
        },
      ],
    }),
  );
  const tag = `sha256-${'c'.repeat(64)}.sig`;

  it('writes a signature-shaped image in 10 round trips', async () => {
    const { client, requests } = counted();
    await expect(client.headManifest(sha256(manifest))).resolves.toBeUndefined();
    await expect(client.getManifest(tag)).resolves.toBeUndefined();
    await expect(client.uploadBlob(payload)).resolves.toEqual({
      digest: sha256(payload),
      size: payload.length,
      uploaded: true,
    });
    await expect(client.uploadBlob(config)).resolves.toMatchObject({ uploaded: true });
    await expect(client.putManifest(tag, manifest, OCI_MANIFEST)).resolves.toEqual({
      digest: sha256(manifest),
    });
    expect(requests).toEqual([
      'HEAD 401',
      'HEAD 404',
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

  it('skips blobs the registry already has, after one HEAD each', async () => {
    const { client, requests } = counted();
    await expect(client.uploadBlob(payload)).resolves.toMatchObject({ uploaded: false });
    await expect(client.uploadBlob(config)).resolves.toMatchObject({ uploaded: false });
    expect(requests).toEqual(['HEAD 401', 'HEAD 200', 'HEAD 200']);
    await expect(client.getBlob(sha256(payload))).resolves.toEqual(payload);
  });

  it('reads the manifest back by tag and by digest with the OCI Accept header', async () => {
    const { client } = counted();
    const byTag = await client.getManifest(tag);
    expect(byTag).toMatchObject({
      bytes: manifest,
      mediaType: OCI_MANIFEST,
      digest: sha256(manifest),
    });
    expect(byTag?.etag).toBe(`"${sha256(manifest)}"`);
    await expect(client.getManifest(sha256(manifest))).resolves.toMatchObject({ bytes: manifest });
    await expect(client.headManifest(tag)).resolves.toEqual({
      mediaType: OCI_MANIFEST,
      size: manifest.length,
      digest: sha256(manifest),
    });
    // distribution 2.8 hides OCI manifests from clients that do not ask for them.
    await expect(client.getManifest(sha256(manifest), DOCKER_MANIFEST)).resolves.toBeUndefined();
  });

  it('answers undefined for what does not exist, and has no referrers API', async () => {
    const { client } = counted();
    await expect(client.getManifest('no-such-tag')).resolves.toBeUndefined();
    await expect(client.headManifest(`sha256:${'0'.repeat(64)}`)).resolves.toBeUndefined();
    await expect(client.blobExists(`sha256:${'0'.repeat(64)}`)).resolves.toBe(false);
    await expect(client.referrers(sha256(manifest))).resolves.toEqual({ supported: false });
  });

  it('keeps the registry code when it refuses a manifest', async () => {
    const { client } = counted();
    const err = await rejectionOf(client.putManifest('mismatch', manifest, DOCKER_MANIFEST));
    expect(err.code).toBe('REGISTRY_ERROR');
    expect(err.message).toMatch(/: 400 MANIFEST_INVALID/);
  });

  it('reports a wrong password as REGISTRY_AUTH_FAILED', async () => {
    const wrong = `${registry.password}-wrong`;
    const { client } = counted(staticKeychain({ username: registry.username, password: wrong }));
    const err = await rejectionOf(client.getManifest(tag));
    expect(err.code).toBe('REGISTRY_AUTH_FAILED');
    expect(err.hint).toMatch(/registry-username/);
    expect(`${err.message} ${err.hint}`).not.toContain(wrong);
  });

  it('reports missing credentials as REGISTRY_AUTH_FAILED with the login hint', async () => {
    const { client } = counted({ resolve: async () => undefined });
    const err = await rejectionOf(client.headManifest(sha256(manifest)));
    expect(err.code).toBe('REGISTRY_AUTH_FAILED');
    expect(err.hint).toMatch(/No credentials for .* were found/);
  });

  it('takes its credentials from the DOCKER_CONFIG directory', async () => {
    const masked: string[] = [];
    const keychain = defaultKeychain({
      env: { DOCKER_CONFIG: registry.dockerConfigDir, PATH: process.env.PATH },
      maskSecret: (s) => masked.push(s),
    });
    const { client } = counted(keychain);
    await expect(client.getManifest(tag)).resolves.toMatchObject({ digest: sha256(manifest) });
    expect(masked).toEqual([registry.password]);
  });
});
