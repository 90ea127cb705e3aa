// The one read-merge-PUT-confirm loop, against racing writers on a loopback registry: each
// writer adds its own entry to one shared OCI index tag through a real RegistryClient. The
// registry either honours If-Match (412 to a stale write) or, as docker-registry 2.8 does,
// ignores it (the fetch drops the header), so only the read-back notices a lost write.
import { createHash } from 'node:crypto';
import { RegistryClient } from '../../src/registry/client.js';
import type { Keychain } from '../../src/registry/credentials.js';
import { SignImageError } from '../../src/errors.js';
import { OCI_INDEX, OCI_MANIFEST } from '../../src/registry/media-types.js';
import {
  confirmedWrite,
  VanishedError,
  type ConfirmedWrite,
  type ConfirmedWriteOptions,
} from '../../src/storage/confirmed-write.js';
import { createLimiter } from '../../src/util/limit.js';
import { sleep } from '../../src/util/retry.js';
import { startRegistry, type RegistryServer } from '../helpers/registry-server.js';

const TAG = 'shared';
const anonymous: Keychain = { resolve: async () => undefined };
let server: RegistryServer;
beforeEach(async () => (server = await startRegistry()));
afterEach(async () => server.close());

const digestOf = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const entries = (bytes: Buffer | undefined): string[] =>
  bytes
    ? (
        JSON.parse(bytes.toString()) as { manifests: { annotations: { writer: string } }[] }
      ).manifests.map((m) => m.annotations.writer)
    : [];
const indexWith = (names: string[]) =>
  Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: names.map((writer) => ({
        mediaType: OCI_MANIFEST,
        digest: digestOf(writer),
        size: 1,
        annotations: { writer },
      })),
    }),
  );

function client(ignoreIfMatch: boolean, slowPutMs = 0): RegistryClient {
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    if (ignoreIfMatch) delete headers['If-Match'];
    // A slow writer: its PUT lands well after its read, the window a rival can race.
    if (init?.method === 'PUT' && slowPutMs) await sleep(Math.random() * slowPutMs);
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
  return new RegistryClient({
    registry: server.host,
    repository: 'acme/app',
    keychain: anonymous,
    fetch: fetchFn,
    maskSecret: () => {},
  });
}

// One writer: adds `name` to the index on TAG, keeping every entry it read.
function writer(c: RegistryClient, name: string): ConfirmedWrite<Buffer> {
  return {
    what: `acme/app:${TAG}`,
    round: async (previous) => {
      const started = Date.now();
      const current = await c.getManifest(TAG);
      if (!current && previous) throw new VanishedError(`${TAG} answered 404 after it was read`);
      const have = entries(current?.bytes);
      if (have.includes(name)) return { base: current?.bytes, putMs: 0 };
      await c.putManifest(TAG, indexWith([...have, name]), OCI_INDEX, { ifMatch: current?.etag });
      return { base: current?.bytes, putMs: Math.max(1, Date.now() - started) };
    },
    confirm: async () => entries((await c.getManifest(TAG))?.bytes).includes(name),
    replaced: 'another writer replaced the index after our write',
    conflict: (attempts, cause) =>
      new SignImageError('SIGNATURE_WRITE_CONFLICT', `gave up after ${attempts} attempts`, {
        cause,
      }),
  };
}

const options = (over: Partial<ConfirmedWriteOptions> = {}): ConfirmedWriteOptions => ({
  limit: createLimiter(8),
  maxAttempts: 16,
  backoff: { baseMs: 5, maxMs: 40 },
  // Above the rivals' slowest read-to-PUT (their PUT is delayed up to 20 ms), even after the
  // 0.75 jitter: the loop promises to catch writers no slower than its wait, not slower ones.
  settleMs: 40,
  sleep,
  random: Math.random,
  ...over,
});
const stored = () => entries(server.manifests.get(`acme/app@${TAG}`)?.bytes);
const puts = () => server.log.filter((r) => r.method === 'PUT' && r.path.endsWith(`/${TAG}`));

describe('confirmedWrite against racing writers', () => {
  it.each([
    ['ignores If-Match (docker-registry 2.8): the read-back catches lost writes', true],
    ['honours If-Match: stale writes get 412 and merge again', false],
  ])('keeps all six entries when six writers race on a registry that %s', async (_why, ignore) => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const results = await Promise.all(
      names.map((n) => confirmedWrite(writer(client(ignore, 20), n), undefined, options())),
    );
    expect(new Set(stored())).toEqual(new Set(names));
    // Each wrote; most end confirmed by their read-back, and one whose lost write another
    // writer's merge had already carried over ends seeing its entry present.
    expect(results.every((r) => r.wrote && r.endedBy !== 'setup')).toBe(true);
    // They did race: more PUTs than writers, each lost write merged again.
    expect(puts().length).toBeGreaterThan(names.length);
    if (!ignore) expect(puts().some((p) => p.status === 412)).toBe(true);
  });

  it('writes nothing when the entry is already there', async () => {
    await confirmedWrite(writer(client(false), 'a'), undefined, options());
    const before = puts().length;
    expect(await confirmedWrite(writer(client(false), 'a'), undefined, options())).toEqual({
      endedBy: 'present',
      wrote: false,
    });
    expect(puts()).toHaveLength(before);
  });

  it('gives up with the writer’s error after maxAttempts when a rival replaces every write, saying why each time', async () => {
    const c = client(true);
    const ours = writer(c, 'ours');
    const lines: string[] = [];
    const raced: ConfirmedWrite<Buffer> = {
      ...ours,
      round: async (previous, wrote) => {
        const r = await ours.round(previous, wrote);
        server.manifests.set(`acme/app@${TAG}`, {
          bytes: indexWith(['rival']),
          mediaType: OCI_INDEX,
        });
        return r;
      },
    };
    await expect(
      confirmedWrite(raced, undefined, options({ maxAttempts: 3, log: (l) => lines.push(l) })),
    ).rejects.toMatchObject({
      code: 'SIGNATURE_WRITE_CONFLICT',
      message: 'gave up after 3 attempts',
    });
    expect(puts()).toHaveLength(3);
    expect(lines).toEqual([
      `Writing acme/app:${TAG} again (attempt 2 of 3): another writer replaced the index after our write`,
      `Writing acme/app:${TAG} again (attempt 3 of 3): another writer replaced the index after our write`,
    ]);
  });

  it('rethrows what is not a lost race at once, and ends in setup when setup says so', async () => {
    const failing: ConfirmedWrite<Buffer> = {
      ...writer(client(false), 'a'),
      round: async () => {
        throw new SignImageError('REGISTRY_DENIED', 'no');
      },
    };
    await expect(confirmedWrite(failing, undefined, options())).toFailWith('REGISTRY_DENIED');
    let setups = 0;
    const viaApi: ConfirmedWrite<Buffer> = {
      ...writer(client(false), 'a'),
      setup: async () => {
        if (++setups === 1) throw new VanishedError('torn');
        return true;
      },
    };
    expect(await confirmedWrite(viaApi, undefined, options())).toEqual({
      endedBy: 'setup',
      wrote: true,
    });
    expect(setups).toBe(2);
    expect(puts()).toHaveLength(0);
  });
});
