// Runs a peer tool and collects its output; never throws on a non-zero exit.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { TESTBED_DIR } from '../../test-env/state.js';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function exec(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    // A tool that exits without reading its input (openssl ts -query with -in) closes the pipe
    // first; its exit code and output say how it went, so that EPIPE is no error of its own.
    child.stdin.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') reject(err);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

// A clean environment for a peer: no SIGSTORE_*, DOCKER_CONFIG or TUF state from the caller.
export function peerEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TUF_ROOT: `${home}/.sigstore`,
    ...extra,
  };
}

// A fresh scratch dir under .testbed/tmp: wiped with the bed, never left in the system's /tmp.
export function scratch(prefix: string): string {
  const base = path.join(TESTBED_DIR, 'tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}
