// registry/node-fetch.ts answers as fetch does on what the clients rely on (util/fetch.ts), side
// by side with Node's own fetch against the same loopback server; bodies are read as the clients
// read them, through readBounded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeFetch } from '../../src/registry/node-fetch.js';
import { readBounded } from '../../src/util/bounded-body.js';
import type { FetchAnswer, FetchFn } from '../../src/util/fetch.js';
import { deadPort } from '../helpers/registry-server.js';

let server: Server;
let base: string;
let sockets = 0;
let closed = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(307, { Location: '/elsewhere' }).end();
    } else if (req.url === '/endless') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const tick = setInterval(() => res.write(Buffer.alloc(64 * 1024)), 1);
      res.on('close', () => clearInterval(tick));
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('only part of it', () => res.socket?.destroy());
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2000).unref();
    } else {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        res.setHeader('X-Method', req.method ?? '');
        res.setHeader('X-Length', String(req.headers['content-length'] ?? ''));
        res.setHeader('X-Auth', String(req.headers.authorization ?? ''));
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.writeHead(201, 'Made', { 'Content-Type': 'application/json' });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ got: body.toString() }));
      });
    }
  });
  server.on('connection', (s) => {
    sockets++;
    s.on('close', () => closed++);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const ours = nodeFetch();
const read = (res: FetchAnswer) => readBounded(res, 1024 * 1024, 'the test server');

describe.each<[string, FetchFn]>([
  ['nodeFetch', ours],
  ['fetch', fetch],
])('%s', (_name, f) => {
  test('status, headers, body and the request as sent', async () => {
    const res = await f(new URL('/x', base), {
      method: 'PUT',
      headers: { Authorization: 'Basic dTpw', 'Content-Type': 'text/plain' },
      body: Buffer.from('hello'),
      redirect: 'manual',
    });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made');
    expect(res.headers.get('x-method')).toBe('PUT');
    expect(res.headers.get('x-length')).toBe('5');
    expect(res.headers.get('x-auth')).toBe('Basic dTpw');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse((await read(res)).toString())).toEqual({ got: 'hello' });
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    const seen: Record<string, string> = {};
    res.headers.forEach((value, name) => (seen[name] = value));
    expect(seen).toMatchObject({ 'x-method': 'PUT', 'content-type': 'application/json' });
  });

  test('HEAD has no body', async () => {
    const res = await f(`${base}/x`, { method: 'HEAD' });
    expect(res.status).toBe(201);
    expect(await read(res)).toHaveLength(0);
  });

  test('a redirect is returned, not followed', async () => {
    const res = await f(`${base}/redirect`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('Location')).toBe('/elsewhere');
  });

  test('a refused connection is "fetch failed" with the system error as cause', async () => {
    const err = (await f(`http://127.0.0.1:${await deadPort()}/`, {}).catch((e: unknown) => e)) as {
      name: string;
      message: string;
      cause?: { code?: string };
    };
    expect(err.name).toBe('TypeError');
    expect(err.message).toBe('fetch failed');
    expect(err.cause?.code).toBe('ECONNREFUSED');
  });

  test('a connection cut in the middle of the body fails the read', async () => {
    const res = await f(`${base}/cut`, {});
    expect(res.status).toBe(200);
    await expect(read(res)).rejects.toThrow();
  });

  test('a deadline aborts with the signal’s reason', async () => {
    const err = (await f(`${base}/slow`, { signal: AbortSignal.timeout(100) }).catch(
      (e: unknown) => e,
    )) as { name: string };
    expect(['TimeoutError', 'AbortError']).toContain(err.name);
  });
});

test('cancelling an endless body closes the connection (bounded reads rely on it)', async () => {
  const before = closed;
  const res = await ours(`${base}/endless`, {});
  const reader = res.body!.getReader();
  let read = 0;
  while (read < 1024 * 1024) read += (await reader.read()).value?.length ?? 0;
  await reader.cancel();
  for (let i = 0; i < 50 && closed === before; i++) await new Promise((r) => setTimeout(r, 20));
  expect(closed).toBeGreaterThan(before);
});

test('connections are kept alive across requests', async () => {
  const before = sockets;
  for (let i = 0; i < 5; i++) await read(await ours(`${base}/x`, {}));
  expect(sockets - before).toBeLessThanOrEqual(1);
});
