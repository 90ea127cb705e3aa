import { hasCode } from '../../src/errors.js';
import { parseChallenges } from '../../src/registry/challenge.js';
import { RegistryClient } from '../../src/registry/client.js';
import { type Credentials, type Keychain, staticKeychain } from '../../src/registry/credentials.js';
import {
  deadPort,
  type RegistryServer,
  silentServer,
  startRegistry,
} from '../helpers/registry-server.js';
import { oneTry } from '../helpers/retry-policy.js';
import { rejectionOf } from '../helpers/errors.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const anonymous: Keychain = { resolve: async () => undefined };

function client(
  server: { host: string },
  keychain: Keychain,
  extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {},
) {
  return new RegistryClient({
    registry: server.host,
    repository: 'acme/app',
    keychain,
    maskSecret: () => {},
    ...extra,
  });
}

describe('parseChallenges', () => {
  it('reads a Bearer challenge whose quoted scope holds a comma', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:acme/app:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:acme/app:pull,push',
        },
      },
    ]);
  });

  it('reads several challenges, unquoted values, escapes and odd spacing', () => {
    expect(
      parseChallenges(
        'Basic realm="a \\"b\\"", charset=UTF-8,  BEARER  realm = "r" , error="insufficient_scope"',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'a "b"', charset: 'UTF-8' } },
      { scheme: 'bearer', params: { realm: 'r', error: 'insufficient_scope' } },
    ]);
  });

  it('skips token68 credentials and tolerates empty or bare headers', () => {
    expect(parseChallenges('Negotiate abc123, Basic realm="x"')).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'x' } },
    ]);
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges('Basic')).toEqual([{ scheme: 'basic', params: {} }]);
  });
});

