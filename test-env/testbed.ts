// Starts and stops everything the end-to-end tests run against, detached so it outlives this
// command: Debian's docker-registry (127.0.0.1, htpasswd, delete enabled), a second one with
// token auth and its issuer (token-issuer.ts), and the local Sigstore services. Writes
// .testbed/state.json (see state.ts) and .testbed/env.
//
// With the real servers built by install-peers.sh (real-peers.ts: the real Rekor on Trillian and
// MariaDB, the timestamp authority, distribution v3 and a referrers-API registry) unless
// `start --no-real` is given; they are recorded under `state.real`.
//
//   npx tsx test-env/testbed.ts start [--no-real] | stop | status
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { realStatus, startRealPeers, type StartedReal } from './real-peers.js';
import { htpasswdAuth, tokenAuth, writeRegistryConfig } from './registry-config.js';
import type { SigstoreInfo } from './sigstore-services.js';
import {
  isAlive,
  PEERS_BIN,
  readState,
  REPO_ROOT,
  STATE_PATH,
  TESTBED_DIR,
  type TestbedState,
} from './state.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Detached in its own process group, so `stop` can end it and its children by id.
function launch(
  cmd: string,
  args: string[],
  log: string,
  extra: Record<string, string> = {},
): number {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REGISTRY_'))),
    ...extra,
  };
  const out = openSync(log, 'a');
  const child = spawn(cmd, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  return child.pid!;
}

async function until<T>(
  what: string,
  pid: number,
  log: string,
  probe: () => Promise<T | undefined>,
  ms = 60000,
): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (!isAlive(pid)) break;
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`${what} did not come up (see ${log}):\n${tail}`);
}

async function startRegistry(): Promise<{
  state: TestbedState['registry'];
  pid: number;
  log: string;
}> {
  const username = 'testbed';
  const password = randomBytes(12).toString('hex');
  const storageDir = path.join(TESTBED_DIR, 'registry');
  const htpasswd = path.join(TESTBED_DIR, 'htpasswd');
  writeFileSync(htpasswd, execFileSync('htpasswd', ['-Bbn', username, password]));
  const log = path.join(TESTBED_DIR, 'registry.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = writeRegistryConfig(TESTBED_DIR, {
      port,
      auth: htpasswdAuth(htpasswd),
      name: 'registry.yml',
      storageDir,
    });
    const pid = launch('docker-registry', ['serve', config], log);
    try {
      // 401 means it is up and asking for credentials.
      await until(
        'docker-registry',
        pid,
        log,
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/v2/`);
          return r.status === 401 ? true : undefined;
        },
        20000,
      );
    } catch (e) {
      if (attempt < 3) continue; // someone took the port in between; try another
      throw e;
    }
    const host = `127.0.0.1:${port}`;
    const dockerConfigDir = path.join(TESTBED_DIR, 'docker');
    mkdirSync(dockerConfigDir, { recursive: true });
    writeDockerConfig(dockerConfigDir, [host], username, password);
    return { state: { host, username, password, dockerConfigDir, storageDir }, pid, log };
  }
}

// The second registry: the same docker-registry with distribution's token auth, as GHCR, Docker
// Hub and ECR answer (a Bearer challenge, a JWT per repository scope from the realm), served by
// token-issuer.ts with the bed's user. The benchmark runs on both registries; the e2e suite
// checks that what the action writes through it verifies.
async function startTokenRegistry(
  username: string,
  password: string,
): Promise<{
  state: TestbedState['tokenRegistry'];
  pids: Record<string, number>;
  logs: Record<string, string>;
}> {
  const dir = path.join(TESTBED_DIR, 'token-registry');
  mkdirSync(dir, { recursive: true });
  const [keyPath, certPath] = [path.join(dir, 'issuer-key.pem'), path.join(dir, 'issuer-cert.pem')];
  const issuer = 'bed-token-issuer';
  const service = 'bed-token-registry';
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '30',
      '-subj',
      `/CN=${issuer}`,
    ],
    { stdio: 'ignore' },
  );
  const issuerLog = path.join(dir, 'issuer.log');
  const registryLog = path.join(dir, 'registry.log');
  const reader = `${username}-reader`; // pull only (token-issuer.ts)
  for (let attempt = 1; ; attempt++) {
    const [issuerPort, port] = [await freePort(), await freePort()];
    const script = path.join(REPO_ROOT, 'test-env', 'token-issuer.ts');
    const issuerPid = launch(
      process.execPath,
      ['--import', 'tsx', script, String(issuerPort), keyPath, certPath, issuer],
      issuerLog,
      { TOKEN_USERNAME: username, TOKEN_READER: reader, TOKEN_PASSWORD: password },
    );
    const realm = `http://127.0.0.1:${issuerPort}/token`;
    const config = writeRegistryConfig(dir, {
      port,
      auth: tokenAuth({ realm, service, issuer, rootcertbundle: certPath }),
      name: 'registry.yml',
    });
    const pid = launch('docker-registry', ['serve', config], registryLog);
    try {
      await until('token issuer', issuerPid, issuerLog, async () =>
        (await fetch(`http://127.0.0.1:${issuerPort}/stats`)).ok ? true : undefined,
      );
      // A Bearer challenge means it is up and sends clients to the issuer.
      await until(
        'docker-registry (token auth)',
        pid,
        registryLog,
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/v2/`);
          return r.status === 401 && /^Bearer /i.test(r.headers.get('www-authenticate') ?? '')
            ? true
            : undefined;
        },
        20000,
      );
    } catch (e) {
      for (const p of [issuerPid, pid]) {
        try {
          process.kill(-p, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      if (attempt < 3) continue; // a port was taken in between; try others
      throw e;
    }
    return {
      state: {
        host: `127.0.0.1:${port}`,
        realm,
        service,
        reader,
        statsUrl: `http://127.0.0.1:${issuerPort}/stats`,
      },
      pids: { tokenRegistry: pid, tokenIssuer: issuerPid },
      logs: { tokenRegistry: registryLog, tokenIssuer: issuerLog },
    };
  }
}

