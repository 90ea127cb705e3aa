import type { SerializedBundle } from '@sigstore/bundle';
import { buildBundleFile, buildOutputs } from '../../src/report/outputs.js';
import type { SignatureResult } from '../../src/report/result.js';
import { publicKeyFingerprint } from '../../src/report/identity.js';

const PEM =
  '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7z9gA/tqa9iHt/f9F3ulyVi4lwqU\nLfHWfhG2mK4eyJ8LDcLstb+VVhxj3pkMjc3fNo+sSfiIY2NLR7c+DG1V4w==\n-----END PUBLIC KEY-----\n';
const D1 = 'sha256:' + '1'.repeat(64);
const D2 = 'sha256:' + '2'.repeat(64);
const bundle = {
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
} as unknown as SerializedBundle;

function result(over: Partial<SignatureResult>): SignatureResult {
  return {
    image: '127.0.0.1:5000/acme/app',
    digest: D1,
    tags: ['1.0'],
    format: 'legacy',
    signatureRef: `127.0.0.1:5000/acme/app:sha256-${'1'.repeat(64)}.sig`,
    added: true,
    rekorLogIndex: 7,
    rekorLogId: 'ab'.repeat(32),
    integratedTime: 1700000000,
    bundle,
    ...over,
  };
}

describe('buildOutputs', () => {
  it("reports the first signature's log entry and every signature as JSON", () => {
    const outputs = buildOutputs(
      [result({}), result({ digest: D2, rekorLogIndex: 8 })],
      { mode: 'key', publicKeyPem: PEM },
      '/tmp/b.json',
    );
    expect(outputs['signing-mode']).toBe('key');
    expect(outputs['rekor-log-index']).toBe('7');
    expect(outputs['rekor-log-id']).toBe('ab'.repeat(32));
    expect(outputs['public-key']).toBe(PEM);
    expect(outputs.certificate).toBe('');
    expect(outputs['bundle-path']).toBe('/tmp/b.json');
    const sigs = JSON.parse(outputs.signatures!);
    expect(sigs).toHaveLength(2);
    expect(Object.keys(sigs[0])).toEqual([
      'image',
      'digest',
      'format',
      'signatureRef',
      'rekorLogIndex',
      'rekorLogId',
      'integratedTime',
    ]);
    expect(sigs[1]).toMatchObject({ digest: D2, rekorLogIndex: 8 });
  });

  it('leaves the log outputs empty without a tlog entry', () => {
    const outputs = buildOutputs(
      [result({ rekorLogIndex: undefined, rekorLogId: undefined, integratedTime: undefined })],
      { mode: 'key', publicKeyPem: PEM },
      '/b',
    );
    expect(outputs['rekor-log-index']).toBe('');
    expect(outputs['rekor-log-id']).toBe('');
    expect(JSON.parse(outputs.signatures!)[0].rekorLogIndex).toBeNull();
  });

  it("keyless: the certificate output and each signature's identity and issuer", () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const identity = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
    const issuer = 'https://token.actions.githubusercontent.com';
    const outputs = buildOutputs(
      [result({ identity, issuer })],
      { mode: 'keyless', certificatePem: cert, subject: identity, issuer },
      '/b',
    );
    expect(outputs['signing-mode']).toBe('keyless');
    expect(outputs.certificate).toBe(cert);
    expect(outputs['public-key']).toBe('');
    const [sig] = JSON.parse(outputs.signatures!);
    expect(sig).toMatchObject({ identity, issuer });
    expect(Object.keys(sig).slice(-2)).toEqual(['identity', 'issuer']);
  });
});

describe('buildBundleFile', () => {
  it('keys every bundle by image@digest', () => {
    const file = JSON.parse(buildBundleFile([result({}), result({ digest: D2 })]));
    expect(Object.keys(file)).toEqual([
      `127.0.0.1:5000/acme/app@${D1}`,
      `127.0.0.1:5000/acme/app@${D2}`,
    ]);
  });
});

describe('publicKeyFingerprint', () => {
  it('fingerprints the SPKI DER', () => {
    // sha256 of the DER of the pemsigstorekey public key, computed independently with openssl.
    expect(publicKeyFingerprint(PEM)).toBe(
      'f1057bf3c114d5486f0bdb3c702596d6154158248980d4be49f6c61fdc62c591',
    );
  });
});
