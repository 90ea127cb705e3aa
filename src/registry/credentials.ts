// Where registry credentials come from: a chain of keychains, first hit wins (ggcr
// NewMultiKeychain): the action's explicit inputs, then the Docker config that
// docker/login-action writes (credHelpers → auths → credsStore), then anonymous.

import * as core from '@actions/core';
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
  /** The `registry-username` / `registry-password` inputs; used for every registry when set. */
  username?: string;
  password?: string;
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
    chain.push(staticKeychain({ username: opts.username ?? '', password: opts.password ?? '' }));
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
