// The AWS SDK's HTTP transport, replaced by the action's one request function (util/http-retry):
// KMS calls then follow the same retry policy and overall deadline as every other service, and
// print the same retry lines; the SDK's own retries are turned off (maxAttempts: 1). The SDK
// still does everything AWS-specific: credentials, SigV4 signing, (de)serialization, endpoints.
import { fetchWithRetry, type FetchFn } from '../../util/http-retry.js';
import type { RetryPolicy } from '../../util/retry.js';

/** The parts of the SDK's HttpRequest (smithy) this handler reads. */
interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** The SDK's HttpResponse, which it recognizes by shape (statusCode and headers). */
interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

// Headers fetch computes itself from the URL and body (the values the SDK signed are the same).
const DROPPED = new Set(['host', 'content-length', 'expect', 'transfer-encoding']);

/** An SDK `requestHandler` sending each request through fetchWithRetry. */
export class FetchRetryHandler {
  constructor(
    private readonly what: string,
    private readonly options: { policy?: RetryPolicy; fetch?: FetchFn } = {},
  ) {}

  async handle(request: SdkHttpRequest): Promise<{ response: SdkHttpResponse }> {
    const url = new URL(
      `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`,
    );
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value])
        url.searchParams.append(name, v ?? '');
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (!DROPPED.has(name.toLowerCase())) headers.set(name, value);
    }
    const body = request.body;
    const res = await fetchWithRetry(
      url,
      {
        method: request.method,
        headers,
        body:
          typeof body === 'string' || body instanceof Uint8Array
            ? (body as string | Uint8Array<ArrayBuffer>)
            : undefined,
      },
      { what: this.what, ...this.options },
    );
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => (responseHeaders[name] = value));
    return {
      response: {
        statusCode: res.status,
        reason: res.statusText,
        headers: responseHeaders,
        body: res.bytes,
      },
    };
  }

  // The SDK's handler-configuration hooks: this handler has nothing to configure.
  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
