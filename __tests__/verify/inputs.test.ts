// The verify action's inputs: each mistake is one INPUT_INVALID naming the input and the fix,
// raised before any request.
import { generateKeyPairSync } from 'node:crypto';
import {
  matches,
  parseVerifyConfig,
  readVerifyInputs,
  VERIFY_INPUT_NAMES,
  type VerifyRawInputs,
} from '../../src/verify/inputs.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

function raw(over: Partial<VerifyRawInputs>): VerifyRawInputs {
  const r = Object.fromEntries(VERIFY_INPUT_NAMES.map((n) => [n, ''])) as VerifyRawInputs;
  return { ...r, image: 'ghcr.io/acme/app', digest: DIGEST, ...over };
}

describe('who must have signed', () => {
  test('a key', () => {
    const c = parseVerifyConfig(raw({ key: PEM }));
    expect(c.policy).toEqual({ mode: 'key', publicKeyPem: PEM });
    expect(c.lookIn).toBe('any');
    expect(c.targets).toEqual([
      expect.objectContaining({
        digest: DIGEST,
        ref: expect.objectContaining({ repository: 'acme/app' }),
      }),
    ]);
  });

  test('a KMS key, named as `kms-key` names it', () => {
    const c = parseVerifyConfig(raw({ key: 'awskms://127.0.0.1:4000/alias/release' }));
    expect(c.policy).toEqual({
      mode: 'key',
      kmsKey: expect.objectContaining({
        provider: 'awskms',
        endpoint: '127.0.0.1:4000',
        keyId: 'alias/release',
      }),
    });
    expect(() => parseVerifyConfig(raw({ key: 'hashivault://k' }))).toFailWith(
      'KMS_PROVIDER_UNSUPPORTED',
    );
  });

  test('an exact identity and a regexp issuer', () => {
    const c = parseVerifyConfig(
      raw({
        'certificate-identity':
          'https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main',
        'certificate-oidc-issuer-regexp': '^https://token\\.actions\\.githubusercontent\\.com$',
      }),
    );
    if (c.policy.mode !== 'keyless') throw new Error('expected keyless');
    expect(
      matches(
        c.policy.identity,
        'https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main',
      ),
    ).toBe(true);
    expect(
      matches(
        c.policy.identity,
        'https://github.com/acme/app/.github/workflows/r.yml@refs/heads/dev',
      ),
    ).toBe(false);
    expect(matches(c.policy.issuer, 'https://token.actions.githubusercontent.com')).toBe(true);
    expect(matches(c.policy.issuer, 'https://token.actions.githubusercontent.com.evil')).toBe(
      false,
    );
  });

  test('a regexp matches anywhere unless anchored, as Go MatchString', () => {
    const c = parseVerifyConfig(
      raw({ 'certificate-identity-regexp': 'acme/app', 'certificate-oidc-issuer': 'https://i' }),
    );
    if (c.policy.mode !== 'keyless') throw new Error('expected keyless');
    expect(matches(c.policy.identity, 'https://github.com/acme/app/x')).toBe(true);
    expect(matches(c.policy.identity, undefined)).toBe(false);
  });

  test.each([
    [{}, /no `key` and no keyless identity/],
    [{ 'certificate-identity': 'x' }, /no `certificate-oidc-issuer`/],
    [{ 'certificate-oidc-issuer': 'x' }, /no `certificate-identity`/],
    [{ key: PEM, 'certificate-identity': 'x' }, /Both `key` and a keyless identity/],
    [{ key: 'not a pem' }, /not a public key PEM/],
    [
      { key: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n' },
      /not a public key PEM/,
    ],
    [
      {
        'certificate-identity': 'a',
        'certificate-identity-regexp': 'b',
        'certificate-oidc-issuer': 'i',
      },
      /Both `certificate-identity` and `certificate-identity-regexp`/,
    ],
    [{ 'certificate-identity-regexp': '(', 'certificate-oidc-issuer': 'i' }, /not a valid regexp/],
  ] as const)('%j is refused', (over, message) => {
    expect(() => parseVerifyConfig(raw(over))).toFailWith('INPUT_INVALID', { message });
  });
});

describe('other inputs', () => {
  test.each([
    [{ image: '' }, 'INPUT_INVALID', /`image` input is empty/],
    [{ digest: '' }, 'DIGEST_MISSING', /no digest/],
    [{ 'signature-format': 'both' }, 'INPUT_INVALID', /signature-format/],
    [{ 'ignore-tlog': 'yes' }, 'INPUT_INVALID', /not a boolean/],
    [{ 'registry-username': 'u' }, 'INPUT_INVALID', /set together/],
    [{ annotations: 'novalue' }, 'INPUT_INVALID', /not a key=value pair/],
    [{ 'attestation-type': 'sbom-ish' }, 'ATTESTATION_TYPE_UNKNOWN', /unknown/],
  ] as const)('%j is refused', (over, code, message) => {
    expect(() => parseVerifyConfig(raw({ key: PEM, ...over }))).toFailWith(code, { message });
  });

  test('annotations, attestation type and ignore-tlog', () => {
    const c = parseVerifyConfig(
      raw({
        key: PEM,
        annotations: 'env=prod\nteam=core',
        'attestation-type': 'slsaprovenance1',
        'ignore-tlog': 'true',
      }),
    );
    expect(c.annotations).toEqual({ env: 'prod', team: 'core' });
    expect(c.attestationType).toEqual({
      name: 'slsaprovenance1',
      uri: 'https://slsa.dev/provenance/v1',
    });
    expect(c.ignoreTlog).toBe(true);
  });

  test('INPUT_* are read as the runner passes them, the password untrimmed', () => {
    const r = readVerifyInputs({ INPUT_IMAGE: ' ghcr.io/a/b ', 'INPUT_REGISTRY-PASSWORD': ' pw ' });
    expect(r.image).toBe('ghcr.io/a/b');
    expect(r['registry-password']).toBe(' pw ');
    expect(r.key).toBe('');
  });
});
