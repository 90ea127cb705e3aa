// The real HashiCorp Vault dev server (`vault server -dev`, built by install-peers.sh) on
// 127.0.0.1 with the transit engine, behind a small HTTP front that counts the transit
// requests it forwards, so a test can check one sign request per signature.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../test-env/state.js';
import { scratch } from './exec.js';

export const VAULT_BIN = path.join(REPO_ROOT, '.peers', 'bin', 'vault');

export interface VaultDev {
  /** The front's URL: what VAULT_ADDR is set to. */
  addr: string;
  /** Vault itself, for setting keys up. */
  directAddr: string;
  token: string;
  env(extra?: Record<string, string>): Record<string, string>;
  /** Requests forwarded so far, per `METHOD /v1/transit/<op>` (sign, keys…). */
  counts(): Record<string, number>;
  /** Creates a transit key of `type` (ecdsa-p256, ecdsa-p384, rsa-2048, aes256-gcm96…). */
  createKey(name: string, type: string): Promise<void>;
  /** One API call straight to Vault. */
  api(method: string, apiPath: string, body?: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startVaultDev(): Promise<VaultDev> {
  if (!existsSync(VAULT_BIN)) {
    throw new Error(`${VAULT_BIN} is missing: run \`bash test-env/install-peers.sh\``);
  }
  const home = scratch('vault-dev');
  const token = 'sign-image-e2e-root-token';
  const port = await freePort();
  const child = spawn(
    VAULT_BIN,
    ['server', '-dev', `-dev-root-token-id=${token}`, `-dev-listen-address=127.0.0.1:${port}`],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, VAULT_DISABLE_MLOCK: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const directAddr = `http://127.0.0.1:${port}`;

  const api = async (method: string, apiPath: string, body?: unknown) => {
    const r = await fetch(`${directAddr}${apiPath}`, {
      method,
      headers: { 'X-Vault-Token': token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`vault ${method} ${apiPath}: ${r.status} ${text}`);
    return text ? ((JSON.parse(text) as { data?: Record<string, unknown> }).data ?? {}) : {};
  };
  // Ready once sys/health answers (the dev server unseals itself).
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vault exited: ${log}`);
    try {
      const r = await fetch(`${directAddr}/v1/sys/health`);
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > 30000) throw new Error(`vault did not start: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await api('POST', '/v1/sys/mounts/transit', { type: 'transit' });

  const counts: Record<string, number> = {};
  const front: Server = createServer((req, res) => {
    const m = /^\/v1\/transit\/(\w+)/.exec(req.url ?? '');
    if (m) counts[`${req.method} ${m[1]}`] = (counts[`${req.method} ${m[1]}`] ?? 0) + 1;
    const upstream = request(
      `${directAddr}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const addr = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;

  return {
    addr,
    directAddr,
    token,
    env: (extra = {}) => ({ VAULT_ADDR: addr, VAULT_TOKEN: token, ...extra }),
    counts: () => ({ ...counts }),
    createKey: async (name, type) => {
      await api('POST', `/v1/transit/keys/${name}`, { type });
    },
    api,
    stop: async () => {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      front.closeAllConnections();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
  };
}
