// Fulcio's error text may echo the token; the token is longer than the 300 characters kept, so it
// must be scrubbed before the text is cut, or a piece of it survives.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestSigningCertificate, scrubToken } from '../../../src/signer/keyless/fulcio.js';
import { quickPolicy } from '../../helpers/retry-policy.js';

const token = `eyJhbGciOiJSUzI1NiJ9.${'A'.repeat(600)}.${'B'.repeat(342)}`;

describe('the Fulcio error reason', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      const message = `token ${token} is not valid because ${'x'.repeat(50)}`;
      res
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ code: 3, message }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('holds no piece of the token', async () => {
    const err = (await requestSigningCertificate({
      fulcioUrl: url,
      token,
      publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----\n',
      proofOfPossession: Buffer.alloc(1),
      policy: quickPolicy({ attempts: 1 }),
    }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('is not valid because');
    expect(err.message).not.toContain(token.slice(0, 40));
    expect(err.message).not.toContain('AAAAAAAAAA');
    expect(err.message.length).toBeLessThan(400);
  });

  it('scrubs the token and anything shaped like a JWT', () => {
    expect(scrubToken(`a ${token} b`, token)).toBe('a *** b');
    expect(scrubToken('other eyJx.eyJy.zzz here', token)).toBe('other *** here');
  });
});