// One set of credentials for every registry of the bed, so cosign, skopeo and the action find
// them in DOCKER_CONFIG whichever registry a test uses.
function writeDockerConfig(dir: string, hosts: string[], username: string, password: string) {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  const auths = Object.fromEntries(hosts.map((h) => [h, { auth }]));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths }, null, 2) + '\n');
}

async function startSigstore(): Promise<{ info: SigstoreInfo; pid: number; log: string }> {
  const log = path.join(TESTBED_DIR, 'sigstore.log');
  const file = path.join(TESTBED_DIR, 'sigstore.json');
  const script = path.join(REPO_ROOT, 'test-env', 'sigstore-services.ts');
  const pid = launch(process.execPath, ['--import', 'tsx', script, 'serve', TESTBED_DIR], log);
  const info = await until('sigstore services', pid, log, async () =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SigstoreInfo) : undefined,
  );
  return { info, pid, log };
}

function envFile(s: TestbedState): string {
  const vars: Record<string, string> = {
    TESTBED_STATE: STATE_PATH,
    TESTBED_REGISTRY: s.registry.host,
    TESTBED_REGISTRY_USERNAME: s.registry.username,
    TESTBED_REGISTRY_PASSWORD: s.registry.password,
    TESTBED_TOKEN_REGISTRY: s.tokenRegistry.host,
    TESTBED_REKOR_URL: s.rekor.url,
    TESTBED_FULCIO_URL: s.fulcio.url,
    TESTBED_TSA_URL: s.tsa.url,
    TESTBED_OIDC_REQUEST_URL: s.oidc.requestUrl,
    TESTBED_OIDC_REQUEST_TOKEN: s.oidc.requestToken,
    TESTBED_STATS_URL: s.stats.url,
    TESTBED_TRUSTED_ROOT: s.trustedRootPath,
    TESTBED_SIGNING_CONFIG: s.signingConfigPath,
    DOCKER_CONFIG: s.registry.dockerConfigDir,
    // cosign 2.5's offline trust (it ignores --trusted-root for these).
    SIGSTORE_REKOR_PUBLIC_KEY: s.rekor.publicKeyPath,
    SIGSTORE_ROOT_FILE: s.fulcio.rootPath,
    SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: s.ctlog.publicKeyPath,
    COSIGN2: s.peers.cosign2,
    COSIGN3: s.peers.cosign3,
    SKOPEO: s.peers.skopeo,
    ...(s.real
      ? {
          TESTBED_REAL_REKOR_URL: s.real.rekor.url,
          TESTBED_REAL_REKOR_PUBLIC_KEY: s.real.rekor.publicKeyPath,
          TESTBED_REAL_TRUSTED_ROOT: s.real.rekor.trustedRootPath,
          TESTBED_REAL_TSA_URL: s.real.tsa.url,
          TESTBED_DISTRIBUTION_REGISTRY: s.real.distribution.host,
          TESTBED_REFERRERS_REGISTRY: s.real.referrers.host,
        }
      : {}),
  };
  return (
    Object.entries(vars)
      .map(([k, v]) => `export ${k}='${v}'`)
      .join('\n') + '\n'
  );
}

