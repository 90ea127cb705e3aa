// The TSA witness against a loopback timestamp authority serving @sigstore/mock's TSA (real
// RFC 3161 tokens signed by a real key) over plain node:http, as the test bed does.
import type { Bundle } from '@sigstore/bundle';
import { initializeTSA, tsaHandler } from '@sigstore/mock';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignImageError } from '../../src/errors.js';
import { checkTimestamp, firstTimestamp, tsaWitness } from '../../src/tlog/tsa.js';
import { quickPolicy } from '../helpers/retry-policy.js';

let tsa: Awaited<ReturnType<typeof initializeTSA>>;
beforeAll(async () => {
  tsa = await initializeTSA(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
});

// A TSA on 127.0.0.1; `reply` overrides what it answers.
async function serve(reply?: (body: string) => Promise<{ status: number; body: Buffer | string }>) {
  const handler = tsaHandler(tsa).fn;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      requests.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const r = reply
        ? await reply(body)
        : await handler(body).then((h) => ({
            status: h.statusCode,
            body: Buffer.from(h.response as Uint8Array),
          }));
      res.writeHead(r.status).end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise((r) => server.close(r)) };
}

const messageSignature = (signature: Buffer) => ({
  $case: 'messageSignature' as const,
  messageSignature: { messageDigest: { algorithm: 0, digest: Buffer.alloc(32) }, signature },
});

// A real token over sha256(`signed`).
async function tokenFor(signed: Buffer): Promise<Buffer> {
  const artifactHash = createHash('sha256').update(signed).digest();
  const der = await tsa.timestamp({
    artifactHash,
    hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
    nonce: 1,
    policyOID: '1.3.6.1.4.1.57264.2',
    certReq: true,
  });
  return Buffer.from(der.buffer, der.byteOffset, der.byteLength);
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof SignImageError) return err.code;
    throw err;
  }
  return undefined;
}

describe('checkTimestamp', () => {
  it('accepts a token whose imprint is sha256 of the signature bytes', async () => {
    const sig = randomBytes(70);
    const token = await tokenFor(sig);
    expect(() => checkTimestamp(token, sig, 'http://tsa.test')).not.toThrow();
  });

  it('refuses a token over another signature, and bytes that are no token (TSA_ERROR)', async () => {
    const sig = randomBytes(70);
    expect(
      await codeOf(async () =>
        checkTimestamp(await tokenFor(randomBytes(70)), sig, 'http://tsa.test'),
      ),
    ).toBe('TSA_ERROR');
    expect(await codeOf(() => checkTimestamp(Buffer.from('not der'), sig, 'http://tsa.test'))).toBe(
      'TSA_ERROR',
    );
  });
});

describe('tsaWitness', () => {
  it('asks the TSA with sigstore JSON at /api/v1/timestamp for a token over the signature', async () => {
    const peer = await serve();
    try {
      const sig = randomBytes(71);
      const material = await tsaWitness(peer.url).testify(messageSignature(sig), '');
      const [t] = material.rfc3161Timestamps ?? [];
      expect(() => checkTimestamp(Buffer.from(t!.signedTimestamp), sig, peer.url)).not.toThrow();
      expect(peer.requests).toEqual(['POST /api/v1/timestamp application/json']);
    } finally {
      await peer.close();
    }
  });

  it('refuses a token that does not cover this signature before anything uses it', async () => {
    const peer = await serve(async () => ({
      status: 201,
      body: await tokenFor(Buffer.from('someone else')),
    }));
    try {
      expect(
        await codeOf(tsaWitness(peer.url).testify(messageSignature(randomBytes(70)), '')),
      ).toBe('TSA_ERROR');
    } finally {
      await peer.close();
    }
  });

  it('names the authority and its status when it refuses the request (TSA_ERROR)', async () => {
    const peer = await serve(async () => ({ status: 400, body: 'bad request' }));
    try {
      const err = await tsaWitness(peer.url)
        .testify(messageSignature(randomBytes(70)), '')
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'TSA_ERROR' });
      expect((err as Error).message).toContain(`${new URL(peer.url).host} answered 400`);
    } finally {
      await peer.close();
    }
  });

  it('says TSA_UNREACHABLE when nothing listens at tsa-url', async () => {
    const peer = await serve();
    await peer.close();
    const witness = tsaWitness(peer.url, quickPolicy());
    expect(await codeOf(witness.testify(messageSignature(randomBytes(70)), ''))).toBe(
      'TSA_UNREACHABLE',
    );
  }, 20_000);
});

describe('firstTimestamp', () => {
  it('is the first token of the bundle, or undefined without one', () => {
    const bundle = (tokens: Buffer[]) =>
      ({
        verificationMaterial: {
          timestampVerificationData: {
            rfc3161Timestamps: tokens.map((signedTimestamp) => ({ signedTimestamp })),
          },
        },
      }) as unknown as Bundle;
    expect(firstTimestamp(bundle([Buffer.from('a'), Buffer.from('b')]))).toEqual(Buffer.from('a'));
    expect(firstTimestamp(bundle([]))).toBeUndefined();
  });
});
