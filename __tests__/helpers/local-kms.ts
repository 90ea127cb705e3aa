// A real AWS KMS emulator for the e2e suites: local-kms (github.com/nsmithuk/local-kms, built by
// install-peers.sh) on 127.0.0.1, behind a small HTTPS front with a throw-away CA, because an
// endpoint in an `awskms://HOST:PORT/…` reference is spoken to over HTTPS (by cosign, and by the
// action, which follows it). The front counts the KMS operations it forwards (X-Amz-Target), so
// a test can check that each signature cost exactly one Sign call.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../test-env/state.js';
import { exec, scratch } from './exec.js';

export const LOCAL_KMS_BIN = path.join(REPO_ROOT, '.peers', 'bin', 'local-kms');
export const KMS_REGION = 'eu-west-1';
export const KMS_ACCOUNT = '111122223333';

/** What the AWS SDKs (the action's and cosign's) need to talk to the emulator. */
export interface LocalKms {
  /** `127.0.0.1:PORT` of the HTTPS front: the ENDPOINT of an `awskms://` reference. */
  endpoint: string;
  /** local-kms itself (plain HTTP), for setting keys up. */
  directUrl: string;
  /** PEM of the CA that issued the front's certificate. */
  caPath: string;
  /** Fake credentials: local-kms does not check them, the SDKs must still find some. */
  credentials: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };
  /** Environment for the action and for cosign: credentials, region, CA, no instance metadata. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Calls forwarded so far, per operation (`Sign`, `GetPublicKey`, `DescribeKey`…). */
  counts(): Record<string, number>;
  /** Creates a key (and an alias for it); returns its id and ARN. */
  createKey(spec: string, usage: string, alias?: string): Promise<{ keyId: string; arn: string }>;
  stop(): Promise<void>;
}

export async function startLocalKms(): Promise<LocalKms> {
  if (!existsSync(LOCAL_KMS_BIN)) {
    throw new Error(`${LOCAL_KMS_BIN} is missing: run \`bash test-env/install-peers.sh\``);
  }
  const dir = scratch('local-kms');
  const child = spawn(LOCAL_KMS_BIN, [], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PORT: '0',
      KMS_REGION,
      KMS_ACCOUNT_ID: KMS_ACCOUNT,
      KMS_DATA_PATH: path.join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kmsPort = await startedPort(child);
  const directUrl = `http://127.0.0.1:${kmsPort}`;

  const tls = await makeCertificates(dir);
  const counts: Record<string, number> = {};
  const front: Server = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.split('.').pop() ?? '';
    counts[op] = (counts[op] ?? 0) + 1;
    const upstream = httpRequest(
      `${directUrl}${req.url ?? '/'}`,
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
  const endpoint = `127.0.0.1:${(front.address() as AddressInfo).port}`;

  const credentials = {
    AWS_ACCESS_KEY_ID: 'AKIAKMSE2ETESTKEY000',
    AWS_SECRET_ACCESS_KEY: 'kms-e2e-secret-access-key-never-printed',
  };
  return {
    endpoint,
    directUrl,
    caPath: tls.caPath,
    credentials,
    env: (extra = {}) => ({
      ...credentials,
      AWS_REGION: KMS_REGION,
      // Nothing here may ask 169.254.169.254, and no ~/.aws file may be read.
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(dir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-aws-credentials'),
      // Node (the action) and Go (cosign) trust the front's CA this way.
      NODE_EXTRA_CA_CERTS: tls.caPath,
      SSL_CERT_FILE: tls.caPath,
      ...extra,
    }),
    counts: () => ({ ...counts }),
    createKey: async (spec, usage, alias) => {
      const created = (await kmsCall(directUrl, 'CreateKey', {
        KeySpec: spec,
        KeyUsage: usage,
      })) as {
        KeyMetadata: { KeyId: string; Arn: string };
      };
      const { KeyId: keyId, Arn: arn } = created.KeyMetadata;
      if (alias) await kmsCall(directUrl, 'CreateAlias', { AliasName: alias, TargetKeyId: keyId });
      return { keyId, arn };
    },
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

/** One KMS JSON-protocol call straight to local-kms (which checks no signature). */
export async function kmsCall(url: string, op: string, body: unknown): Promise<unknown> {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `TrentService.${op}`,
    },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`local-kms ${op}: ${r.status} ${text}`);
  return text === '' ? {} : JSON.parse(text);
}

// local-kms logs "Local KMS started on 0.0.0.0:PORT" once it listens (PORT=0 picks a free one).
function startedPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`local-kms did not start: ${log}`)), 15000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /Local KMS started on [0-9.:]*:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local-kms exited (${code}): ${log}`));
    });
  });
}

// A CA and a server certificate for IP 127.0.0.1, made with openssl (EC P-256, one day).
async function makeCertificates(
  dir: string,
): Promise<{ key: Buffer; cert: Buffer; caPath: string }> {
  const p = (name: string) => path.join(dir, name);
  writeFileSync(
    p('leaf.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const steps: string[][] = [
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      p('ca.key'),
      '-out',
      p('ca.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=sign-image kms e2e CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ],
    ['req', ...ec, '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', '/CN=127.0.0.1'],
    [
      'x509',
      '-req',
      '-in',
      p('leaf.csr'),
      '-CA',
      p('ca.pem'),
      '-CAkey',
      p('ca.key'),
      '-CAcreateserial',
      '-out',
      p('leaf.pem'),
      '-days',
      '1',
      '-extfile',
      p('leaf.ext'),
    ],
  ];
  for (const args of steps) {
    const r = await exec('openssl', args);
    if (r.code !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  }
  return {
    key: readFileSync(p('leaf.key')),
    cert: readFileSync(p('leaf.pem')),
    caPath: p('ca.pem'),
  };
}
