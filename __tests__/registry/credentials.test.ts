import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultKeychain, type Keychain } from '../../src/registry/credentials.js';
import { rejectionOf } from '../helpers/errors.js';

// A real helper on PATH: logs the server URL it was asked for, then answers per server.
const HELPER = `#!/bin/sh
server=$(cat)
echo "$server" >> "$HELPER_LOG"
case "$server" in
  ghcr.io) echo '{"ServerURL":"ghcr.io","Username":"octo","Secret":"helper-pass"}' ;;
  https://index.docker.io/v1/) echo '{"ServerURL":"hub","Username":"hubuser","Secret":"hub-pass"}' ;;
  token.example) echo '{"ServerURL":"token.example","Username":"<token>","Secret":"idt-from-helper"}' ;;
  broken.example) echo "helper-pass leaked on stderr" >&2; echo "helper-pass on stdout"; exit 3 ;;
  garbage.example) echo 'helper-pass is not json' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;

let root: string;
let configDir: string;
let binDir: string;
let helperLog: string;
let masked: string[];

async function writeConfig(config: unknown, dir = configDir): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
}

function keychain(
  opts: { username?: string; password?: string; env?: NodeJS.ProcessEnv } = {},
): Keychain {
  const env = opts.env ?? {
    DOCKER_CONFIG: configDir,
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    HELPER_LOG: helperLog,
  };
  return defaultKeychain({ ...opts, env, maskSecret: (s) => masked.push(s) });
}

async function helperCalls(): Promise<string[]> {
  return (await readFile(helperLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sign-image-creds-'));
  configDir = path.join(root, 'docker');
  binDir = path.join(root, 'bin');
  helperLog = path.join(root, 'helper.log');
  masked = [];
  await mkdir(binDir);
  await writeFile(path.join(binDir, 'docker-credential-test'), HELPER);
  await chmod(path.join(binDir, 'docker-credential-test'), 0o755);
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('defaultKeychain', () => {
  it('prefers the explicit inputs over the Docker config', async () => {
    await writeConfig({ auths: { 'ghcr.io': { auth: b64('cfg:cfg-pass') } }, credsStore: 'test' });
    await expect(
      keychain({ username: 'me', password: 'input-pass' }).resolve('ghcr.io', 'acme/app'),
    ).resolves.toEqual({
      username: 'me',
      password: 'input-pass',
    });
    expect(await helperCalls()).toEqual([]);
  });

  it('is anonymous without a config file', async () => {
    await expect(keychain().resolve('ghcr.io', 'acme/app')).resolves.toBeUndefined();
  });

  it('reads ~/.docker/config.json when DOCKER_CONFIG is unset', async () => {
    await writeConfig(
      { auths: { 'ghcr.io': { auth: b64('home:home-pass') } } },
      path.join(root, 'home', '.docker'),
    );
    const kc = keychain({ env: { HOME: path.join(root, 'home') } });
    await expect(kc.resolve('ghcr.io', 'acme/app')).resolves.toEqual({
      username: 'home',
      password: 'home-pass',
    });
  });

  describe('auths', () => {
    it('decodes `auth` (split at the first colon) and masks the password', async () => {
      await writeConfig({ auths: { 'ghcr.io': { auth: b64('octo:pa:ss') } } });
      await expect(keychain().resolve('ghcr.io', 'acme/app')).resolves.toEqual({
        username: 'octo',
        password: 'pa:ss',
      });
      expect(masked).toEqual(['pa:ss']);
    });

    it('looks up <registry>/<repository> before <registry>', async () => {
      await writeConfig({
        auths: {
          'ghcr.io': { auth: b64('org:org-pass') },
          'ghcr.io/acme/app': { auth: b64('repo:repo-pass') },
        },
      });
      await expect(keychain().resolve('ghcr.io', 'acme/app')).resolves.toMatchObject({
        username: 'repo',
      });
      await expect(keychain().resolve('ghcr.io', 'acme/other')).resolves.toMatchObject({
        username: 'org',
      });
    });

    it('accepts URL-style keys as docker does', async () => {
      await writeConfig({
        auths: {
          'https://registry.example/v1/': { auth: b64('a:1') },
          'http://127.0.0.1:5000': { auth: b64('b:2') },
        },
      });
      await expect(keychain().resolve('registry.example', 'x')).resolves.toMatchObject({
        username: 'a',
      });
      await expect(keychain().resolve('127.0.0.1:5000', 'x')).resolves.toMatchObject({
        username: 'b',
      });
      await expect(keychain().resolve('127.0.0.1:5001', 'x')).resolves.toBeUndefined();
    });

    it('uses https://index.docker.io/v1/ for Docker Hub', async () => {
      await writeConfig({
        auths: { 'https://index.docker.io/v1/': { auth: b64('hub:hub-pass') } },
      });
      await expect(keychain().resolve('index.docker.io', 'library/ubuntu')).resolves.toMatchObject({
        username: 'hub',
      });
      await expect(keychain().resolve('docker.io', 'library/ubuntu')).resolves.toMatchObject({
        username: 'hub',
      });
    });

    it('reads username/password, identitytoken and registrytoken entries and masks them', async () => {
      await writeConfig({
        auths: {
          'a.example': { username: 'u', password: 'p-secret' },
          'b.example': { auth: b64('ignored:x'), identitytoken: 'idt-secret' },
          'c.example': { registrytoken: 'rt-secret' },
        },
      });
      const kc = keychain();
      await expect(kc.resolve('a.example', 'x')).resolves.toEqual({
        username: 'u',
        password: 'p-secret',
      });
      await expect(kc.resolve('b.example', 'x')).resolves.toEqual({ identityToken: 'idt-secret' });
      await expect(kc.resolve('c.example', 'x')).resolves.toEqual({ registryToken: 'rt-secret' });
      expect(masked).toEqual(['p-secret', 'idt-secret', 'rt-secret']);
    });

    it('rejects an invalid config without quoting it', async () => {
      await writeConfig('{"auths": {"ghcr.io": {"auth": "c2VjcmV0LXBhc3M="}},');
      const err = await rejectionOf(keychain().resolve('ghcr.io', 'x'));
      expect(err.code).toBe('REGISTRY_CONFIG_INVALID');
      expect(err.message).toBe(
        `the Docker config ${path.join(configDir, 'config.json')} is not valid JSON`,
      );
      expect(err.cause).toBeUndefined();
    });
  });

  describe('credential helpers', () => {
    it('runs credHelpers[registry] with the server URL on stdin and masks the secret', async () => {
      await writeConfig({
        credHelpers: { 'ghcr.io': 'test' },
        auths: { 'ghcr.io': { auth: b64('stale:stale') } },
      });
      await expect(keychain().resolve('ghcr.io', 'acme/app')).resolves.toEqual({
        username: 'octo',
        password: 'helper-pass',
      });
      expect(await helperCalls()).toEqual(['ghcr.io']);
      expect(masked).toEqual(['helper-pass']);
    });

    it('reads Username "<token>" as an identity token', async () => {
      await writeConfig({ credHelpers: { 'token.example': 'test' } });
      await expect(keychain().resolve('token.example', 'x')).resolves.toEqual({
        identityToken: 'idt-from-helper',
      });
    });

    it('treats "credentials not found" as anonymous', async () => {
      await writeConfig({ credHelpers: { 'nothing.example': 'test' } });
      await expect(keychain().resolve('nothing.example', 'x')).resolves.toBeUndefined();
    });

    it('uses credsStore when auths holds only a placeholder, with the Hub key for Docker Hub', async () => {
      await writeConfig({ auths: { 'ghcr.io': {} }, credsStore: 'test' });
      const kc = keychain();
      await expect(kc.resolve('ghcr.io', 'acme/app')).resolves.toMatchObject({ username: 'octo' });
      await expect(kc.resolve('index.docker.io', 'library/ubuntu')).resolves.toEqual({
        username: 'hubuser',
        password: 'hub-pass',
      });
      await expect(kc.resolve('ghcr.io', 'acme/other')).resolves.toMatchObject({
        username: 'octo',
      });
      // One run per server URL: the second ghcr.io lookup was served from the cache.
      expect(await helperCalls()).toEqual(['ghcr.io', 'https://index.docker.io/v1/']);
    });

    it('prefers an auths entry with credentials over credsStore', async () => {
      await writeConfig({
        auths: { 'ghcr.io': { auth: b64('file:file-pass') } },
        credsStore: 'test',
      });
      await expect(keychain().resolve('ghcr.io', 'acme/app')).resolves.toMatchObject({
        username: 'file',
      });
      expect(await helperCalls()).toEqual([]);
    });

    it('names a failing helper but never repeats what it printed', async () => {
      await writeConfig({ credHelpers: { 'broken.example': 'test' } });
      const err = await rejectionOf(keychain().resolve('broken.example', 'x'));
      expect(err.code).toBe('REGISTRY_CREDENTIAL_HELPER_FAILED');
      expect(err.message).toBe(
        'credential helper docker-credential-test failed for broken.example (exit code 3)',
      );
      expect(err.hint).toMatch(/credHelpers\/credsStore in .*config\.json/);
      expect(JSON.stringify([err.message, err.hint, String(err.cause)])).not.toContain(
        'helper-pass',
      );
    });

    it('rejects output that is not a credentials object', async () => {
      await writeConfig({ credHelpers: { 'garbage.example': 'test' } });
      const err = await rejectionOf(keychain().resolve('garbage.example', 'x'));
      expect(err.code).toBe('REGISTRY_CREDENTIAL_HELPER_FAILED');
      expect(err.message).not.toContain('helper-pass');
    });

    it('reports a helper that is not installed', async () => {
      await writeConfig({ credsStore: 'desktop' });
      const err = await rejectionOf(keychain().resolve('ghcr.io', 'x'));
      expect(err.code).toBe('REGISTRY_CREDENTIAL_HELPER_FAILED');
      expect(err.message).toBe('credential helper docker-credential-desktop is not on PATH');
    });

    it('runs helpers silently', async () => {
      await writeConfig({ credHelpers: { 'ghcr.io': 'test' } });
      const written: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array) =>
        written.push(String(chunk)) > 0) as typeof process.stdout.write;
      try {
        await keychain().resolve('ghcr.io', 'acme/app');
      } finally {
        process.stdout.write = original;
      }
      expect(written.join('')).toBe('');
    });
  });
});