export async function start(opts: { real?: boolean } = {}): Promise<TestbedState> {
  const withReal = opts.real ?? true;
  const running = readState();
  // A bed started before it had a token registry is started anew.
  if (
    running?.tokenRegistry &&
    Object.values(running.pids).every(isAlive) &&
    Boolean(running.real) === withReal
  )
    return running;
  await stop();
  rmSync(TESTBED_DIR, { recursive: true, force: true });
  mkdirSync(TESTBED_DIR, { recursive: true });
  const [reg, sig] = await Promise.all([startRegistry(), startSigstore()]);
  const tok = await startTokenRegistry(reg.state.username, reg.state.password).catch(
    async (err: unknown) => {
      writeFileSync(
        STATE_PATH,
        JSON.stringify({ pids: { registry: reg.pid, sigstore: sig.pid } }) + '\n',
      );
      await stop();
      throw err;
    },
  );
  let real: StartedReal | undefined;
  const realPids: Record<string, number> = {};
  try {
    real = withReal
      ? await startRealPeers({
          dir: path.join(TESTBED_DIR, 'real'),
          launch,
          freePort,
          username: reg.state.username,
          password: reg.state.password,
          htpasswd: path.join(TESTBED_DIR, 'htpasswd'),
          bedTrustedRoot: sig.info.trust.trustedRoot,
          pids: realPids,
        })
      : undefined;
  } catch (err) {
    // Leave nothing running: record what was started so stop() can end it.
    writeFileSync(
      STATE_PATH,
      JSON.stringify({ pids: { registry: reg.pid, sigstore: sig.pid, ...tok.pids, ...realPids } }) +
        '\n',
    );
    await stop();
    throw err;
  }
  const r = real?.real;
  writeDockerConfig(
    reg.state.dockerConfigDir,
    [
      reg.state.host,
      tok.state.host,
      ...(r ? [r.distribution.host, r.referrers.host, r.referrersNoSubject.host] : []),
    ],
    reg.state.username,
    reg.state.password,
  );
  const t = sig.info.trust;
  const state: TestbedState = {
    dir: TESTBED_DIR,
    clock: sig.info.clock,
    registry: reg.state,
    tokenRegistry: tok.state,
    rekor: {
      url: sig.info.rekor.url,
      publicKeyPath: t.rekorPublicKey,
      logID: sig.info.rekor.logID,
    },
    fulcio: {
      url: sig.info.fulcio.url,
      rootPath: t.fulcioRoot,
      chainPath: t.fulcioChain,
      wallClockUrl: sig.info.fulcio.wallClockUrl,
    },
    ctlog: { publicKeyPath: t.ctlogPublicKey },
    tsa: { url: sig.info.tsa.url, chainPath: t.tsaChain },
    oidc: { ...sig.info.oidc, issuer: 'https://token.actions.githubusercontent.com' },
    stats: sig.info.stats,
    faults: sig.info.faults,
    trustedRootPath: t.trustedRoot,
    signingConfigPath: t.signingConfig,
    peers: {
      cosign2: path.join(PEERS_BIN, 'cosign2'),
      cosign3: path.join(PEERS_BIN, 'cosign3'),
      skopeo: path.join(PEERS_BIN, 'skopeo'),
    },
    ...(real ? { real: real.real } : {}),
    pids: { registry: reg.pid, sigstore: sig.pid, ...tok.pids, ...real?.pids },
    logs: { registry: reg.log, sigstore: sig.log, ...tok.logs, ...real?.logs },
  };
  writeFileSync(STATE_PATH, JSON.stringify(state, null, 2) + '\n');
  writeFileSync(path.join(TESTBED_DIR, 'env'), envFile(state));
  return state;
}

