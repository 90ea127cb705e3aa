// Docker credential helpers: `docker-credential-<name> get` reads the server URL on stdin and
// prints `{"ServerURL","Username","Secret"}`.
// https://github.com/docker/docker-credential-helpers#development
// Helpers run silent: their output may hold the secret and must never reach the log, nor any
// error message.

import type { ExecOptions, ExecOutput } from '@actions/exec';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { SignImageError } from '../errors.js';
import type { Credentials } from './types.js';

/** The slice of @actions/exec getExecOutput that helpers need. */
export type ExecFn = (command: string, args: string[], options: ExecOptions) => Promise<ExecOutput>;

// docker-credential-helpers' ErrCredentialsNotFound text; docker treats it as "no credentials".
const NOT_FOUND = /credentials not found/i;

/** Runs one helper for `serverUrl`: credentials, undefined when it has none, or a thrown error. */
export async function runCredentialHelper(
  name: string,
  serverUrl: string,
  opts: { exec: ExecFn; env: NodeJS.ProcessEnv; configPath: string },
): Promise<Credentials | undefined> {
  const command = `docker-credential-${name}`;
  const hint = `Install ${command} on the runner, fix it, or remove it from credHelpers/credsStore in ${opts.configPath}`;
  if (/[\\/]/.test(name)) {
    throw new SignImageError(
      'REGISTRY_CREDENTIAL_HELPER_FAILED',
      `credential helper name "${name}" is not a plain name`,
      { hint },
    );
  }
  const executable = await findOnPath(command, opts.env);
  if (!executable) {
    throw new SignImageError(
      'REGISTRY_CREDENTIAL_HELPER_FAILED',
      `credential helper ${command} is not on PATH`,
      { hint },
    );
  }
  let result: ExecOutput;
  try {
    result = await opts.exec(executable, ['get'], {
      input: Buffer.from(serverUrl, 'utf8'),
      silent: true,
      ignoreReturnCode: true,
      env: stringEnv(opts.env),
    });
  } catch (err) {
    throw new SignImageError(
      'REGISTRY_CREDENTIAL_HELPER_FAILED',
      `credential helper ${command} could not be run`,
      { hint, cause: err },
    );
  }
  if (result.exitCode !== 0) {
    if (NOT_FOUND.test(result.stdout) || NOT_FOUND.test(result.stderr)) return undefined;
    throw new SignImageError(
      'REGISTRY_CREDENTIAL_HELPER_FAILED',
      `credential helper ${command} failed for ${serverUrl} (exit code ${result.exitCode})`,
      { hint },
    );
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(result.stdout) as typeof answer;
  } catch {
    answer = {};
  }
  if (typeof answer !== 'object' || answer === null || typeof answer.Secret !== 'string') {
    throw new SignImageError(
      'REGISTRY_CREDENTIAL_HELPER_FAILED',
      `credential helper ${command} printed no valid credentials for ${serverUrl}`,
      { hint },
    );
  }
  if (!answer.Secret) return undefined;
  // docker's convention: the user name "<token>" marks the secret as an identity (refresh) token.
  if (answer.Username === '<token>') return { identityToken: answer.Secret };
  return {
    username: typeof answer.Username === 'string' ? answer.Username : '',
    password: answer.Secret,
  };
}

// Looked up on the PATH of the environment we were given (not only process.env), so the
// helper we check for is the one that runs.
async function findOnPath(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const windows = process.platform === 'win32';
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = join(dir, command + ext);
      try {
        await access(candidate, windows ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
