import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pem } from '@sigstore/core';
import { jest } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import {
  certificateIdentity,
  toSigningCertificate,
} from '../../../src/signer/keyless/certificate.js';
import { startLocalFulcio, type LocalFulcio } from '../../helpers/local-fulcio.js';

const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';

let fulcio: LocalFulcio;
let publicKeyPem: string;
let chain: string[];

// A genuine answer of the local Fulcio (a @sigstore/mock CA behind the bed's checks).
beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  fulcio = await startLocalFulcio();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const token = fulcio.token();
  const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
  const r = await fetch(`${fulcio.url}/api/v2/signingCert`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      publicKeyRequest: {
        publicKey: { algorithm: 'ECDSA', content: publicKeyPem },
        proofOfPossession: sign('sha256', Buffer.from(sub), privateKey).toString('base64'),
      },
    }),
  });
  expect(r.status).toBe(200);
  chain = (
    (await r.json()) as { signedCertificateEmbeddedSct: { chain: { certificates: string[] } } }
  ).signedCertificateEmbeddedSct.chain.certificates;
});
afterAll(() => fulcio.close());

describe('toSigningCertificate', () => {
  it('takes the leaf, its identity and issuer, and the rest of the chain', () => {
    const cert = toSigningCertificate(chain, publicKeyPem);
    expect(cert).toMatchObject({ identity: IDENTITY, issuer: ISSUER, chainPem: fulcio.rootPem });
    expect(cert.lifetimeMs).toBe(600_000);
  });

  it('re-encodes the PEM in the layout cosign writes, whatever the CA sent', () => {
    const crlf = chain.map((pem) =>
      pem.replace(/\n/g, '\r\n').replace(/([A-Za-z0-9+/=]{76})/g, '$1\r\n'),
    );
    const cert = toSigningCertificate(crlf, publicKeyPem);
    expect(cert.leafPem).toBe(toSigningCertificate(chain, publicKeyPem).leafPem);
    expect(cert.leafPem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
    );
  });

  it('accepts the whole chain in one PEM string', () => {
    expect(toSigningCertificate([chain.join('')], publicKeyPem).chainPem).toBe(fulcio.rootPem);
  });

  it('gives an empty chain when Fulcio sent the leaf only (as cosign 3 writes it)', () => {
    expect(toSigningCertificate([chain[0]!], publicKeyPem).chainPem).toBe('');
  });

  it('refuses a certificate for another key, an empty answer, and garbage', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(() => toSigningCertificate(chain, other)).toFailWith('CERTIFICATE_INVALID');
    expect(() => toSigningCertificate([], publicKeyPem)).toFailWith('CERTIFICATE_INVALID');
    expect(() =>
      toSigningCertificate(
        ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
        publicKeyPem,
      ),
    ).toFailWith('CERTIFICATE_INVALID');
  });

  it('refuses the root in place of the leaf', () => {
    expect(() => toSigningCertificate([chain[1]!], publicKeyPem)).toFailWith('CERTIFICATE_INVALID');
  });
});

describe('certificateIdentity', () => {
  it('reads the SAN and the issuer (v2 extension) from PEM or DER', () => {
    const leaf = toSigningCertificate(chain, publicKeyPem).leafPem;
    const der = Buffer.from(leaf.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
    expect(certificateIdentity(leaf)).toEqual({ identity: IDENTITY, issuer: ISSUER });
    expect(certificateIdentity(der)).toEqual({ identity: IDENTITY, issuer: ISSUER });
  });

  it("re-encodes with @sigstore/core's pem.fromDER, byte for byte Go's pem.EncodeToMemory (cosign's own cosign.pub)", () => {
    const goPem = readFileSync(
      fileURLToPath(new URL('../../fixtures/peer-captures/cosign-key.pub', import.meta.url)),
      'utf8',
    );
    expect(pem.fromDER(pem.toDER(goPem), 'PUBLIC KEY')).toBe(goPem);
  });
});
