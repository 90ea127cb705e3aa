// Local Sigstore services on 127.0.0.1: Rekor v1, Fulcio (v2 + legacy v1 API), a TSA (RFC 3161
// DER at / and /api/v1/timestamp, sigstore JSON at the latter), and a
// GitHub-style OIDC token endpoint; built on @sigstore/mock (CA, CT log, TSA) with the gaps
// that real cosign trips over filled (see test-env/sigstore/*.ts and shared docs test-peers.md).
//
//   npx tsx test-env/sigstore-services.ts serve DIR   # writes DIR/trust/*, then DIR/sigstore.json
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { initializeCA, initializeCTLog, initializeTSA, tsaHandler } from '@sigstore/mock';
import { Fulcio } from './sigstore/fulcio.js';
import { Control, serve, type Route } from './sigstore/http.js';
import { OidcIssuer } from './sigstore/oidc.js';
import { RekorLog } from './sigstore/rekor.js';
import { TIMESTAMP_QUERY, TIMESTAMP_REPLY, timestampReply } from './sigstore/rfc3161.js';
import { writeTrust, type TrustPaths } from './sigstore/trust.js';

export interface SigstoreInfo {
  clock: string; // the services' one fixed time (ISO); every certificate and entry carries it
  rekor: { url: string; logID: string };
  /** `wallClockUrl`: the same CA, leaves from the wall clock (for logs that stamp the wall clock). */
  fulcio: { url: string; wallClockUrl: string };
  tsa: { url: string };
  oidc: { url: string; requestUrl: string; requestToken: string };
  stats: { url: string };
  faults: { url: string };
  trust: TrustPaths;
}

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

export async function startSigstoreServices(
  dir: string,
): Promise<{ info: SigstoreInfo; close: () => Promise<void> }> {
  // One whole-second clock a little ahead: certificates, SCTs, timestamps and entries agree to
  // the second, and clients start only once it has passed (test-peers.md: "invalid time").
  const clock = new Date((Math.floor(Date.now() / 1000) + 2) * 1000);
  const validFrom = new Date(clock.getTime() - 24 * 3600 * 1000);
  const [rekorKey, ctKey, caKey, tsaKey] = [p256(), p256(), p256(), p256()];

  const control = new Control();
  const oidc = new OidcIssuer(randomBytes(16).toString('hex'));
  const ctlog = await initializeCTLog(ctKey, clock);
  const ca = await initializeCA(caKey, ctlog, clock);
  const tsa = await initializeTSA(tsaKey, clock);
  const rekor = new RekorLog({ ...rekorKey, clock, logIndexOffset: 7000 });
  const fulcio = new Fulcio(ca, oidc);
  // The same CA (root, key, CT log) whose leaves start at the wall clock, a whole second behind,
  // for signing into a log that stamps entries with the wall clock (the real Rekor): a leaf from
  // the fixed clock is valid for 10 minutes only, so an older bed's leaves would predate such an
  // entry's time. @sigstore/mock reads the issuing time from the CA's getCurrentTime.
  const wallClockCa = Object.create(ca) as typeof ca;
  (wallClockCa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () =>
    new Date((Math.floor(Date.now() / 1000) - 1) * 1000);
  const fulcioWallClock = new Fulcio(wallClockCa, oidc);
  const tsaFn = tsaHandler(tsa).fn;
  // RFC 3161 DER requests, as plain authorities take them at their root URL and sigstore's
  // timestamp-authority at /api/v1/timestamp (which also takes sigstore's JSON request).
  const der = async (req: { headers: Record<string, unknown>; body: Buffer }) => {
    if (!String(req.headers['content-type'] ?? '').startsWith(TIMESTAMP_QUERY)) return undefined;
    return {
      status: 200,
      body: await timestampReply(tsa, req.body),
      headers: { 'Content-Type': TIMESTAMP_REPLY },
    };
  };
  const tsaRoutes: Route[] = [
    {
      method: 'POST',
      path: '/',
      handle: async (req) =>
        (await der(req)) ?? { status: 415, body: `this TSA takes ${TIMESTAMP_QUERY} only` },
    },
    {
      method: 'POST',
      path: '/api/v1/timestamp',
      handle: async (req) => {
        const asDer = await der(req);
        if (asDer) return asDer;
        if (!String(req.headers['content-type'] ?? '').includes('json')) {
          return { status: 415, body: `send ${TIMESTAMP_QUERY} or sigstore's JSON request` };
        }
        const r = await tsaFn(req.body.toString());
        return {
          status: r.statusCode,
          body: r.response,
          headers: { 'Content-Type': r.contentType ?? 'text/plain' },
        };
      },
    },
  ];

  const servers: Server[] = [];
  const up = async (name: string, routes: Route[]): Promise<string> => {
    const s = await serve(name, routes, control);
    servers.push(s.server);
    return s.url;
  };
  const urls = {
    rekor: await up('rekor', rekor.routes()),
    fulcio: await up('fulcio', fulcio.routes()),
    // Its own name in /__stats and /__faults, so counts of the bed's Fulcio stay exact.
    fulcioWallClock: await up('fulcio-wallclock', fulcioWallClock.routes()),
    tsa: await up('tsa', tsaRoutes),
    oidc: await up('oidc', oidc.routes()),
  };
  rekor.setOrigin(new URL(urls.rekor).host);
  const trust = writeTrust({
    dir: path.join(dir, 'trust'),
    validFrom,
    rekor: { url: urls.rekor, publicKey: rekorKey.publicKey },
    ctlog: { publicKey: ctKey.publicKey },
    fulcio: { url: urls.fulcio, root: Buffer.from(ca.rootCertificate.buffer) },
    tsa: {
      url: urls.tsa,
      chain: [Buffer.from(tsa.intCertificate.buffer), Buffer.from(tsa.rootCertificate.buffer)],
    },
  });
  const wait = clock.getTime() + 100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));

  const info: SigstoreInfo = {
    clock: clock.toISOString(),
    rekor: { url: urls.rekor, logID: rekor.logID },
    fulcio: { url: urls.fulcio, wallClockUrl: urls.fulcioWallClock },
    tsa: { url: urls.tsa },
    oidc: {
      url: urls.oidc,
      requestUrl: `${urls.oidc}/token?api-version=2.0`,
      requestToken: oidc.requestToken,
    },
    stats: { url: `${urls.oidc}/__stats` },
    faults: { url: `${urls.oidc}/__faults` },
    trust,
  };
  const close = async (): Promise<void> => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  };
  return { info, close };
}

if (process.argv[2] === 'serve' && process.argv[3]) {
  const dir = path.resolve(process.argv[3]);
  const { info, close } = await startSigstoreServices(dir);
  // Written last and atomically: its presence means "ready".
  const file = path.join(dir, 'sigstore.json');
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...info, pid: process.pid }, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  console.log(`sigstore services ready: ${JSON.stringify(info)}`);
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.on(sig, () => void close().then(() => process.exit(0)));
}
