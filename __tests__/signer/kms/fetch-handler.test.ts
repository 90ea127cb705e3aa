// The AWS SDK (its SigV4 signing and JSON protocol, for real) sending through FetchRetryHandler
// to a loopback server: KMS calls follow the action's one retry policy, and what reaches the
// wire is what KMS expects (the operation in X-Amz-Target, a signed request, MessageType DIGEST).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { FetchRetryHandler } from '../../../src/signer/kms/fetch-handler.js';
import { quickPolicy } from '../../helpers/retry-policy.js';

interface Seen {
  target: string;
  authorization: string;
  body: Record<string, unknown>;
}

let server: Server;
let url: string;
const seen: Seen[] = [];
let answers: { status: number; body: unknown }[] = [];

async function read(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void read(req).then((body) => {
      seen.push({
        target: String(req.headers['x-amz-target']),
        authorization: String(req.headers.authorization ?? ''),
        body: JSON.parse(body) as Record<string, unknown>,
      });
      const answer = answers.shift() ?? { status: 500, body: {} };
      res.writeHead(answer.status, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => {
  seen.length = 0;
  answers = [];
});

function client(log: string[]): KMSClient {
  return new KMSClient({
    region: 'eu-west-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-never-sent' },
    maxAttempts: 1,
    requestHandler: new FetchRetryHandler('KMS at test', {
      policy: quickPolicy({ log: (l) => log.push(l) }),
    }),
  });
}

describe('FetchRetryHandler under the AWS SDK', () => {
  it('retries a 503 under the one policy, then returns the answer', async () => {
    answers = [
      { status: 503, body: {} },
      {
        status: 200,
        body: { KeyId: 'k', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', PublicKey: 'AQID' },
      },
    ];
    const log: string[] = [];
    const out = await client(log).send(new GetPublicKeyCommand({ KeyId: 'alias/k' }));
    expect(out.KeySpec).toBe('ECC_NIST_P256');
    expect(Buffer.from(out.PublicKey!)).toEqual(Buffer.from([1, 2, 3]));
    expect(seen.map((s) => s.target)).toEqual([
      'TrentService.GetPublicKey',
      'TrentService.GetPublicKey',
    ]);
    expect(seen[0]!.body).toEqual({ KeyId: 'alias/k' });
    expect(seen[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\//);
    expect(seen[0]!.authorization).not.toContain('secret-never-sent');
    expect(log).toEqual([
      expect.stringMatching(/^KMS at test: POST 127\.0\.0\.1:\d+\/ answered 503; retrying in /),
    ]);
  });

  it('sends Sign with MessageType DIGEST and maps an error answer to the SDK error name', async () => {
    answers = [{ status: 400, body: { __type: 'NotFoundException', message: 'no such key' } }];
    const digest = Buffer.alloc(32, 7);
    const err = await client([])
      .send(
        new SignCommand({
          KeyId: 'alias/k',
          Message: digest,
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      )
      .then(
        () => ({ name: 'no error' }),
        (e: unknown) => e as { name: string },
      );
    expect(err.name).toBe('NotFoundException');
    expect(seen).toHaveLength(1); // a 4xx is not retried
    expect(seen[0]!.body).toEqual({
      KeyId: 'alias/k',
      Message: digest.toString('base64'),
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
  });
});
