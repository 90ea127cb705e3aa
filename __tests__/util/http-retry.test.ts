// The one retry policy, against a real loopback server that answers each request as scripted:
// a status, a connection reset before or in the middle of the body, or no answer at all.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  attemptsNote,
  describeFailure,
  fetchWithRetry,
  RequestFailure,
} from '../../src/util/http-retry.js';
import { Deadline } from '../../src/util/retry.js';
import { quickPolicy } from '../helpers/retry-policy.js';

type Step =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'reset'
  | 'reset-mid-body'
  | 'hang';

interface Scripted {
  url: string;
  hits: () => number;
  close: () => Promise<void>;
}

let server: Scripted | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Answers request n with steps[n] (the last step repeats).
async function serve(steps: Step[]): Promise<Scripted> {
  let n = 0;
  const s = http.createServer((req, res) => {
    const step = steps[Math.min(n++, steps.length - 1)]!;
    req.resume();
    if (step === 'hang') return;
    if (step === 'reset') return void req.socket.resetAndDestroy();
    if (step === 'reset-mid-body') {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('partial');
      setTimeout(() => req.socket.resetAndDestroy(), 20);
      return;
    }
    res.writeHead(step.status, step.headers).end(step.body ?? '');
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (server = {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/x`,
    hits: () => n,
    close: () => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(() => resolve()));
    },
  });
}

async function failure(p: Promise<unknown>): Promise<RequestFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof RequestFailure)) throw new Error(`expected a RequestFailure, got ${err}`);
  return err;
}

describe('fetchWithRetry', () => {
  it.each([408, 429, 500, 502, 503, 504])(
    'tries again after %i, then returns the answer',
    async (status) => {
      const s = await serve([{ status }, { status: 200, body: 'ok' }]);
      const res = await fetchWithRetry(s.url, {}, { what: 'test', policy: quickPolicy() });
      expect([res.status, await res.text(), s.hits()]).toEqual([200, 'ok', 2]);
    },
  );

  it.each([400, 401, 403, 404, 409, 412, 422])(
    'never retries %i: it would not change',
    async (status) => {
      const s = await serve([{ status }, { status: 200 }]);
      const res = await fetchWithRetry(s.url, {}, { what: 'test', policy: quickPolicy() });
      expect([res.status, s.hits(), attemptsNote(res)]).toEqual([status, 1, '']);
    },
  );

  it('retries a reset before the answer and one in the middle of the body', async () => {
    const s = await serve(['reset', 'reset-mid-body', { status: 201, body: 'whole' }]);
    const res = await fetchWithRetry(
      s.url,
      { method: 'POST', body: 'x' },
      { what: 'test', policy: quickPolicy() },
    );
    expect([res.status, await res.text(), s.hits()]).toEqual([201, 'whole', 3]);
  });

  it('waits as long as Retry-After asks (seconds or an HTTP date), not the backoff', async () => {
    const waits: number[] = [];
    const later = new Date(Date.now() + 3000).toUTCString();
    const s = await serve([
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 503, headers: { 'Retry-After': later } },
      { status: 200 },
    ]);
    const policy = quickPolicy({ sleep: async (ms) => void waits.push(ms) });
    await fetchWithRetry(s.url, {}, { what: 'test', policy });
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThan(1000);
    expect(waits[1]).toBeLessThanOrEqual(3000);
  });

  it('gives up at once when Retry-After asks for longer than it will wait', async () => {
    const s = await serve([{ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 }]);
    const res = await fetchWithRetry(s.url, {}, { what: 'test', policy: quickPolicy() });
    expect([res.status, s.hits()]).toEqual([429, 1]);
  });

  it('backs off exponentially with jitter, and says so in one line per retry', async () => {
    const waits: number[] = [];
    const lines: string[] = [];
    const s = await serve([{ status: 503 }]);
    const policy = quickPolicy({
      attempts: 5,
      backoff: { baseMs: 100, maxMs: 400 },
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
      log: (l) => lines.push(l),
    });
    const res = await fetchWithRetry(`${s.url}?_state=secret`, {}, { what: 'Rekor at x', policy });
    expect([res.status, s.hits(), attemptsNote(res)]).toEqual([503, 5, ' after 5 attempts']);
    expect(waits).toEqual([100, 200, 400, 400]);
    expect(lines[0]).toMatch(
      /^Rekor at x: GET 127\.0\.0\.1:\d+\/x answered 503; retrying in 0\.1 s \(attempt 2 of 5\)$/,
    );
    expect(lines.join('\n')).not.toContain('secret'); // queries can carry upload state
  });

  it('throws a RequestFailure naming the system error once every try was refused', async () => {
    const s = await serve([{ status: 200 }]);
    await s.close();
    server = undefined;
    const err = await failure(
      fetchWithRetry(s.url, {}, { what: 'test', policy: quickPolicy({ attempts: 3 }) }),
    );
    expect([err.kind, err.code, err.attempts]).toEqual(['network', 'ECONNREFUSED', 3]);
    expect(describeFailure(err)).toBe('could not be reached (ECONNREFUSED) after 3 attempts');
  });

  it('times out each request, and retries it', async () => {
    const s = await serve(['hang', { status: 200 }]);
    const res = await fetchWithRetry(
      s.url,
      {},
      { what: 'test', policy: quickPolicy({ timeoutMs: 200 }) },
    );
    expect([res.status, s.hits()]).toEqual([200, 2]);
  });

  it('never runs past the deadline: a hung request is cut off there and not tried again', async () => {
    const s = await serve(['hang']);
    const started = Date.now();
    const policy = quickPolicy({ timeoutMs: 10_000, deadline: new Deadline(400) });
    const err = await failure(fetchWithRetry(s.url, {}, { what: 'test', policy }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect([err.kind, s.hits()]).toEqual(['deadline', 1]);
    expect(describeFailure(err)).toBe("did not answer before the step's 0.4 s deadline");
  });

  it('does not start a wait that would end after the deadline', async () => {
    const s = await serve([{ status: 503, headers: { 'Retry-After': '5' } }, { status: 200 }]);
    const started = Date.now();
    const policy = quickPolicy({ deadline: new Deadline(1000) });
    const res = await fetchWithRetry(s.url, {}, { what: 'test', policy });
    expect([res.status, s.hits()]).toEqual([503, 1]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('returns redirects as they are, for the caller to follow', async () => {
    const s = await serve([{ status: 307, headers: { Location: '/elsewhere' } }]);
    const res = await fetchWithRetry(s.url, {}, { what: 'test', policy: quickPolicy() });
    expect([res.status, res.headers.get('location')]).toEqual([307, '/elsewhere']);
  });
});
