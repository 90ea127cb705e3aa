// fetch for registry requests on node:http/https keep-alive agents (Node's native HTTP parser),
// used by the verify action. Node's fetch runs undici's HTTP parser as WebAssembly: on a deploy
// gate's ~45 requests its first-use compilation and parsing, with the WHATWG layers around them,
// took ~120 ms of CPU, on the same two cores the registry needs (verify bench, profile).
// The contract the registry client relies on is kept: status, headers, a cancellable body
// stream, redirects never followed, AbortSignal deadlines, and network errors shaped as fetch
// reports them ("fetch failed" with the system error as cause, util/http-retry.ts).
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { FetchFn } from './http.js';

/** A fetch whose connections are kept alive for the run (one agent per scheme). */
export function nodeFetch(): FetchFn {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
  const nodeHttpFetch = (input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const body = requestBody(init.body);
      if (body) headers['content-length'] = String(body.length);
      const method = init.method ?? 'GET';
      const req = (secure ? https : http).request(
        url,
        {
          method,
          headers,
          agent: secure ? agents.https : agents.http,
          signal: init.signal ?? undefined,
        },
        (res) => {
          const answer = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            answer.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          const status = res.statusCode ?? 0;
          const empty = method === 'HEAD' || status === 204 || status === 304;
          if (empty) res.resume();
          resolve(
            new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status,
              statusText: res.statusMessage ?? '',
              headers: answer,
            }),
          );
        },
      );
      req.on('error', (err) =>
        reject(err.name === 'AbortError' ? err : new TypeError('fetch failed', { cause: err })),
      );
      req.end(body);
    });
  return nodeHttpFetch as FetchFn;
}

// The bodies the registry client sends: bytes or text.
function requestBody(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('nodeFetch sends only bytes or text');
}
