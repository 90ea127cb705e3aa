// Where registry credentials come from: a chain of keychains, first hit wins (ggcr
// NewMultiKeychain): the action's explicit inputs, then the Docker config that
// docker/login-action writes (credHelpers → auths → credsStore), then anonymous.

import * as core from '../util/runner.js';
import { getExecOutput } from '@actions/exec';
import { type ExecFn, runCredentialHelper } from './cred-helper.js';
import {
  dockerConfigPath,
  entryCredentials,
  findAuthEntry,
  findCredHelper,
  lookupKeys,
  readDockerConfig,
} from './docker-config.js';
import type { Credentials } from './types.js';

export type { ExecFn } from './cred-helper.js';
export type { Credentials } from './types.js';

/** Finds credentials for one repository of one registry; undefined means anonymous. */
export interface Keychain {
  resolve(registry: string, repository: string): Promise<Credentials | undefined>;
}

export interface DefaultKeychainOptions {
  /**
   * The `registry-username` / `registry-password` inputs; sent to `registry` only (the first
   * image's), never to another registry the run talks to.
   */
  username?: string;
  password?: string;
  /** The one registry (host[:port]) the explicit credentials are for. */
  registry?: string;
  /** Environment for DOCKER_CONFIG, HOME and the helpers (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Runs a credential helper (default @actions/exec getExecOutput; always called silent). */
  exec?: ExecFn;
  /** Registers a secret read from the config or a helper (default core.setSecret). */
  maskSecret?: (secret: string) => void;
}

/** The first keychain that knows credentials wins; errors are not skipped. */
export function multiKeychain(keychains: Keychain[]): Keychain {
  return {
    async resolve(registry, repository) {
      for (const keychain of keychains) {
        const found = await keychain.resolve(registry, repository);
        if (found) return found;
      }
      return undefined;
    },
  };
}

/** Always the same credentials, e.g. from the action's inputs. */
export function staticKeychain(credentials: Credentials): Keychain {
  return { resolve: async () => credentials };
}

/** Explicit inputs, then the Docker config; what the action uses. */
export function defaultKeychain(opts: DefaultKeychainOptions = {}): Keychain {
  const chain: Keychain[] = [];
  // Inputs are masked where they are read (inputs/read.ts), so they are not masked again here.
  if (opts.username || opts.password) {
    const only = opts.registry;
    const explicit = staticKeychain({
      username: opts.username ?? '',
      password: opts.password ?? '',
    });
    chain.push(
      only === undefined
        ? explicit
        : {
            resolve: (registry, repository) =>
              sameRegistry(registry, only)
                ? explicit.resolve(registry, repository)
                : Promise.resolve(undefined),
          },
    );
  }
  chain.push(dockerConfigKeychain(opts));
  return multiKeychain(chain);
}

/**
 * Reads `$DOCKER_CONFIG/config.json` (else `~/.docker/config.json`) once, lazily: registries that
 * never challenge never cost a file read or a helper run. Helper answers are cached per key.
 */
export function dockerConfigKeychain(
  opts: Omit<DefaultKeychainOptions, 'username' | 'password'> = {},
): Keychain {
  const env = opts.env ?? process.env;
  const exec = opts.exec ?? getExecOutput;
  const mask = opts.maskSecret ?? core.setSecret;
  const path = dockerConfigPath(env);
  let config: ReturnType<typeof readDockerConfig> | undefined;
  const helperAnswers = new Map<string, Promise<Credentials | undefined>>();

  const helper = (name: string, serverUrl: string): Promise<Credentials | undefined> => {
    const cacheKey = `${name}\n${serverUrl}`;
    let answer = helperAnswers.get(cacheKey);
    if (!answer) {
      answer = runCredentialHelper(name, serverUrl, { exec, env, configPath: path });
      helperAnswers.set(cacheKey, answer);
    }
    return answer;
  };

  return {
    async resolve(registry, repository) {
      config ??= readDockerConfig(path);
      const file = await config;
      if (!file) return undefined;
      const keys = lookupKeys(registry, repository);
      let found: Credentials | undefined;
      for (const key of keys) {
        // A helper named for this key owns it: docker never reads `auths` for such a key.
        const helperName = findCredHelper(file, key);
        found = helperName
          ? await helper(helperName, key)
          : entryCredentials(findAuthEntry(file, key));
        if (found) break;
      }
      if (!found && file.credsStore)
        found = await helper(file.credsStore, keys[keys.length - 1] ?? registry);
      if (found) maskCredentials(found, mask);
      return found;
    },
  };
}

function maskCredentials(credentials: Credentials, mask: (secret: string) => void): void {
  if ('password' in credentials && credentials.password) mask(credentials.password);
  if ('identityToken' in credentials) mask(credentials.identityToken);
  if ('registryToken' in credentials) mask(credentials.registryToken);
}

// Docker Hub answers under several names; every other registry is its host[:port], compared
// case-insensitively.
function sameRegistry(a: string, b: string): boolean {
  const hub = (r: string) =>
    ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(r) ? 'docker.io' : r;
  return hub(a.toLowerCase()) === hub(b.toLowerCase());
}

/**
 * The line a run spanning several registries prints when explicit credentials are given: which
 * registry gets them (the others use the Docker config or go anonymous). Undefined otherwise.
 */
export function explicitCredentialsNote(
  registries: readonly string[],
  explicit: boolean,
): string | undefined {
  const distinct = [...new Set(registries.map((r) => r.toLowerCase()))];
  if (!explicit || distinct.length < 2) return undefined;
  const [first, ...others] = distinct;
  return `registry-username/registry-password are sent to ${first} only (the first image's registry); ${others.join(', ')} get credentials from the Docker config, or none`;
}
