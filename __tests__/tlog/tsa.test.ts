// The TSA client against a DER-only RFC 3161 authority on 127.0.0.1: it takes nothing but
// `application/timestamp-query` at the URL it was given and answers with a real token from
// @sigstore/mock's signer (test-env/sigstore/rfc3161.ts). The request's bytes are checked
// against OpenSSL's own `ts -query`; the real Sigstore timestamp-authority is the e2e peer
// (__tests__/e2e/tsa-real.e2e.test.ts).
import type { Bundle } from '@sigstore/bundle';
import { initializeTSA } from '@sigstore/mock';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SignImageError } from '../../src/errors.js';
import {
  newNonce,
  nonceValue,
  TIMESTAMP_QUERY,
  timestampRequest,
} from '../../src/tlog/timestamp-request.js';
import { checkTimestamp, firstTimestamp, tsaWitness } from '../../src/tlog/tsa.js';
import { parseTimestampRequest, timestampReply } from '../../test-env/sigstore/rfc3161.js';
import { exec, scratch } from '../helpers/exec.js';
import { quickPolicy } from '../helpers/retry-policy.js';

let tsa: Awaited<ReturnType<typeof initializeTSA>>;
beforeAll(async () => {
  tsa = await initializeTSA(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
});

interface Seen {
  method: string;
  path: string;
  type: string | undefined;
  body: Buffer;
}

// A DER-only TSA on 127.0.0.1 at `endpoint`; `reply` overrides what it answers.
async function serve(
  endpoint = '/',
  reply?: (body: Buffer) => Promise<{ status: number; body: Buffer | string }>,
) {
  const requests: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const type = req.headers['content-type'];
        requests.push({ method: req.method!, path: req.url!, type, body });
        if (req.url !== endpoint) return void res.writeHead(404).end('not found');
        if (type !== TIMESTAMP_QUERY) return void res.writeHead(415).end('DER only');
        const r = reply
          ? await reply(body)
          : { status: 200, body: await timestampReply(tsa, body) };
        res.writeHead(r.status, { 'Content-Type': 'application/timestamp-reply' }).end(r.body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}${endpoint}`,
    requests,
    close: () => new Promise((r) => server.close(r)),
  };
}

const messageSignature = (signature: Buffer) => ({
  $case: 'messageSignature' as const,
  messageSignature: { messageDigest: { algorithm: 0, digest: Buffer.alloc(32) }, signature },
});
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

// A real TimeStampResp over sha256(`signed`) carrying `nonce`.
async function tokenFor(signed: Buffer, nonce = newNonce()): Promise<Buffer> {
  return timestampReply(tsa, timestampRequest(sha256(signed), nonce));
}

describe('timestampRequest', () => {
  it("is byte for byte OpenSSL's `ts -query -sha256 -cert` for the same digest and nonce", async () => {
    const dir = scratch('tsq');
    for (let i = 0; i < 8; i++) {
      const digest = randomBytes(32);
      const file = path.join(dir, `q${i}.der`);
      const q = await exec('openssl', [
        'ts',
        '-query',
        '-digest',
        digest.toString('hex'),
        '-sha256',
        '-cert',
        '-out',
        file,
      ]);
      expect({ code: q.code, err: q.stderr }).toMatchObject({ code: 0 });
      const theirs = readFileSync(file);
      // OpenSSL picks a random 64-bit nonce; ours is built with the same one.
      const nonce = parseTimestampRequest(theirs).nonce!;
      expect(timestampRequest(digest, nonce).toString('hex')).toBe(theirs.toString('hex'));
    }
  });

  it('is read back by OpenSSL: version 1, sha256 imprint, our nonce, certificate requested', async () => {
    const digest = randomBytes(32);
    const nonce = Buffer.from('ff00000000000001', 'hex'); // top bit set: needs a leading 00
    const file = path.join(scratch('tsq'), 'ours.der');
    writeFileSync(file, timestampRequest(digest, nonce));
    const t = await exec('openssl', ['ts', '-query', '-in', file, '-text']);
    expect({ code: t.code, err: t.stderr }).toMatchObject({ code: 0 });
    expect(t.stdout).toContain('Version: 1');
    expect(t.stdout).toContain('Hash Algorithm: sha256');
    expect(t.stdout).toContain('Nonce: 0xFF00000000000001');
    expect(t.stdout).toContain('Certificate required: yes');
    expect(t.stdout.replace(/[^0-9a-f]/g, '')).toContain(digest.toString('hex').slice(0, 16));
  });

  it('writes the nonce as a minimal positive INTEGER', () => {
    const digest = Buffer.alloc(32, 7);
    const tail = (nonce: Buffer) => timestampRequest(digest, nonce).subarray(2 + 3 + 51);
    expect(tail(Buffer.from('0000000000000001', 'hex')).toString('hex')).toBe('020101' + '0101ff');
    expect(tail(Buffer.from('80', 'hex')).toString('hex')).toBe('02020080' + '0101ff');
    expect(nonceValue(Buffer.from('00ff', 'hex'))).toBe(255n);
    expect(() => timestampRequest(Buffer.alloc(20), newNonce())).toThrow(/32 bytes/);
  });
});

describe('checkTimestamp', () => {
  it('accepts a token whose imprint is sha256 of the signature bytes and whose nonce is ours', async () => {
    const sig = randomBytes(70);
    const nonce = newNonce();
    const token = await tokenFor(sig, nonce);
    expect(() => checkTimestamp(token, sig, 'http://tsa.test', nonce)).not.toThrow();
  });

  it('refuses a token over another signature, another nonce, or bytes that are no token (TSA_ERROR)', async () => {
    const sig = randomBytes(70);
    const nonce = newNonce();
    const check = (token: Buffer) => () => checkTimestamp(token, sig, 'http://tsa.test', nonce);
    await expect(check(await tokenFor(randomBytes(70), nonce))).toFailWith('TSA_ERROR');
    await expect(check(await tokenFor(sig, newNonce()))).toFailWith('TSA_ERROR');
    await expect(check(Buffer.from('not der'))).toFailWith('TSA_ERROR');
  });

  it('names the PKIStatus of a refusal (a TimeStampResp without a token)', async () => {
    // TimeStampResp { status PKIStatusInfo { status 2 (rejection) } }
    const rejection = Buffer.from('3005300302' + '0102', 'hex');
    const err = await Promise.resolve()
      .then(() => checkTimestamp(rejection, randomBytes(70), 'http://tsa.test'))
      .catch((e: unknown) => e);
    expect(err).toFailWith('TSA_ERROR');
    expect((err as Error).message).toContain('refused the request (PKIStatus 2)');
  });
});

describe('tsaWitness against a DER-only RFC 3161 authority', () => {
  it.each(['/', '/tsr'])(
    'POSTs a DER TimeStampReq to the URL as given (%s) and returns the checked token',
    async (endpoint) => {
      const peer = await serve(endpoint);
      try {
        const sig = randomBytes(71);
        const material = await tsaWitness(peer.url).testify(messageSignature(sig), '');
        const [t] = material.rfc3161Timestamps ?? [];
        expect(() => checkTimestamp(Buffer.from(t!.signedTimestamp), sig, peer.url)).not.toThrow();
        expect(peer.requests.map((r) => `${r.method} ${r.path} ${r.type}`)).toEqual([
          `POST ${endpoint} ${TIMESTAMP_QUERY}`,
        ]);
        const sent = parseTimestampRequest(peer.requests[0]!.body);
        expect(sent).toMatchObject({
          version: 1n,
          hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
          hashedMessage: sha256(sig),
          certReq: true,
        });
        // A 64-bit random nonce as a minimal DER INTEGER: 8 bytes mostly, fewer when it starts
        // with zero bytes (1 in 256 runs), 9 when its top bit needs a sign byte.
        expect(sent.nonce!.length).toBeGreaterThanOrEqual(1);
        expect(sent.nonce!.length).toBeLessThanOrEqual(9);
      } finally {
        await peer.close();
      }
    },
  );

  it('sends a fresh nonce with every request', async () => {
    const peer = await serve();
    try {
      const witness = tsaWitness(peer.url);
      await witness.testify(messageSignature(randomBytes(70)), '');
      await witness.testify(messageSignature(randomBytes(70)), '');
      const [a, b] = peer.requests.map((r) => parseTimestampRequest(r.body).nonce!.toString('hex'));
      expect(a).not.toBe(b);
    } finally {
      await peer.close();
    }
  });

  it('refuses a replayed token (right signature, another request) before anything uses it', async () => {
    const sig = randomBytes(70);
    const stale = await tokenFor(sig);
    const peer = await serve('/', async () => ({ status: 200, body: stale }));
    try {
      await expect(tsaWitness(peer.url).testify(messageSignature(sig), '')).toFailWith('TSA_ERROR');
    } finally {
      await peer.close();
    }
  });

  it('refuses a token that does not cover this signature', async () => {
    const peer = await serve('/', async (body) => ({
      status: 200,
      body: await timestampReply(
        tsa,
        timestampRequest(sha256(Buffer.from('someone else')), parseTimestampRequest(body).nonce!),
      ),
    }));
    try {
      await expect(tsaWitness(peer.url).testify(messageSignature(randomBytes(70)), '')).toFailWith(
        'TSA_ERROR',
      );
    } finally {
      await peer.close();
    }
  });

  it('names the authority and its status when it answers an error (TSA_ERROR)', async () => {
    const peer = await serve('/tsr');
    try {
      // The authority's base URL where its endpoint is /tsr: a 404, with the hint to fix it.
      const err = await tsaWitness(peer.url.replace(/\/tsr$/, '/'))
        .testify(messageSignature(randomBytes(70)), '')
        .catch((e: unknown) => e);
      expect(err).toFailWith('TSA_ERROR');
      expect((err as Error).message).toContain(`${new URL(peer.url).host} answered 404`);
      expect((err as SignImageError).hint).toContain('RFC 3161 endpoint itself');
    } finally {
      await peer.close();
    }
  });

  it('says TSA_UNREACHABLE when nothing listens at tsa-url', async () => {
    const peer = await serve();
    await peer.close();
    const witness = tsaWitness(peer.url, quickPolicy());
    await expect(witness.testify(messageSignature(randomBytes(70)), '')).toFailWith(
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
