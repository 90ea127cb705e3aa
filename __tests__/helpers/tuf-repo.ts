// A TUF repository on 127.0.0.1 that serves one target, the bed's trusted_root.json, the way
// Sigstore's TUF mirror does. Kyverno's ImageValidatingPolicy initialises TUF before it verifies
// anything logged, even with an inline trusted root (admission.md; kyverno
// pkg/image/verifiers/ivpol/cosign/opts.go initTUFAndFetch): through sigstore/sigstore's
// pkg/tuf (go-tuf v0.7) and sigstore-go's tuf client (go-tuf v2). Both read TUF 1.0 metadata
// signed over its canonical JSON; go-tuf v0.7 also requires each key ID to be the sha256 of the
// key's canonical JSON. One ed25519 key signs all four roles; no consistent snapshots, so the
// files are root.json, timestamp.json, snapshot.json, targets.json, targets/<name>.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = string | number | boolean | Json[] | { [k: string]: Json };

// OLPC canonical JSON (securesystemslib cjson): keys sorted, no whitespace. JSON.stringify's
// string form is the same for the printable-ASCII strings TUF metadata holds here.
function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`).join(',')}}`;
  }
  if (typeof v === 'string' && !/^[\x20-\x7e]*$/.test(v)) throw new Error('non-ASCII in TUF');
  return JSON.stringify(v);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const EXPIRES = '2099-01-01T00:00:00Z';

export interface TufRepo {
  /** The mirror URL (`tuf.mirror`). */
  url: string;
  /** root.json, the client's anchor (`tuf.root.data` base64-encodes it). */
  root: Buffer;
  /** GET paths served, in order (to show a client really read the repository). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveTufRepo(targets: Record<string, Buffer>): Promise<TufRepo> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey as KeyObject).export({ format: 'der', type: 'spki' }).subarray(-32);
  const key = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: raw.toString('hex') } };
  const keyid = sha256(Buffer.from(canonical(key)));
  const signed = (body: { [k: string]: Json }): Buffer => {
    const sig = sign(null, Buffer.from(canonical(body)), privateKey).toString('hex');
    return Buffer.from(JSON.stringify({ signed: body, signatures: [{ keyid, sig }] }));
  };
  const common = { spec_version: '1.0.31', version: 1, expires: EXPIRES };
  const role = { keyids: [keyid], threshold: 1 };
  const root = signed({
    _type: 'root',
    ...common,
    consistent_snapshot: false,
    keys: { [keyid]: key },
    roles: { root: role, targets: role, snapshot: role, timestamp: role },
  });
  const fileMeta = (b: Buffer) => ({ length: b.length, hashes: { sha256: sha256(b) } });
  const targetsJson = signed({
    _type: 'targets',
    ...common,
    targets: Object.fromEntries(Object.entries(targets).map(([n, b]) => [n, fileMeta(b)])),
  });
  const snapshot = signed({
    _type: 'snapshot',
    ...common,
    meta: { 'targets.json': { version: 1, ...fileMeta(targetsJson) } },
  });
  const timestamp = signed({
    _type: 'timestamp',
    ...common,
    meta: { 'snapshot.json': { version: 1, ...fileMeta(snapshot) } },
  });
  const files = new Map<string, Buffer>([
    ['/root.json', root],
    ['/1.root.json', root],
    ['/timestamp.json', timestamp],
    ['/snapshot.json', snapshot],
    ['/targets.json', targetsJson],
    ...Object.entries(targets).map(([n, b]) => [`/targets/${n}`, b] as [string, Buffer]),
  ]);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const body = req.method === 'GET' ? files.get(path) : undefined;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    root,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
