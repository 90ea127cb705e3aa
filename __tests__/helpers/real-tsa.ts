// The real Sigstore timestamp authority for a suite: the test bed's own when it runs one
// (`state.real.tsa`, started by testbed.ts in its network namespace), else one this suite starts
// from .peers/bin/timestamp-server (install-peers.sh) and stops in afterAll. timestamp-server
// hard-codes its metrics listener on :2112 and exits when that port is taken, so only one
// such instance can run on the host at a time: this one lives only as long as the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PEERS_BIN } from '../../test-env/state.js';
import { scratch } from './exec.js';
import { loadTestbed } from './testbed.js';

export interface RealTsa {
  baseUrl: string;
  /** Its RFC 3161 endpoint, the `tsa-url` to give the action. */
  endpoint: string;
  /** The signing chain, DER, leaf first (GET /api/v1/timestamp/certchain). */
  chainDer: Buffer[];
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

function pemToDer(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map(
    (m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'),
  );
}

async function chainOf(baseUrl: string, child?: ChildProcess): Promise<Buffer[]> {
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(200)) {
    if (child && child.exitCode !== null) break;
    const r = await fetch(`${baseUrl}/api/v1/timestamp/certchain`).catch(() => undefined);
    if (r?.ok) return pemToDer(await r.text());
  }
  throw new Error(`the timestamp authority at ${baseUrl} did not come up`);
}

export async function realTimestampAuthority(): Promise<RealTsa> {
  const bed = (loadTestbed() as { real?: { tsa?: { url: string } } }).real?.tsa;
  if (bed) {
    const baseUrl = bed.url.replace(/\/+$/, '');
    return {
      baseUrl,
      endpoint: `${baseUrl}/api/v1/timestamp`,
      chainDer: await chainOf(baseUrl),
      stop: async () => undefined,
    };
  }
  const bin = path.join(PEERS_BIN, 'timestamp-server');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run bash test-env/install-peers.sh`);
  if (await portTaken(2112)) {
    throw new Error(
      'port 2112 is taken (another timestamp-server, whose metrics port is hard-coded, is running on this host): stop it and re-run',
    );
  }
  const port = await freePort();
  const log = path.join(scratch('timestamp-server'), 'timestamp-server.log');
  const out = openSync(log, 'a');
  const child = spawn(
    bin,
    [
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--timestamp-signer',
      'memory',
      '--disable-ntp-monitoring',
    ],
    { stdio: ['ignore', out, out] },
  );
  closeSync(out); // the child holds its own copy
  child.unref();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    return {
      baseUrl,
      endpoint: `${baseUrl}/api/v1/timestamp`,
      chainDer: await chainOf(baseUrl, child),
      stop,
    };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}; see ${log}`, { cause: err });
  }
}
