// The Rekor witness against the test bed's own Rekor v1 log (real Merkle tree, SETs, 409 with
// Location on a duplicate), in process, behind the fault proxy: a POST whose answer is lost is
// retried, gets 409, and the entry its first try made is used, so nothing is logged twice.
import { jest } from '@jest/globals';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import { Control, serve } from '../../test-env/sigstore/http.js';
import { RekorLog as BedRekor } from '../../test-env/sigstore/rekor.js';
import { RekorLog } from '../../src/tlog/rekor-log.js';
import { checkHashedRekordEntry, verifySignedEntryTimestamp } from '../../src/tlog/verify-entry.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../helpers/fault-proxy.js';
import { quickPolicy } from '../helpers/retry-policy.js';
import { rejectionOf } from '../helpers/errors.js';

let rekor: { url: string; server: Server; log: BedRekor };
let proxy: FaultProxy;

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const log = new BedRekor({
    ...generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    clock: new Date(),
  });
  const { url, server } = await serve('rekor', log.routes(), new Control());
  rekor = { url, server, log };
});
afterAll(() => new Promise((resolve) => rekor.server.close(resolve)));
afterEach(() => proxy?.close());

// A fresh P-256 signature over `payload`, as the key signer makes it.
function signed(payload: Buffer) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signature = sign('sha256', payload, privateKey);
  const digest = createHash('sha256').update(payload).digest();
  return {
    content: {
      $case: 'messageSignature' as const,
      messageSignature: { messageDigest: { algorithm: 1, digest }, signature },
    },
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signatureBase64: signature.toString('base64'),
    digestHex: digest.toString('hex'),
  };
}

async function logThrough(faults: (Fault | undefined)[], policy = quickPolicy()) {
  proxy = await startFaultProxy(rekor.url, { decide: ({ index }) => faults[index] });
  const s = signed(Buffer.from(`payload ${Math.random()}`));
  const material = await new RekorLog({ rekorUrl: proxy.url, policy }).testify(
    s.content,
    s.publicKeyPem,
  );
  return { s, entry: material.tlogEntries![0]! };
}

describe('RekorLog', () => {
  it('logs a hashedrekord entry whose body, signature and SET check out', async () => {
    const { s, entry } = await logThrough([]);
    checkHashedRekordEntry(entry, {
      payloadSha256Hex: s.digestHex,
      signatureBase64: s.signatureBase64,
      publicKeyPem: s.publicKeyPem,
    });
    expect(() => verifySignedEntryTimestamp(entry, rekor.log.publicKeyPem)).not.toThrow();
    expect(entry.inclusionProof?.hashes).toBeDefined();
  });

  it('after a lost answer, takes the existing entry from the 409 instead of logging twice', async () => {
    const { s, entry } = await logThrough([{ kind: 'lost' }]);
    expect(proxy.records.map((r) => `${r.method} ${r.upstream ?? r.fault}`)).toEqual([
      'POST 201', // logged, but the answer never arrived
      'POST 409',
      'GET 200',
    ]);
    checkHashedRekordEntry(entry, {
      payloadSha256Hex: s.digestHex,
      signatureBase64: s.signatureBase64,
      publicKeyPem: s.publicKeyPem,
    });
    expect(() => verifySignedEntryTimestamp(entry, rekor.log.publicKeyPem)).not.toThrow();
  });

  it('retries 429 with Retry-After, 503 and resets', async () => {
    const waits: number[] = [];
    const { entry } = await logThrough(
      [
        { kind: 'status', status: 429, retryAfter: '1' },
        { kind: 'status', status: 503 },
        { kind: 'reset' },
      ],
      quickPolicy({ sleep: async (ms) => void waits.push(ms) }),
    );
    expect(entry.logIndex).toMatch(/^\d+$/);
    expect(waits[0]).toBe(1000);
    expect(proxy.records.filter((r) => r.upstream === 201)).toHaveLength(1);
  });

  it('names the log, its host, the status and the status page when it keeps failing', async () => {
    const err = await rejectionOf(
      logThrough(Array(10).fill({ kind: 'status', status: 503 }), quickPolicy({ attempts: 3 })),
    );
    expect(err.code).toBe('TLOG_ERROR');
    expect(err.message).toBe(
      `Rekor at ${proxy.host} answered 503 when recording the signature after 3 attempts: injected by the fault proxy`,
    );
    expect(err.hint).toContain('https://status.sigstore.dev');
  });

  it('does not retry a 400: the entry was refused', async () => {
    const err = await rejectionOf(logThrough([{ kind: 'status', status: 400 }]));
    expect(err).toMatchObject({
      code: 'TLOG_ERROR',
      message: expect.stringContaining('answered 400'),
    });
    expect(proxy.records).toHaveLength(1);
  });
});