export async function stop(): Promise<void> {
  const s = readState();
  const pids = Object.values(s?.pids ?? {}).filter(isAlive);
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  for (let i = 0; i < 50 && pids.some(isAlive); i++) await sleep(100);
  // Every group, not only those whose leader lives: a server inside a namespaced stack can
  // outlast its shell (Trillian's log signer takes ~8 s to stop on SIGTERM).
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* the whole group is gone */
    }
  }
  rmSync(STATE_PATH, { force: true });
}

async function status(): Promise<boolean> {
  const s = readState();
  if (!s) return false;
  const up = async (url: string) => (await fetch(url).catch(() => undefined))?.status;
  const checks: Record<string, boolean> = {
    registry: isAlive(s.pids.registry) && (await up(`http://${s.registry.host}/v2/`)) === 401,
    sigstore: isAlive(s.pids.sigstore) && (await up(s.stats.url)) === 200,
    tokenRegistry:
      isAlive(s.pids.tokenRegistry) && (await up(`http://${s.tokenRegistry.host}/v2/`)) === 401,
    tokenIssuer: isAlive(s.pids.tokenIssuer) && (await up(s.tokenRegistry.statsUrl)) === 200,
    ...(s.real ? await realStatus(s.real) : {}),
  };
  console.log(
    JSON.stringify({
      ...checks,
      registry_host: s.registry.host,
      rekor: s.rekor.url,
      fulcio: s.fulcio.url,
      ...(s.real ? { real: s.real } : {}),
    }),
  );
  return Object.values(checks).every(Boolean);
}

const cmd = process.argv[2];
if (path.resolve(process.argv[1] ?? '') === path.join(REPO_ROOT, 'test-env', 'testbed.ts')) {
  if (cmd === 'start') {
    const t0 = Date.now();
    const s = await start({ real: !process.argv.includes('--no-real') });
    console.log(
      `test bed up in ${Date.now() - t0} ms: registry ${s.registry.host} (token auth: ${s.tokenRegistry.host}), rekor ${s.rekor.url}` +
        (s.real
          ? `, real Rekor ${s.real.rekor.url}, real TSA ${s.real.tsa.url}, distribution v3 ${s.real.distribution.host}, referrers registry ${s.real.referrers.host}`
          : ' (no real servers: --no-real)') +
        `, state ${STATE_PATH}`,
    );
  } else if (cmd === 'stop') {
    await stop();
    console.log('test bed stopped');
  } else if (cmd === 'status') {
    process.exitCode = (await status()) ? 0 : 1;
  } else {
    console.error('usage: npx tsx test-env/testbed.ts start [--no-real] | stop | status');
    process.exitCode = 2;
  }
}
