// The real servers of the test bed, built from their Go modules by install-peers.sh (shared docs
// test-peers.md, issue 13): the real Rekor v1 on Trillian and MariaDB, the Sigstore timestamp
// authority, distribution v3.1 (referrers API answers 404: the fallback-tag registry) and our
// referrers-API registry (test-env/peers/referrers-registry). testbed.ts starts them unless
// `--no-real` is given and records them under `state.real`.
//
// Rekor and the TSA hard-code a metrics listener on :2112 (the TSA exits when it is taken, Rekor
// takes it silently), and several test beds share this machine: each of the two runs in its own
// network namespace (`unshare -n`), reached through a Unix socket bridge (real/bridge.ts), so
// their fixed ports never meet another bed's. The registries take a free port on 127.0.0.1.
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive, PEERS_BIN, REPO_ROOT } from './state.js';
import { htpasswdAuth, writeRegistryConfig } from './registry-config.js';

export interface RealPeers {
  rekor: {
    url: string;
    publicKeyPath: string; // PEM, from GET /api/v1/log/publicKey
    logID: string; // hex sha256 of the key's SPKI
    treeID: string;
    /** The bed's trusted root with this Rekor as its only transparency log (cosign 3.1). */
    trustedRootPath: string;
  };
  tsa: { url: string };
  /** distribution v3.1: no referrers API (404), htpasswd; same user and password as the bed's. */
  distribution: { host: string };
  /** Our OCI 1.1 registry: referrers API and `OCI-Subject`, Basic auth. */
  referrers: { host: string };
  /** The same registry without `OCI-Subject` (as go-containerregistry's own): clients probe. */
  referrersNoSubject: { host: string };
}

export interface StartedReal {
  real: RealPeers;
  pids: Record<string, number>;
  logs: Record<string, string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Launch = (cmd: string, args: string[], log: string, env?: Record<string, string>) => number;

async function until<T>(
  what: string,
  pid: number,
  log: string,
  probe: () => Promise<T | undefined>,
  ms = 120000,
): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(150)) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (!isAlive(pid)) break;
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`${what} did not come up (see ${log}):\n${tail}`);
}

function need(name: string): string {
  const bin = path.join(PEERS_BIN, name);
  if (!existsSync(bin))
    throw new Error(
      `${bin} is missing: run bash test-env/install-peers.sh (or start with --no-real)`,
    );
  return bin;
}

// The bed's trusted root with `tlogs` replaced by the real Rekor's key (keyId = sha256 of SPKI).
function trustedRootFor(bedRoot: string, url: string, pem: string, out: string): string {
  const root = JSON.parse(readFileSync(bedRoot, 'utf8')) as {
    tlogs: { publicKey: { validFor: { start: string } } }[];
  };
  const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  root.tlogs = [
    {
      baseUrl: url,
      hashAlgorithm: 'SHA2_256',
      publicKey: {
        rawBytes: spki.toString('base64'),
        keyDetails: 'PKIX_ECDSA_P256_SHA_256',
        validFor: { start: root.tlogs[0]!.publicKey.validFor.start },
      },
      logId: { keyId: createHash('sha256').update(spki).digest('base64') },
    } as never,
  ];
  writeFileSync(out, JSON.stringify(root, null, 2) + '\n');
  return createHash('sha256').update(spki).digest('hex');
}

