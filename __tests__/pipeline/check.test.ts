// checkTarget against a loopback registry: a digest the registry does not know yet (read-after-
// write lag on real registries) is asked for again for a bounded time before it counts as missing.
import { createHash } from 'node:crypto';
import { checkTarget } from '../../src/pipeline/check.js';
import type { SignTarget } from '../../src/reference/targets.js';
import { RegistryClient } from '../../src/registry/client.js';
import type { Keychain } from '../../src/registry/credentials.js';
import { OCI_EMPTY, OCI_MANIFEST } from '../../src/registry/media-types.js';
import { startRegistry, type RegistryServer } from '../helpers/registry-server.js';

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: OCI_EMPTY,
      size: 2,
      digest: `sha256:${createHash('sha256').update('{}').digest('hex')}`,
    },
    layers: [],
  }),
);
const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;

// The loopback registry asks for no credentials.
const anonymous: Keychain = { resolve: async () => undefined };
let server: RegistryServer;
beforeEach(async () => (server = await startRegistry()));
afterEach(async () => server.close());

function setup(onHead: (count: number) => Promise<void> = async () => {}) {
  let count = 0;
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    if (init?.method === 'HEAD' && String(input).endsWith(`/manifests/${digest}`))
      await onHead(++count);
    return fetch(input, init);
  }) as typeof fetch;
  const client = new RegistryClient({
    registry: server.host,
    repository: 'acme/app',
    keychain: anonymous,
    fetch: fetchFn,
    maskSecret: () => {},
  });
  const target: SignTarget = {
    ref: { registry: server.host, repository: 'acme/app', digest },
    digest,
    tags: [],
  };
  return { client, target };
}

const heads = () =>
  server.log.filter((r) => r.method === 'HEAD' && r.path.endsWith(digest)).map((r) => r.status);

describe('checkTarget', () => {
  it('waits out read-after-write lag: a digest that appears on the third look is found', async () => {
    const { client, target } = setup(async (n) => {
      if (n === 3)
        await fetch(`${server.url}/v2/acme/app/manifests/${digest}`, {
          method: 'PUT',
          headers: { 'Content-Type': OCI_MANIFEST },
          body: manifest,
        });
    });
    const checked = await checkTarget(target, client, { lagDelaysMs: [20, 20, 20, 20] });
    expect(checked.descriptor).toEqual({ mediaType: OCI_MANIFEST, size: manifest.length, digest });
    expect(heads()).toEqual([404, 404, 200]);
  });

  it('calls a digest missing only after the bounded retries, with DIGEST_NOT_FOUND', async () => {
    const { client, target } = setup();
    const started = Date.now();
    await expect(checkTarget(target, client, { lagDelaysMs: [30, 60] })).toFailWith(
      'DIGEST_NOT_FOUND',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(heads()).toEqual([404, 404, 404]);
  });
});
