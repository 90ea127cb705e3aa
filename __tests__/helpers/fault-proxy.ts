// A fault-injecting HTTP proxy on 127.0.0.1 in front of one service (the registry, Rekor,
// Fulcio, the TSA or the OIDC endpoint). Each request is forwarded byte for byte (Host kept, so
// a registry's Location headers point back at the proxy) unless `decide` picks a fault:
//   status  answer 429/503/… (with Retry-After) without forwarding
//   reset   reset the connection without forwarding
//   lost    forward, let the service act, then reset: the client never sees the answer
//   delay   wait, then forward
//   hang    never answer
//   respond answer with the given status, headers and body without forwarding (a hostile peer)
//   stream  answer 200 with an endless body (or `contentLength` bytes), until the client leaves
// Only the test's own action talks to its proxies, so the records are exactly its requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'reset' }
  | { kind: 'lost' }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string | Buffer }
  | { kind: 'stream'; contentLength?: number; headers?: Record<string, string> };

export interface ProxyRecord {
  method: string;
  path: string;
  fault?: Fault['kind'];
  /** What the service answered, when the request reached it. */
  upstream?: number;
  /** The service's answer body, for routes `capture` selects (e.g. to learn a token). */
  body?: string;
  /** The Authorization header the client sent, if any (to show where credentials went). */
  authorization?: string;
  /** Bytes a `stream` fault wrote before the client went away. */
  streamed?: number;
}

export type Decide = (req: { method: string; path: string; index: number }) => Fault | undefined;

export interface FaultProxy {
  url: string;
  host: string; // 127.0.0.1:PORT
  records: ProxyRecord[];
  /** Changes how the following requests are treated (undefined: forward everything). */
  setDecide(decide: Decide | undefined): void;
  close(): Promise<void>;
}

export async function startFaultProxy(
  target: string,
  opts: { decide?: Decide; capture?: (method: string, path: string) => boolean } = {},
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const records: ProxyRecord[] = [];
  let decide = opts.decide;
  let index = 0;
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const record: ProxyRecord = { method, path, authorization: req.headers.authorization };
    records.push(record);
    const fault = decide?.({ method, path, index: index++ });
    record.fault = fault?.kind;
    if (fault?.kind === 'hang') return void req.resume();
    if (fault?.kind === 'reset') return void req.socket.resetAndDestroy();
    if (fault?.kind === 'respond') {
      req.resume();
      res.writeHead(fault.status, fault.headers ?? {});
      return void res.end(method === 'HEAD' ? undefined : fault.body);
    }
    if (fault?.kind === 'stream') {
      req.resume();
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        ...fault.headers,
      };
      if (fault.contentLength !== undefined)
        headers['Content-Length'] = String(fault.contentLength);
      res.writeHead(200, headers);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let left = fault.contentLength ?? Infinity;
      record.streamed = 0;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          const piece = left < chunk.length ? chunk.subarray(0, left) : chunk;
          left -= piece.length;
          record.streamed! += piece.length;
          if (!res.write(piece)) return;
        }
        if (left <= 0) res.end();
      };
      res.on('drain', pump);
      return pump();
    }
    if (fault?.kind === 'status') {
      req.resume();
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
      const body = JSON.stringify({ code: fault.status, message: 'injected by the fault proxy' });
      return void res.writeHead(fault.status, headers).end(body);
    }
    const forward = () => {
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path,
          headers: req.headers,
          agent: false,
        },
        (answer) => {
          record.upstream = answer.statusCode;
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            const body = Buffer.concat(chunks);
            if (opts.capture?.(method, path)) record.body = body.toString('utf8');
            // The service did its work; the client is told nothing.
            if (fault?.kind === 'lost') return void req.socket.resetAndDestroy();
            res.writeHead(answer.statusCode ?? 502, answer.rawHeaders).end(body);
          });
        },
      );
      out.on('error', () => req.socket.destroy());
      req.pipe(out);
    };
    if (fault?.kind === 'delay') setTimeout(forward, fault.ms);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    records,
    setDecide: (d) => void (decide = d),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed.
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How a share of requests is faulted: weights of each kind among the faulted ones. */
export interface FaultMix {
  share: number;
  weights: {
    status429?: number;
    status503?: number;
    reset?: number;
    lost?: number;
    delay?: number;
  };
  retryAfter?: string; // sent with every injected 429 (default '1')
  delayMs?: [number, number];
}

/** A Decide that faults `mix.share` of the requests at random (seeded), in the given mix. */
export function randomFaults(mix: FaultMix, random: () => number): Decide {
  const kinds = Object.entries(mix.weights).filter(([, w]) => (w ?? 0) > 0) as [string, number][];
  const total = kinds.reduce((sum, [, w]) => sum + w, 0);
  const [lo, hi] = mix.delayMs ?? [100, 800];
  return () => {
    if (random() >= mix.share) return undefined;
    let pick = random() * total;
    const kind = kinds.find(([, w]) => (pick -= w) < 0)?.[0] ?? kinds[0]![0];
    if (kind === 'status429')
      return { kind: 'status', status: 429, retryAfter: mix.retryAfter ?? '1' };
    if (kind === 'status503') return { kind: 'status', status: 503 };
    if (kind === 'delay') return { kind: 'delay', ms: Math.round(lo + random() * (hi - lo)) };
    return { kind: kind as 'reset' | 'lost' };
  };
}