export async function startRealPeers(opts: {
  dir: string; // .testbed/real
  launch: Launch;
  freePort: () => Promise<number>;
  username: string;
  password: string;
  htpasswd: string; // bcrypt file for distribution
  bedTrustedRoot: string;
  /** Filled as processes start, so a caller can stop them if a later one fails to come up. */
  pids?: Record<string, number>;
}): Promise<StartedReal> {
  const { dir, launch } = opts;
  mkdirSync(dir, { recursive: true });
  for (const b of [
    'rekor-server',
    'trillian_log_server',
    'trillian_log_signer',
    'createtree',
    'timestamp-server',
    'distribution-registry',
    'referrers-registry',
  ])
    need(b);
  const pids: Record<string, number> = opts.pids ?? {};
  const logs: Record<string, string> = {};
  const node = { NODE: process.execPath };

  // Namespaced stacks and their host-side bridge.
  const rekorDir = path.join(dir, 'rekor');
  mkdirSync(rekorDir, { recursive: true });
  const sock = { rekor: path.join(dir, 'rekor.sock'), tsa: path.join(dir, 'tsa.sock') };
  logs.realRekor = path.join(dir, 'rekor.log');
  pids.realRekor = launch(
    'unshare',
    ['-n', 'bash', path.join(REPO_ROOT, 'test-env/real/rekor-stack.sh'), rekorDir, sock.rekor],
    logs.realRekor,
    node,
  );
  logs.realTsa = path.join(dir, 'tsa.log');
  pids.realTsa = launch(
    'unshare',
    ['-n', 'bash', path.join(REPO_ROOT, 'test-env/real/tsa-stack.sh'), sock.tsa],
    logs.realTsa,
    node,
  );
  const portsFile = path.join(dir, 'bridge-ports.json');
  logs.realBridge = path.join(dir, 'bridge.log');
  pids.realBridge = launch(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'test-env/real/bridge.ts'),
      'outside',
      portsFile,
      `rekor=${sock.rekor}`,
      `tsa=${sock.tsa}`,
    ],
    logs.realBridge,
  );

  // Registries on the host.
  const distDir = path.join(dir, 'distribution');
  mkdirSync(distDir, { recursive: true });
  const passwordFile = path.join(dir, 'registry-password');
  writeFileSync(passwordFile, opts.password, { mode: 0o600 });
  const registries = async () => {
    const distPort = await opts.freePort();
    logs.distribution = path.join(dir, 'distribution.log');
    pids.distribution = launch(
      need('distribution-registry'),
      [
        'serve',
        writeRegistryConfig(distDir, { port: distPort, auth: htpasswdAuth(opts.htpasswd) }),
      ],
      logs.distribution,
      { OTEL_TRACES_EXPORTER: 'none' },
    );
    const referrers = async (name: 'referrers' | 'referrersNoSubject', subject: boolean) => {
      const portFile = path.join(dir, `${name}.port`);
      logs[name] = path.join(dir, `${name}.log`);
      pids[name] = launch(
        need('referrers-registry'),
        [
          '-addr',
          '127.0.0.1:0',
          '-user',
          opts.username,
          '-password-file',
          passwordFile,
          `-oci-subject=${subject}`,
          '-port-file',
          portFile,
        ],
        logs[name],
      );
      const port = await until(name, pids[name], logs[name], async () =>
        existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() || undefined : undefined,
      );
      const host = `127.0.0.1:${port}`;
      await until(name, pids[name], logs[name], async () =>
        (await fetch(`http://${host}/v2/`)).status === 401 ? true : undefined,
      );
      return host;
    };
    const [refHost, refPlainHost] = await Promise.all([
      referrers('referrers', true),
      referrers('referrersNoSubject', false),
    ]);
    const distHost = `127.0.0.1:${distPort}`;
    await until('distribution v3', pids.distribution, logs.distribution, async () =>
      (await fetch(`http://${distHost}/v2/`)).status === 401 ? true : undefined,
    );
    return { distHost, refHost, refPlainHost };
  };

  const bridged = async () => {
    const ports = await until(
      'the namespace bridge',
      pids.realBridge!,
      logs.realBridge!,
      async () =>
        existsSync(portsFile)
          ? (JSON.parse(readFileSync(portsFile, 'utf8')) as { rekor: number; tsa: number })
          : undefined,
    );
    const rekorUrl = `http://127.0.0.1:${ports.rekor}`;
    const tsaUrl = `http://127.0.0.1:${ports.tsa}`;
    const pem = await until('the real Rekor', pids.realRekor!, logs.realRekor!, async () => {
      // The tree is ready once GET /api/v1/log answers; then the key.
      if ((await fetch(`${rekorUrl}/api/v1/log`)).status !== 200) return undefined;
      const r = await fetch(`${rekorUrl}/api/v1/log/publicKey`);
      return r.status === 200 ? await r.text() : undefined;
    });
    await until('the real timestamp authority', pids.realTsa!, logs.realTsa!, async () =>
      (await fetch(`${tsaUrl}/api/v1/timestamp/certchain`)).status === 200 ? true : undefined,
    );
    const publicKeyPath = path.join(dir, 'real-rekor.pub');
    writeFileSync(publicKeyPath, pem);
    const trustedRootPath = path.join(dir, 'trusted_root.real-rekor.json');
    const logID = trustedRootFor(opts.bedTrustedRoot, rekorUrl, pem, trustedRootPath);
    const treeID = readFileSync(path.join(rekorDir, 'tree-id'), 'utf8').trim();
    return { rekorUrl, tsaUrl, publicKeyPath, trustedRootPath, logID, treeID };
  };

  const [regs, ns] = await Promise.all([registries(), bridged()]);
  return {
    real: {
      rekor: {
        url: ns.rekorUrl,
        publicKeyPath: ns.publicKeyPath,
        logID: ns.logID,
        treeID: ns.treeID,
        trustedRootPath: ns.trustedRootPath,
      },
      tsa: { url: ns.tsaUrl },
      distribution: { host: regs.distHost },
      referrers: { host: regs.refHost },
      referrersNoSubject: { host: regs.refPlainHost },
    },
    pids,
    logs,
  };
}

/** For status: the real servers answer as they should. */
export async function realStatus(real: RealPeers): Promise<Record<string, boolean>> {
  const code = async (url: string) => (await fetch(url).catch(() => undefined))?.status;
  return {
    realRekor: (await code(`${real.rekor.url}/api/v1/log`)) === 200,
    realTsa: (await code(`${real.tsa.url}/api/v1/timestamp/certchain`)) === 200,
    distribution: (await code(`http://${real.distribution.host}/v2/`)) === 401,
    referrers: (await code(`http://${real.referrers.host}/v2/`)) === 401,
    referrersNoSubject: (await code(`http://${real.referrersNoSubject.host}/v2/`)) === 401,
  };
}
