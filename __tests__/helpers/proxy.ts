// A recording proxy on 127.0.0.1 in front of one of the bed's services. The bed's own counters
// and faults are shared by every test file (and every developer) running at once; a proxy that
// only this test's action talks to counts exactly its requests and fails exactly them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  status: number;
}

export interface Proxy {
  url: string;
  requests: Recorded[];
  close: () => Promise<void>;
}

const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
]);

// `fail(method, path)` may return a status to answer instead of forwarding.
export async function startProxy(
  target: string,
  fail: (method: string, path: string) => number | undefined = () => undefined,
): Promise<Proxy> {
  const requests: Recorded[] = [];
  let self = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const method = req.method ?? 'GET';
        const path = req.url ?? '/';
        const injected = fail(method, path);
        if (injected !== undefined) {
          requests.push({ method, path, status: injected });
          const body = JSON.stringify({ code: injected, message: 'injected by the test proxy' });
          res.writeHead(injected, { 'Content-Type': 'application/json' }).end(body);
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k))
            headers[k] = v;
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const upstream = await fetch(`${target}${path}`, { method, headers, body });
        const payload = Buffer.from(await upstream.arrayBuffer());
        requests.push({ method, path, status: upstream.status });
        // Every end-to-end header passes (a registry's challenge, Location and
        // Docker-Content-Digest); fetch has already decoded the body and ended the framing.
        const back: Record<string, string> = {
          'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
        };
        upstream.headers.forEach((value, name) => {
          if (HOP_HEADERS.has(name)) return;
          // An absolute Location names the upstream: the client's next request comes here too.
          back[name] = name === 'location' ? value.replace(target, self) : value;
        });
        res.writeHead(upstream.status, back);
        res.end(payload);
      })().catch((err: unknown) => {
        res.writeHead(502).end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
