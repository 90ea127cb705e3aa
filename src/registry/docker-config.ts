// The Docker CLI config file (`config.json`) as docker/cli and ggcr read it: which file, which
// keys to look up for a registry, and what an `auths` entry means.
// https://docs.docker.com/reference/cli/docker/#docker-cli-configuration-file-configjson-properties

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SignImageError } from '../errors.js';
import type { Credentials } from './types.js';

/** One `auths` entry; docker/login-action writes `auth`, `docker login` with a helper writes `{}`. */
export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export interface DockerConfigFile {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Docker Hub's key: `docker login` stores Hub credentials under this legacy v1 URL. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  if (env.DOCKER_CONFIG) return join(env.DOCKER_CONFIG, 'config.json');
  return join(env.HOME || env.USERPROFILE || homedir(), '.docker', 'config.json');
}

/** The parsed config, or undefined when there is no file. */
export async function readDockerConfig(path: string): Promise<DockerConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SignImageError('REGISTRY_CONFIG_INVALID', `cannot read the Docker config ${path}`, {
      cause: err,
    });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as DockerConfigFile;
  } catch {
    // No cause: newer Node versions quote the offending JSON, i.e. possibly a password.
    throw new SignImageError(
      'REGISTRY_CONFIG_INVALID',
      `the Docker config ${path} is not valid JSON`,
      {
        hint: 'Fix or remove the file, or pass `registry-username`/`registry-password`',
      },
    );
  }
}

/** Keys to try, most specific first (ggcr): `<registry>/<repository>`, then the registry's own key. */
export function lookupKeys(registry: string, repository: string): string[] {
  const host = registry.toLowerCase();
  if (DOCKER_HUB_HOSTS.has(host)) return [`index.docker.io/${repository}`, DOCKER_HUB_KEY];
  return [`${host}/${repository}`, host];
}

/** docker/cli ConvertToHostname: `https://ghcr.io/v1/` → `ghcr.io`. */
export function toHostname(key: string): string {
  const stripped = key.replace(/^https?:\/\//i, '');
  return stripped.split('/')[0]!.toLowerCase();
}

// Registry-level keys also match entries written as URLs (`https://host`, `http://host/v1/`), as
// docker does; repository-level keys match only exactly.
function isRegistryKey(key: string): boolean {
  return key === DOCKER_HUB_KEY || !key.includes('/');
}

function lookup<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  if (!map || typeof map !== 'object') return undefined;
  if (Object.hasOwn(map, key)) return map[key];
  if (!isRegistryKey(key)) return undefined;
  const host = toHostname(key);
  const match = Object.keys(map).find((k) => toHostname(k) === host);
  return match === undefined ? undefined : map[match];
}

/** The `credHelpers` helper name for `key`, if one is configured. */
export function findCredHelper(config: DockerConfigFile, key: string): string | undefined {
  const name = lookup(config.credHelpers, key);
  return typeof name === 'string' && name ? name : undefined;
}

/** The `auths` entry for `key`, if any. */
export function findAuthEntry(config: DockerConfigFile, key: string): AuthEntry | undefined {
  const entry = lookup(config.auths, key);
  return typeof entry === 'object' && entry !== null ? entry : undefined;
}

/** Credentials in an entry; an empty entry (a credsStore placeholder) yields none. */
export function entryCredentials(entry: AuthEntry | undefined): Credentials | undefined {
  if (!entry) return undefined;
  if (entry.registrytoken) return { registryToken: entry.registrytoken };
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new SignImageError(
        'REGISTRY_CONFIG_INVALID',
        'a Docker config `auth` value is not base64 of `user:password`',
        {
          hint: 'Log in again (docker/login-action) or pass `registry-username`/`registry-password`',
        },
      );
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password !== undefined)
    return { username: entry.username, password: entry.password };
  return undefined;
}
