import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignImageError } from '../../src/errors.js';
import { readBounded } from '../../src/util/bounded-body.js';
import { fetchWithRetry } from '../../src/util/http-retry.js';
import { Deadline, type RetryPolicy } from '../../src/util/retry.js';

let server: http.Server;
let base: string;
let served = 0; // bytes written by the never-ending route before the client gave up

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/small') return void res.end('hello');
    if (req.url === '/announced') {
      // Announces 1 GiB and sends nothing more: refused on the header alone.
      res.writeHead(200, { 'Content-Length': String(1024 ** 3) });
      return void res.write('x');
    }
    if (req.url === '/endless') {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked, no length
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (res.write(chunk)) served += chunk.length;
        served += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    if (req.url === '/exact') return void res.end(Buffer.alloc(1024, 0x62));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const policy = (): RetryPolicy => ({
  attempts: 3,
  backoff: { baseMs: 1, maxMs: 1 },
  maxRetryAfterMs: 1,
  timeoutMs: 10_000,
  deadline: new Deadline(30_000),
  sleep: async () => undefined,
});

async function caught(p: Promise<unknown>): Promise<SignImageError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SignImageError) return err;
    throw err;
  }
  throw new Error('expected a SignImageError');
}

describe('readBounded', () => {
  it('reads a body within the limit, up to exactly the limit', async () => {
    expect((await readBounded(await fetch(`${base}/small`), 10, 'x')).toString()).toBe('hello');
    expect(await readBounded(await fetch(`${base}/exact`), 1024, 'x')).toHaveLength(1024);
    expect((await caught(readBounded(await fetch(`${base}/exact`), 1023, 'x'))).code).toBe(
      'RESPONSE_TOO_LARGE',
    );
  });

  it('refuses an announced 1 GiB at the header', async () => {
    const err = await caught(readBounded(await fetch(`${base}/announced`), 4 << 20, 'registry r'));
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(err.message).toContain(`${1024 ** 3} bytes`);
  });

  it('stops a never-ending body at the limit, holding no more than it', async () => {
    const before = process.memoryUsage().rss;
    const err = await caught(readBounded(await fetch(`${base}/endless`), 4 << 20, 'registry r'));
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(process.memoryUsage().rss - before).toBeLessThan(256 << 20);
    expect(served).toBeGreaterThan(4 << 20); // the server really sent more than was kept
  });
});

describe('fetchWithRetry bounds every body and does not retry a too-large one', () => {
  it('throws RESPONSE_TOO_LARGE after one attempt', async () => {
    let requests = 0;
    const counting: typeof fetch = (url, init) => {
      requests++;
      return fetch(url, init);
    };
    const err = await caught(
      fetchWithRetry(
        `${base}/endless`,
        {},
        { what: 'Rekor at x', policy: policy(), fetch: counting, maxBodyBytes: 1 << 20 },
      ),
    );
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(requests).toBe(1);
  });

  it('passes a small body through', async () => {
    const res = await fetchWithRetry(`${base}/small`, {}, { what: 'x', policy: policy() });
    expect(await res.text()).toBe('hello');
  });
});
