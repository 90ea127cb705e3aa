// The transport for registry (and Rekor) requests on node:http/https keep-alive agents, Node's
// native HTTP parser. Node's fetch runs undici's HTTP parser as WebAssembly and wraps every
// answer in WHATWG Headers, Response and ReadableStream objects: on a run's hundreds of
// requests that was the largest item of both actions' CPU profiles, on the same two cores the
// registry needs. The contract the clients rely on (util/fetch.ts) is kept: status, headers
// read by name, a body read once through a cancellable reader, redirects never followed,
// AbortSignal deadlines, and network errors shaped as fetch reports them ("fetch failed" with
// the system error as cause, util/http-retry.ts). Nothing here touches the fetch globals,
// which would load undici.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { AnswerBody, AnswerHeaders, FetchAnswer, FetchFn } from '../util/fetch.js';

/** A transport whose connections are kept alive for the run (one agent per scheme). */
export function nodeFetch(): FetchFn {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
  return (input, init) =>
    new Promise<FetchAnswer>((resolve, reject) => {
      const url = typeof input === 'string' ? new URL(input) : input;
      const secure = url.protocol === 'https:';
      const headers = requestHeaders(init.headers);
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
          const status = res.statusCode ?? 0;
          const empty = method === 'HEAD' || status === 204 || status === 304;
          if (empty) res.resume();
          resolve({
            status,
            statusText: res.statusMessage ?? '',
            headers: new ReceivedHeaders(res.rawHeaders),
            body: empty ? null : new ReceivedBody(res),
          });
        },
      );
      req.on('error', (err) =>
        reject(err.name === 'AbortError' ? err : new TypeError('fetch failed', { cause: err })),
      );
      req.end(body);
    });
}

/** Answer headers by lower-case name; repeated ones joined with ", " as fetch's get() does. */
class ReceivedHeaders implements AnswerHeaders {
  private readonly byName = new Map<string, string>();

  constructor(raw: readonly string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const before = this.byName.get(name);
      this.byName.set(name, before === undefined ? raw[i + 1]! : `${before}, ${raw[i + 1]!}`);
    }
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  forEach(each: (value: string, name: string) => void): void {
    for (const [name, value] of [...this.byName].sort(([a], [b]) => (a < b ? -1 : 1)))
      each(value, name);
  }
}

/** The body as the socket delivers it; cancelling destroys the response (and its connection). */
class ReceivedBody implements AnswerBody {
  // Made at once, so a connection error before the first read rejects a read instead of
  // being an 'error' event nobody listens to.
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(private readonly res: IncomingMessage) {
    this.chunks = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  getReader(): ReturnType<AnswerBody['getReader']> {
    return {
      read: async () => {
        const next = await this.chunks.next();
        return next.done ? { done: true } : { done: false, value: next.value };
      },
      cancel: () => this.cancel(),
    };
  }

  cancel(): Promise<void> {
    this.res.destroy();
    return Promise.resolve();
  }
}

// The headers the clients send: a plain record (what they build), pairs or a Headers object.
function requestHeaders(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  if (Array.isArray(init)) {
    for (const [name, value] of init as [string, string][]) out[name.toLowerCase()] = value;
  } else if (typeof (init as { forEach?: unknown }).forEach === 'function') {
    (init as AnswerHeaders).forEach((value, name) => (out[name.toLowerCase()] = value));
  } else {
    for (const [name, value] of Object.entries(init as Record<string, string>))
      out[name.toLowerCase()] = value;
  }
  return out;
}

// The bodies the clients send: bytes or text.
function requestBody(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('nodeFetch sends only bytes or text');
}
