import { jest } from '@jest/globals';
import { X509Certificate } from '@sigstore/core';
import { createPublicKey, verify } from 'node:crypto';
import { REFRESH_MARGIN_MS, KeylessSigner } from '../../../src/signer/keyless/keyless-signer.js';
import { startLocalFulcio, type LocalFulcio } from '../../helpers/local-fulcio.js';
import { quickPolicy } from '../../helpers/retry-policy.js';
import { rejectionOf } from '../../helpers/errors.js';

const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';

let fulcio: LocalFulcio;

beforeAll(async () => {
  // The services log a line per request; that belongs in the bed's log, not in test output.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  fulcio = await startLocalFulcio();
});
afterAll(() => fulcio.close());

function signer(options: { now?: () => number; token?: () => string; url?: string } = {}) {
  const token = options.token ?? (() => fulcio.token());
  return new KeylessSigner({
    fulcioUrl: options.url ?? fulcio.url,
    identityProvider: { getToken: async () => token() },
    now: options.now,
    retry: quickPolicy(),
  });
}

describe('KeylessSigner', () => {
  describe('certificate', () => {
    it('is a Fulcio leaf for the job identity, with the rest of the chain', async () => {
      const cert = await signer().certificate();
      expect(cert.identity).toBe(IDENTITY);
      expect(cert.issuer).toBe(ISSUER);
      expect(cert.chainPem).toBe(fulcio.rootPem);
      expect(cert.lifetimeMs).toBe(10 * 60 * 1000);
      expect(X509Certificate.parse(cert.leafPem).subjectAltName).toBe(IDENTITY);
    });

    it('names the identity of the token it was given', async () => {
      const cert = await signer({
        token: () => fulcio.token({ repository: 'octo/lib', workflow: 'ci.yml' }),
      }).certificate();
      expect(cert.identity).toBe(
        'https://github.com/octo/lib/.github/workflows/ci.yml@refs/heads/main',
      );
    });
  });

  describe('sign', () => {
    it('signs with the key the certificate certifies', async () => {
      const s = signer();
      const data = Buffer.from('payload bytes');
      const { signature, key } = await s.sign(data);
      if (key.$case !== 'x509Certificate') throw new Error('expected a certificate');
      const spki = X509Certificate.parse(key.certificate).publicKey;
      const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
      expect(verify('sha256', data, publicKey, signature)).toBe(true);
      expect(s.chainFor(key.certificate)).toBe(fulcio.rootPem);
    });

    it('asks Fulcio once for many concurrent signatures', async () => {
      const before = fulcio.certificateRequests();
      const s = signer();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => s.sign(Buffer.from(`image ${i}`))),
      );
      expect(fulcio.certificateRequests() - before).toBe(1);
      const leaves = new Set(
        results.map((r) => (r.key.$case === 'x509Certificate' ? r.key.certificate : '')),
      );
      expect(leaves.size).toBe(1);
    });

    describe('when the certificate could expire before the signature is logged', () => {
      it('asks for a fresh one, once, however many signatures wait for it', async () => {
        let now = 1_000_000;
        const s = signer({ now: () => now });
        const first = await s.certificate();
        const before = fulcio.certificateRequests();

        now += first.lifetimeMs - REFRESH_MARGIN_MS - 1; // still just in time
        await s.sign(Buffer.from('a'));
        expect(fulcio.certificateRequests() - before).toBe(0);

        now += 1; // a signature made now might be logged after notAfter
        const renewed = await Promise.all(
          Array.from({ length: 5 }, () => s.sign(Buffer.from('b'))),
        );
        expect(fulcio.certificateRequests() - before).toBe(1);
        const leaf = renewed[0]!.key.$case === 'x509Certificate' ? renewed[0]!.key.certificate : '';
        expect(leaf).not.toBe(first.leafPem);
        expect(s.chainFor(leaf)).toBe(fulcio.rootPem);
        expect(s.chainFor(first.leafPem)).toBe(fulcio.rootPem);
      });
    });
  });

  describe('when Fulcio refuses', () => {
    it('a token from another issuer key is FULCIO_ERROR with the status, never the token', async () => {
      const { OidcIssuer, githubClaims } = await import('../../../test-env/sigstore/oidc.js');
      const forged = new OidcIssuer('x').mint(githubClaims({}, 'sigstore'));
      const err = await rejectionOf(signer({ token: () => forged }).certificate());
      expect(err.code).toBe('FULCIO_ERROR');
      expect(err.message).toMatch(
        /^Fulcio at 127\.0\.0\.1:\d+ answered 401 to the certificate request/,
      );
      expect(`${err.message} ${err.hint}`).not.toContain(forged);
      expect(`${err.message} ${err.hint}`).not.toContain(forged.split('.')[1]);
    });

    it('a token that is not a JWT fails before Fulcio is asked, without echoing it', async () => {
      const before = fulcio.certificateRequests();
      const err = await rejectionOf(signer({ token: () => 'opaque-secret-token' }).certificate());
      expect(err.code).toBe('OIDC_TOKEN_INVALID');
      expect(err.message).not.toContain('opaque-secret-token');
      expect(fulcio.certificateRequests()).toBe(before);
    });

    it('an unreachable CA is FULCIO_UNREACHABLE naming fulcio-url', async () => {
      const err = await rejectionOf(signer({ url: 'http://127.0.0.1:9' }).certificate());
      expect(err.code).toBe('FULCIO_UNREACHABLE');
      expect(err.hint).toMatch(/fulcio-url/);
    });

    it('a refused request is not repeated by later signatures', async () => {
      const before = fulcio.certificateRequests();
      const s = signer({ token: () => fulcio.token({ ttl: '-60' }) }); // expired: 401, not retried
      const errs = await Promise.all([
        rejectionOf(s.sign(Buffer.from('a'))),
        rejectionOf(s.sign(Buffer.from('b'))),
      ]);
      await rejectionOf(s.sign(Buffer.from('c')));
      expect(errs.map((e) => e.code)).toEqual(['FULCIO_ERROR', 'FULCIO_ERROR']);
      expect(fulcio.certificateRequests() - before).toBe(1);
    });
  });
});
