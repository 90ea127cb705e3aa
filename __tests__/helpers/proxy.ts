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

// `fail(method, path)` may return a status to answer instead of forwarding.
export async function startProxy(
  target: string,
  fail: (method: string, path: string) => number | undefined = () => undefined,
): Promise<Proxy> {
  const requests: Recorded[] = [];
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
        res.writeHead(upstream.status, {
          'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream',
        });
        res.end(payload);
      })().catch((err: unknown) => {
        res.writeHead(502).end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
