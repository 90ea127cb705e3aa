// Runs the action the way the GitHub runner does: `node dist/index.js` with every input as
// INPUT_<NAME> (upper-cased, spaces to `_`, hyphens kept; action.yml defaults filled in),
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, RUNNER_TEMP, and no inherited environment.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { readState, REPO_ROOT, TESTBED_DIR } from '../../test-env/state.js';
import { loadTestbed } from './testbed.js';

export interface RunOptions {
  oidc?: boolean; // set ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN to the bed's token endpoint
  node?: string; // default: $SIGN_IMAGE_NODE or this Node (the runner uses node24)
  entry?: string; // default: dist/index.js (verify/dist/index.js for the verify action)
  /** Which action: the signer (action.yml) or the verify action (verify/action.yml). */
  action?: 'sign' | 'verify';
  timeoutMs?: number;
}

export interface ActionResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  errors: string[]; // ::error:: messages
  warnings: string[];
  masked: string[]; // values passed to ::add-mask::
  files: string[]; // files the action wrote under RUNNER_TEMP or the workspace
  dir: string; // this run's scratch dir (kept until the bed restarts)
  durationMs: number;
}

// Input defaults from action.yml, as the runner supplies them. A small reader for the flat
// `inputs:` block (name, then `default:`), enough for this repository's action.yml.
export function actionDefaults(file = path.join(REPO_ROOT, 'action.yml')): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  let inInputs = false;
  let current: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:');
    if (!inInputs) continue;
    const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (name) current = name[1];
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current) out[current] = def[1]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

// Parses the GITHUB_OUTPUT file: `name<<DELIM\nvalue\nDELIM` blocks and plain `name=value`.
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

const command = (stdout: string, name: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${name}`))
    .map((l) => l.slice(l.indexOf('::', 2) + 2));

function unescapeCommandData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  opts: RunOptions = {},
): Promise<ActionResult> {
  const runs = path.join(TESTBED_DIR, 'runs');
  mkdirSync(runs, { recursive: true });
  const dir = mkdtempSync(path.join(runs, 'run-'));
  const paths = {
    output: path.join(dir, 'github_output'),
    summary: path.join(dir, 'step_summary.md'),
    temp: path.join(dir, 'runner_temp'),
    workspace: path.join(dir, 'workspace'),
    home: path.join(dir, 'home'),
  };
  for (const d of [paths.temp, paths.workspace, paths.home]) mkdirSync(d);
  writeFileSync(paths.output, '');
  writeFileSync(paths.summary, '');

  const inputEnv: Record<string, string> = {};
  // Every run trusts the bed's Sigstore through its trusted_root.json, as a workflow using a
  // private instance must; a test passes `'trusted-root': ''` to run without it.
  const bedRoot = readState()?.trustedRootPath;
  const trust = bedRoot ? { 'trusted-root': bedRoot } : {};
  const verify = opts.action === 'verify';
  const defaults = actionDefaults(
    path.join(REPO_ROOT, verify ? 'verify/action.yml' : 'action.yml'),
  );
  for (const [k, v] of Object.entries({ ...defaults, ...trust, ...inputs })) {
    inputEnv[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  }
  const oidc = opts.oidc ? loadTestbed().oidc : undefined;
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: paths.home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_WORKSPACE: paths.workspace,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4000',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: paths.temp,
    RUNNER_OS: 'Linux',
    ...(oidc
      ? {
          ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
        }
      : {}),
    ...inputEnv,
    ...env,
  };

  const started = Date.now();
  const node = opts.node ?? process.env.SIGN_IMAGE_NODE ?? process.execPath;
  // SIGN_IMAGE_ENTRY lets a developer test a build of their own without touching dist/.
  const entry =
    opts.entry ??
    (verify
      ? (process.env.SIGN_IMAGE_VERIFY_ENTRY ?? path.join(REPO_ROOT, 'verify', 'dist', 'index.js'))
      : (process.env.SIGN_IMAGE_ENTRY ?? path.join(REPO_ROOT, 'dist', 'index.js')));
  const child = spawn(node, [entry], {
    cwd: paths.workspace,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 110000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);

  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(paths.output, 'utf8')),
    summary: readFileSync(paths.summary, 'utf8'),
    errors: command(stdout, 'error'),
    warnings: command(stdout, 'warning'),
    // The runner unescapes command data (%0D, %0A, %25) before it registers a mask.
    masked: command(stdout, 'add-mask').map(unescapeCommandData),
    files: [...listFiles(paths.temp), ...listFiles(paths.workspace)],
    dir,
    durationMs: Date.now() - started,
  };
}

/** Runs the verify action (verify/dist/index.js) as the runner does, with verify/action.yml's defaults. */
export function runVerify(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  opts: Omit<RunOptions, 'action'> = {},
): Promise<ActionResult> {
  return runAction(inputs, env, { ...opts, action: 'verify' });
}
