// The test bed's state file (.testbed/state.json): what `testbed.ts start` started and where.
// Tests, the demo and the benchmark code against these names; add fields, don't rename them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealPeers } from './real-peers.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TESTBED_DIR = path.join(REPO_ROOT, '.testbed');
export const STATE_PATH = path.join(TESTBED_DIR, 'state.json');
export const PEERS_BIN = path.join(REPO_ROOT, '.peers', 'bin');

export interface TestbedState {
  dir: string;
  clock: string; // the Sigstore services' fixed time (ISO 8601)
  registry: {
    host: string; // 127.0.0.1:PORT, plain HTTP
    username: string;
    password: string;
    dockerConfigDir: string; // holds config.json with `auths` for host
    storageDir: string;
  };
  /**
   * The same docker-registry with distribution's token auth (token-issuer.ts): a Bearer
   * challenge, then a JWT per repository scope from `realm`, with the bed's user and password;
   * `reader` (the same password) only gets `pull`, as a job without `packages: write`.
   */
  tokenRegistry: { host: string; realm: string; service: string; reader: string; statsUrl: string };
  rekor: { url: string; publicKeyPath: string; logID: string };
  /** `wallClockUrl`: the same CA issuing from the wall clock (signing into the real Rekor). */
  fulcio: { url: string; rootPath: string; chainPath: string; wallClockUrl?: string };
  ctlog: { publicKeyPath: string };
  tsa: { url: string; chainPath: string };
  oidc: { url: string; requestUrl: string; requestToken: string; issuer: string };
  stats: { url: string }; // GET: per-service, per-route request counts; DELETE: reset
  faults: { url: string }; // POST {service, method, path, status?, times?, delayMs?}; DELETE: clear
  trustedRootPath: string;
  signingConfigPath: string; // cosign 3.1 --signing-config for the local Fulcio + Rekor
  peers: { cosign2: string; cosign3: string; skopeo: string };
  /** The real servers (real-peers.ts); absent when the bed was started with --no-real. */
  real?: RealPeers;
  pids: { registry: number; sigstore: number } & Record<string, number>;
  logs: { registry: string; sigstore: string } & Record<string, string>;
}

export function readState(file = STATE_PATH): TestbedState | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TestbedState) : undefined;
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
