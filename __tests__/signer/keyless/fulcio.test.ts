// The certificate request behind the fault proxy, against the in-process Fulcio: retried only
// when no certificate came back, so a second certificate is minted only for a lost answer.
import { jest } from '@jest/globals';
import { KeylessSigner } from '../../../src/signer/keyless/keyless-signer.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../../helpers/fault-proxy.js';
import { quickPolicy } from '../../helpers/retry-policy.js';
import { startLocalFulcio, type LocalFulcio } from '../../helpers/local-fulcio.js';
import { rejectionOf } from '../../helpers/errors.js';

let fulcio: LocalFulcio;
let proxy: FaultProxy;

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  fulcio = await startLocalFulcio();
});
afterAll(() => fulcio.close());
afterEach(() => proxy?.close());

async function certificateThrough(faults: Fault[], token = () => fulcio.token()) {
  proxy = await startFaultProxy(fulcio.url, { decide: ({ index }) => faults[index] });
  const signer = new KeylessSigner({
    fulcioUrl: proxy.url,
    identityProvider: { getToken: async () => token() },
    retry: quickPolicy({ attempts: 4 }),
  });
  return signer.certificate();
}

// Certificates Fulcio issued (answered 200) while the proxy watched.
const minted = () => proxy.records.filter((r) => r.upstream === 200).length;

describe('the Fulcio certificate request', () => {
  it('is retried after 429, 503 and a reset, and Fulcio mints exactly one certificate', async () => {
    const cert = await certificateThrough([
      { kind: 'status', status: 429, retryAfter: '0' },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
    ]);
    expect(cert.leafPem).toContain('BEGIN CERTIFICATE');
    expect(proxy.records).toHaveLength(4);
    expect(minted()).toBe(1);
  });

  it('mints a second certificate only when the first answer was lost on the way', async () => {
    const cert = await certificateThrough([{ kind: 'lost' }]);
    expect(cert.leafPem).toContain('BEGIN CERTIFICATE');
    expect(proxy.records.map((r) => r.fault ?? 'ok')).toEqual(['lost', 'ok']);
    expect(minted()).toBe(2);
  });

  it('is not retried when Fulcio refuses the token (401), and the token is never quoted', async () => {
    const token = fulcio.token({ ttl: '-60' });
    const err = await rejectionOf(certificateThrough([], () => token));
    expect(err).toFailWith('FULCIO_ERROR');
    expect(err.message).toMatch(
      /^Fulcio at 127\.0\.0\.1:\d+ answered 401 to the certificate request/,
    );
    expect(err.message).not.toContain(token);
    expect(proxy.records).toHaveLength(1);
  });

  it('says how often it tried when Fulcio keeps failing', async () => {
    const err = await rejectionOf(
      certificateThrough(Array(8).fill({ kind: 'status', status: 503 })),
    );
    expect(err.message).toMatch(/answered 503 to the certificate request after 4 attempts/);
    expect(err.hint).toContain('https://status.sigstore.dev');
    expect(minted()).toBe(0);
  });
});
