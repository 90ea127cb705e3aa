// A tiny router over node:http shared by the local Sigstore services: per-route request
// counts (GET /__stats) and injectable faults (POST /__faults) for the tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Request {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  params: string[];
}

export interface Reply {
  status: number;
  body?: string | Uint8Array | object;
  headers?: Record<string, string>;
}

export type Route = {
  method: string;
  // Path template; `{x}` matches one path segment and is passed in `params`.
  path: string;
  handle: (req: Request) => Promise<Reply> | Reply;
};

// A fault answers the next `times` requests of one route with `status` (after `delayMs`).
export interface Fault {
  service: string;
  method: string;
  path: string;
  status?: number;
  times?: number;
  delayMs?: number;
  body?: string;
  // Only requests whose body contains this string (e.g. a test's own digest): tests run in
  // parallel against one bed, so a fault should not hit someone else's request.
  bodyIncludes?: string;
}

// Counts and faults are shared by all services of one process.
export class Control {
  readonly counts: Record<string, Record<string, number>> = {};
  private faults: Fault[] = [];

  count(service: string, route: string): void {
    const s = (this.counts[service] ??= {});
    s[route] = (s[route] ?? 0) + 1;
  }

  takeFault(service: string, route: string, body: Buffer): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.service === service &&
        `${f.method} ${f.path}` === route &&
        (f.bodyIncludes === undefined || body.includes(f.bodyIncludes)),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  routes(): Route[] {
    return [
      { method: 'GET', path: '/__stats', handle: () => ({ status: 200, body: this.counts }) },
      {
        method: 'DELETE',
        path: '/__stats',
        handle: () => {
          for (const k of Object.keys(this.counts)) delete this.counts[k];
          return { status: 204 };
        },
      },
      {
        method: 'POST',
        path: '/__faults',
        handle: (req) => {
          this.faults.push(JSON.parse(req.body.toString()) as Fault);
          return { status: 204 };
        },
      },
      {
        method: 'DELETE',
        path: '/__faults',
        handle: () => {
          this.faults = [];
          return { status: 204 };
        },
      },
    ];
  }
}

function match(template: string, path: string): string[] | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i]!.startsWith('{')) params.push(decodeURIComponent(p[i]!));
    else if (t[i] !== p[i]) return undefined;
  }
  return params;
}

function send(res: http.ServerResponse, reply: Reply): void {
  // One line per request: the services' log is the first place to look when a peer fails.
  console.log(`${new Date().toISOString()} ${res.req.method} ${res.req.url} ${reply.status}`);
  const headers = { ...reply.headers };
  let body: string | Uint8Array | undefined;
  if (
    reply.body === undefined ||
    typeof reply.body === 'string' ||
    reply.body instanceof Uint8Array
  ) {
    body = reply.body;
  } else {
    body = JSON.stringify(reply.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (typeof body === 'string') headers['Content-Type'] ??= 'text/plain; charset=utf-8';
  headers['Content-Length'] = String(body === undefined ? 0 : Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

// Serves `routes` on 127.0.0.1 (port 0 = any free port); resolves with the base URL.
export async function serve(
  service: string,
  routes: Route[],
  control: Control,
  port = 0,
): Promise<{ url: string; server: http.Server }> {
  const all = [...routes, ...control.routes()];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const method = req.method ?? 'GET';
        let params: string[] | undefined;
        const route = all.find(
          (r) => r.method === method && (params = match(r.path, url.pathname)),
        );
        if (!route || !params) {
          control.count(service, `${method} (unknown)`);
          return send(res, {
            status: 404,
            body: { code: 404, message: `no route ${method} ${url.pathname}` },
          });
        }
        const name = `${route.method} ${route.path}`;
        if (!route.path.startsWith('/__')) control.count(service, name);
        const body = Buffer.concat(chunks);
        const fault = control.takeFault(service, name, body);
        if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault?.status) {
          return send(res, {
            status: fault.status,
            body: fault.body ?? { code: fault.status, message: 'injected fault' },
          });
        }
        try {
          send(res, await route.handle({ method, url, headers: req.headers, body, params }));
        } catch (e) {
          // Bad input from a client is a 400, as on the real services.
          send(res, {
            status: 400,
            body: { code: 400, message: e instanceof Error ? e.message : String(e) },
          });
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: p } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${p}`, server };
}
