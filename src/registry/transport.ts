// Sends one registry request: adds the cached Authorization (only to the registry's own
// origin), answers a 401 once through the Authenticator and retries, and follows GET/HEAD
// redirects itself so a blob redirect to a storage host never carries our credentials.

import type { Authenticator } from './auth.js';
import type { RetryPolicy } from '../util/retry.js';
import { type FetchFn, sendWithRetry } from './http.js';
import type { HttpAnswer } from '../util/http-retry.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const USER_AGENT = 'sign-image';

export interface TransportOptions {
  registry: string;
  origin: string;
  fetch: FetchFn;
  auth: Authenticator;
  timeoutMs: number;
  /** The action's retry policy (util/retry.ts) unless a test gives another. */
  retry?: RetryPolicy;
  /** Receives one line per request (method, host, path, status), never headers or queries. */
  debug: (line: string) => void;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: Buffer;
}

/** What the registry answered, and the URL that answered (after redirects). */
export interface Sent {
  res: HttpAnswer;
  url: URL;
}

export class Transport {
  constructor(private readonly opts: TransportOptions) {}

  /** An absolute URL on the registry for an API path such as `/v2/acme/app/manifests/x`. */
  url(path: string): URL {
    return new URL(path, this.opts.origin);
  }

  /** Sends the request; a 401 that survives one authenticated retry is thrown as an error. */
  async send(method: string, url: URL, opts: SendOptions = {}): Promise<HttpAnswer> {
    const first = this.ownOrigin(url)
      ? (this.opts.auth.current() ?? (await this.opts.auth.preempt()))
      : undefined;
    let sent = await this.follow(method, url, opts, first);
    if (sent.res.status === 401 && this.ownOrigin(sent.url)) {
      const authorization = await this.opts.auth.respond(sent.res, first);
      sent = await this.follow(method, url, opts, authorization);
      if (sent.res.status === 401) throw await this.opts.auth.rejected({ method, url }, sent.res);
    }
    return sent.res;
  }

  private async follow(
    method: string,
    url: URL,
    opts: SendOptions,
    authorization: string | undefined,
  ): Promise<Sent> {
    let current = url;
    for (let hops = 0; ; hops++) {
      const headers: Record<string, string> = { 'User-Agent': USER_AGENT, ...opts.headers };
      if (authorization && this.ownOrigin(current)) headers.Authorization = authorization;
      const what = this.ownOrigin(current)
        ? `registry ${this.opts.registry}`
        : `blob storage ${current.host}`;
      const res = await sendWithRetry(
        this.opts.fetch,
        current,
        { method, headers, body: opts.body },
        { timeoutMs: this.opts.timeoutMs, what, retry: this.opts.retry },
      );
      this.opts.debug(`${method} ${current.host}${current.pathname} -> ${res.status}`);
      const location = res.headers.get('location');
      const redirectable = method === 'GET' || method === 'HEAD';
      if (!REDIRECTS.has(res.status) || !location || !redirectable || hops >= MAX_REDIRECTS)
        return { res, url: current };
      current = new URL(location, current);
    }
  }

  private ownOrigin(url: URL): boolean {
    return url.origin === this.opts.origin;
  }
}