describe('Authenticator (through RegistryClient)', () => {
  let server: RegistryServer;
  afterEach(async () => server?.close());

  describe('when the registry never challenges', () => {
    it('works anonymously and never asks the keychain', async () => {
      server = await startRegistry({ auth: { kind: 'none' } });
      const keychain: Keychain = { resolve: () => Promise.reject(new Error('must not be called')) };
      await expect(client(server, keychain).headManifest(DIGEST)).resolves.toBeUndefined();
      expect(server.log.map((r) => [r.method, r.authorization, r.status])).toEqual([
        ['HEAD', undefined, 404],
      ]);
    });
  });

  describe('Basic', () => {
    it('answers the first 401 and then sends the header preemptively', async () => {
      server = await startRegistry({
        auth: { kind: 'basic', username: 'alice', password: 's3cret' },
      });
      const c = client(server, staticKeychain({ username: 'alice', password: 's3cret' }));
      await c.headManifest(DIGEST);
      await c.getManifest('latest');
      const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
      expect(server.log.map((r) => [r.method, r.authorization, r.status])).toEqual([
        ['HEAD', undefined, 401],
        ['HEAD', basic, 404],
        ['GET', basic, 404],
      ]);
    });

    it('reports a wrong password as REGISTRY_AUTH_FAILED without quoting it', async () => {
      server = await startRegistry({
        auth: { kind: 'basic', username: 'alice', password: 's3cret' },
      });
      const err = await rejectionOf(
        client(server, staticKeychain({ username: 'alice', password: 'hunter2' })).getManifest(
          'latest',
        ),
      );
      expect(err.code).toBe('REGISTRY_AUTH_FAILED');
      expect(err.hint).toMatch(/registry-username.*docker\/login-action/);
      expect(`${err.message} ${err.hint}`).not.toMatch(/hunter2|aHVudGVy|YWxpY2U6/);
      expect(server.log).toHaveLength(2); // no retry storm
    });

    it('says that no credentials were found when the keychain has none', async () => {
      server = await startRegistry({
        auth: { kind: 'basic', username: 'alice', password: 's3cret' },
      });
      const err = await rejectionOf(client(server, anonymous).getManifest('latest'));
      expect(err.code).toBe('REGISTRY_AUTH_FAILED');
      expect(err.hint).toMatch(/No credentials for 127\.0\.0\.1:\d+ were found/);
    });

    it('maps 403 to REGISTRY_DENIED with the packages: write hint', async () => {
      server = await startRegistry({
        auth: { kind: 'deny', username: 'alice', password: 's3cret' },
      });
      const c = client(server, staticKeychain({ username: 'alice', password: 's3cret' }));
      const err = await rejectionOf(c.putManifest('latest', Buffer.from('{"mediaType":"x"}'), 'x'));
      expect(err.code).toBe('REGISTRY_DENIED');
      expect(err.message).toMatch(
        /PUT 127\.0\.0\.1:\d+\/v2\/acme\/app\/manifests\/latest: 403 DENIED: requested access/,
      );
      expect(err.hint).toMatch(/permissions: packages: write/);
    });
  });

  describe('Bearer', () => {
    const bearer = {
      kind: 'bearer' as const,
      username: 'bob',
      password: 'pw',
      identityToken: 'refresh-me',
      readOnlyUsers: ['reader'],
    };

    it('trades Basic credentials for a push token once, masks it and reuses it', async () => {
      server = await startRegistry({ auth: bearer });
      const masked: string[] = [];
      const c = client(server, staticKeychain({ username: 'bob', password: 'pw' }), {
        maskSecret: (s) => masked.push(s),
      });
      await c.headManifest(DIGEST);
      await c.blobExists(DIGEST);
      const token = [...server.tokens.keys()][0]!;
      expect(masked).toEqual([token]);
      expect(server.log.map((r) => [r.method, r.path, r.status])).toEqual([
        ['HEAD', '/v2/acme/app/manifests/' + DIGEST, 401],
        ['GET', '/token', 200],
        ['HEAD', '/v2/acme/app/manifests/' + DIGEST, 404],
        ['HEAD', '/v2/acme/app/blobs/' + DIGEST, 404],
      ]);
      const tokenRequest = new URLSearchParams(server.log[1]!.query);
      expect(tokenRequest.get('service')).toBe('fake-registry');
      expect(tokenRequest.getAll('scope')).toEqual(['repository:acme/app:pull,push']);
      expect(tokenRequest.get('account')).toBe('bob');
      expect(server.log[1]!.authorization).toBe(
        `Basic ${Buffer.from('bob:pw').toString('base64')}`,
      );
      expect(server.log[3]!.authorization).toBe(`Bearer ${token}`);
    });

    it("answers the run's known challenge for another repository before its first request, with that repository's scope", async () => {
      server = await startRegistry({ auth: bearer });
      const challenges = new Map();
      const keychain = staticKeychain({ username: 'bob', password: 'pw' });
      await client(server, keychain, { challenges }).headManifest(DIGEST);
      server.log.splice(0);
      const other = client(server, keychain, { challenges, repository: 'acme/other' });
      await other.headManifest(DIGEST);
      expect(server.log.map((r) => [r.method, r.path, r.status])).toEqual([
        ['GET', '/token', 200],
        ['HEAD', '/v2/acme/other/manifests/' + DIGEST, 404], // no 401 first
      ]);
      expect(new URLSearchParams(server.log[0]!.query).getAll('scope')).toEqual([
        'repository:acme/other:pull,push',
      ]);
      // Without the shared challenges, a client is challenged as before.
      server.log.splice(0);
      await client(server, keychain, { repository: 'acme/third' }).headManifest(DIGEST);
      expect(server.log[0]!.status).toBe(401);
    });

    it('falls back to the 401 when answering the known challenge fails', async () => {
      server = await startRegistry({ auth: bearer });
      const challenges = new Map<string, { scheme: string; params: Record<string, string> }>();
      // A challenge whose realm is gone: the preemptive answer fails, the request goes out bare.
      challenges.set(server.host, {
        scheme: 'bearer',
        params: { realm: `http://127.0.0.1:${await deadPort()}/token`, service: 'fake-registry' },
      });
      const c = client(server, staticKeychain({ username: 'bob', password: 'pw' }), {
        challenges,
        retry: oneTry(),
      });
      await c.headManifest(DIGEST);
      expect(server.log.map((r) => [r.method, r.status])).toEqual([
        ['HEAD', 401],
        ['GET', 200],
        ['HEAD', 404],
      ]);
    });

    it('shares one token request between concurrent 401s', async () => {
      server = await startRegistry({ auth: bearer });
      const c = client(server, staticKeychain({ username: 'bob', password: 'pw' }));
      await Promise.all([1, 2, 3, 4, 5].map((n) => c.getManifest(`t${n}`)));
      expect(server.log.filter((r) => r.path === '/token')).toHaveLength(1);
    });

    it('uses an identity token as an OAuth2 refresh_token grant', async () => {
      server = await startRegistry({ auth: { ...bearer, accessTokenField: true } });
      await client(server, staticKeychain({ identityToken: 'refresh-me' })).getManifest('latest');
      const post = server.log.find((r) => r.path === '/token')!;
      expect(post.method).toBe('POST');
      const form = new URLSearchParams(post.body.toString());
      expect(Object.fromEntries(form)).toEqual({
        grant_type: 'refresh_token',
        refresh_token: 'refresh-me',
        client_id: 'sign-image',
        service: 'fake-registry',
        scope: 'repository:acme/app:pull,push',
      });
      expect(server.log.at(-1)!.status).toBe(404); // authorised with the access_token
    });

    it('sends a registry token as it is, with no token request', async () => {
      server = await startRegistry({ auth: bearer });
      server.tokens.set('ready-made', { user: 'bob', actions: ['pull', 'push'] });
      await client(server, staticKeychain({ registryToken: 'ready-made' })).getManifest('latest');
      expect(server.log.map((r) => [r.path, r.authorization, r.status])).toEqual([
        ['/v2/acme/app/manifests/latest', undefined, 401],
        ['/v2/acme/app/manifests/latest', 'Bearer ready-made', 404],
      ]);
    });

    it('gets an anonymous token when the keychain has nothing', async () => {
      server = await startRegistry({ auth: { ...bearer, anonymousPull: true } });
      await expect(client(server, anonymous).getManifest('latest')).resolves.toBeUndefined();
      expect(server.log.find((r) => r.path === '/token')!.authorization).toBeUndefined();
    });

    it('fetches a new token once when the cached one expired', async () => {
      server = await startRegistry({ auth: bearer });
      const c = client(server, staticKeychain({ username: 'bob', password: 'pw' }));
      await c.getManifest('latest');
      server.tokens.clear();
      await expect(c.getManifest('latest')).resolves.toBeUndefined();
      expect(server.log.filter((r) => r.path === '/token')).toHaveLength(2);
    });

    it('reports a rejected password at the token endpoint as REGISTRY_AUTH_FAILED', async () => {
      server = await startRegistry({ auth: bearer });
      const err = await rejectionOf(
        client(server, staticKeychain({ username: 'bob', password: 'nope' })).getManifest('latest'),
      );
      expect(err.code).toBe('REGISTRY_AUTH_FAILED');
      expect(err.message).toMatch(/GET 127\.0\.0\.1:\d+\/token: 401 UNAUTHORIZED/);
      expect(err.message).not.toContain('nope');
    });

    it('reports a token without push (401 insufficient_scope) as REGISTRY_DENIED', async () => {
      server = await startRegistry({ auth: { ...bearer, password: 'pw', username: 'reader' } });
      const c = client(server, staticKeychain({ username: 'reader', password: 'pw' }));
      await expect(c.getManifest('latest')).resolves.toBeUndefined();
      const err = await rejectionOf(c.putManifest('latest', Buffer.from('{"mediaType":"x"}'), 'x'));
      expect(err.code).toBe('REGISTRY_DENIED');
      expect(err.hint).toMatch(/push rights/);
    });

    it('refuses an http:// realm named by an https registry', async () => {
      server = await startRegistry({ auth: bearer });
      // The registry is reached over https as far as the client knows; the realm downgrades.
      const viaHttp: typeof fetch = (url, init) =>
        fetch(String(url).replace(/^https:/, 'http:'), init);
      const c = client(server, staticKeychain({ username: 'bob', password: 'pw' }), {
        scheme: 'https',
        fetch: viaHttp,
      });
      const err = await rejectionOf(c.getManifest('latest'));
      expect(err.code).toBe('REGISTRY_AUTH_FAILED');
      expect(err.message).toMatch(/token realm .* is not usable/);
      expect(server.log.some((r) => r.path === '/token')).toBe(false);
    });
  });

  describe('when the registry cannot be reached', () => {
    it('names the host of a refused connection', async () => {
      const port = await deadPort();
      const err = await rejectionOf(
        client({ host: `127.0.0.1:${port}` }, anonymous, { retry: oneTry() }).headManifest(DIGEST),
      );
      expect(err.code).toBe('REGISTRY_UNREACHABLE');
      expect(err.message).toBe(`cannot reach registry 127.0.0.1:${port} (ECONNREFUSED)`);
    });

    it('names the host of a DNS failure', async () => {
      const err = await rejectionOf(
        client({ host: 'registry.invalid' }, anonymous, { retry: oneTry() }).headManifest(DIGEST),
      );
      expect(hasCode(err, 'REGISTRY_UNREACHABLE')).toBe(true);
      expect(err.message).toMatch(
        /^cannot reach registry registry\.invalid \((ENOTFOUND|EAI_AGAIN)\)$/,
      );
    });

    it('gives up after the deadline', async () => {
      const silent = await silentServer();
      try {
        const err = await rejectionOf(
          client(silent, anonymous, { timeoutMs: 200, retry: oneTry() }).headManifest(DIGEST),
        );
        expect(err.code).toBe('REGISTRY_UNREACHABLE');
        expect(err.message).toBe(`registry ${silent.host} did not answer within 0.2 s`);
      } finally {
        await silent.close();
      }
    });
  });

  it('asks the keychain once per client, with the registry and repository', async () => {
    server = await startRegistry({
      auth: { kind: 'basic', username: 'alice', password: 's3cret' },
    });
    const calls: string[] = [];
    const keychain: Keychain = {
      resolve: async (registry, repository): Promise<Credentials> => {
        calls.push(`${registry} ${repository}`);
        return { username: 'alice', password: 's3cret' };
      },
    };
    const c = client(server, keychain);
    await Promise.all([c.getManifest('a'), c.getManifest('b'), c.blobExists(DIGEST)]);
    expect(calls).toEqual([`${server.host} acme/app`]);
  });
});
