import { hasCode } from '../../src/errors.js';
import { parseAnnotations, parseConfig, splitList } from '../../src/inputs/parse.js';
import { INPUT_NAMES, readRawInputs, type RawInputs } from '../../src/inputs/read.js';

function raw(values: Partial<RawInputs>): RawInputs {
  const all = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs;
  return { ...all, ...values };
}

describe('parseConfig', () => {
  it('applies the contract defaults', () => {
    const config = parseConfig(
      raw({ image: 'ghcr.io/acme/app', digest: 'sha256:' + 'a'.repeat(64) }),
    );
    expect(config).toMatchObject({
      images: ['ghcr.io/acme/app'],
      signingMode: 'auto',
      signatureFormat: 'legacy',
      recursive: false,
      tlogUpload: true,
      upload: true,
      summary: true,
      force: false,
      rekorUrl: 'https://rekor.sigstore.dev',
      fulcioUrl: 'https://fulcio.sigstore.dev',
      password: '',
    });
    expect(config.annotations).toBeUndefined();
    expect(config.privateKey).toBeUndefined();
    expect(config.tsaUrl).toBeUndefined();
  });

  it('reads attestations, sign and sign-buildkit-attestations; sign: false needs attestations', () => {
    const base = { image: 'ghcr.io/acme/app' };
    expect(parseConfig(raw(base))).toMatchObject({
      attestations: [],
      sign: true,
      signBuildkitAttestations: false,
    });
    const config = parseConfig(
      raw({
        ...base,
        attestations: 'cyclonedx=bom.json',
        sign: 'false',
        'sign-buildkit-attestations': 'true',
      }),
    );
    expect(config.attestations).toEqual([{ type: 'cyclonedx', file: 'bom.json' }]);
    expect(config).toMatchObject({ sign: false, signBuildkitAttestations: true });
    expect(() => parseConfig(raw({ ...base, sign: 'false' }))).toFailWith('INPUT_INVALID');
    expect(() => parseConfig(raw({ ...base, sign: 'no' }))).toFailWith('INPUT_INVALID');
    expect(() => parseConfig(raw({ ...base, attestations: 'bom.json' }))).toFailWith(
      'ATTESTATION_INPUT_INVALID',
    );
  });

  it('splits image lists on newlines and commas', () => {
    expect(splitList(' a/b:1 ,\n\nc/d@sha256:x\r\n')).toEqual(['a/b:1', 'c/d@sha256:x']);
  });

  it('refuses an empty image, a bad boolean, an unknown mode, a bad URL', () => {
    expect(() => parseConfig(raw({ image: ' , ' }))).toFailWith('INPUT_INVALID');
    expect(() => parseConfig(raw({ image: 'a/b', upload: 'yes' }))).toFailWith('INPUT_INVALID');
    expect(() => parseConfig(raw({ image: 'a/b', 'signing-mode': 'kms' }))).toFailWith(
      'INPUT_INVALID',
    );
    expect(() => parseConfig(raw({ image: 'a/b', 'rekor-url': 'rekor' }))).toFailWith(
      'INPUT_INVALID',
    );
    expect(() => parseConfig(raw({ image: 'a/b', 'rekor-url': 'ftp://x' }))).toFailWith(
      'INPUT_INVALID',
    );
  });

  it('never echoes credentials embedded in a URL', () => {
    try {
      parseConfig(raw({ image: 'a/b', 'rekor-url': 'https://user:s3cr3t-pw@rekor.example' }));
      throw new Error('expected a failure');
    } catch (err) {
      expect(hasCode(err, 'INPUT_INVALID')).toBe(true);
      expect(String((err as Error).message)).not.toContain('s3cr3t-pw');
    }
  });

  it('requires registry username and password together', () => {
    expect(() => parseConfig(raw({ image: 'a/b', 'registry-username': 'u' }))).toFailWith(
      'INPUT_INVALID',
    );
    expect(
      parseConfig(raw({ image: 'a/b', 'registry-username': 'u', 'registry-password': 'p' }))
        .registryUsername,
    ).toBe('u');
  });

  it.each(['rekor-url', 'fulcio-url', 'tsa-url'] as const)(
    'refuses plain http:// for %s on any host but loopback',
    (name) => {
      for (const url of ['http://rekor.example', 'http://10.0.0.5:3000', 'http://127.0.0.1.nip.io'])
        expect(() => parseConfig(raw({ image: 'a/b', [name]: url }))).toFailWith('INPUT_INVALID');
      for (const url of [
        'http://127.0.0.1:3000',
        'http://localhost:8080/x',
        'http://[::1]:9',
        'https://rekor.example',
      ])
        expect(() => parseConfig(raw({ image: 'a/b', [name]: url }))).not.toThrow();
    },
  );

  it('reads trusted-root as a path, undefined when empty', () => {
    expect(parseConfig(raw({ image: 'a/b' })).trustedRoot).toBeUndefined();
    expect(parseConfig(raw({ image: 'a/b', 'trusted-root': 'trust/root.json' })).trustedRoot).toBe(
      'trust/root.json',
    );
  });

  it('strips trailing slashes from service URLs', () => {
    expect(parseConfig(raw({ image: 'a/b', 'rekor-url': 'http://127.0.0.1:3000/' })).rekorUrl).toBe(
      'http://127.0.0.1:3000',
    );
  });
});

describe('parseAnnotations', () => {
  it('splits at the first = and keeps values as strings', () => {
    expect(parseAnnotations('commit=abc\nurl=https://x/?a=b\n\n')).toEqual({
      commit: 'abc',
      url: 'https://x/?a=b',
    });
  });
  it('gives undefined for no annotations (cosign writes "optional":null then)', () => {
    expect(parseAnnotations('  \n')).toBeUndefined();
  });
  it('refuses lines without a key and duplicate keys', () => {
    expect(() => parseAnnotations('novalue')).toFailWith('INPUT_INVALID');
    expect(() => parseAnnotations('=v')).toFailWith('INPUT_INVALID');
    expect(() => parseAnnotations('a=1\na=2')).toFailWith('INPUT_INVALID');
  });
});

describe('readRawInputs', () => {
  it('reads INPUT_* with hyphens kept, falls back to COSIGN_* and keeps secrets untrimmed', () => {
    const inputs = readRawInputs({
      INPUT_IMAGE: '  ghcr.io/a/b  ',
      'INPUT_SIGNING-MODE': 'key',
      COSIGN_PRIVATE_KEY: 'PEM',
      COSIGN_PASSWORD: ' pass ',
    });
    expect(inputs.image).toBe('ghcr.io/a/b');
    expect(inputs['signing-mode']).toBe('key');
    expect(inputs['private-key']).toBe('PEM');
    expect(inputs.password).toBe(' pass ');
  });
  it('prefers the inputs over the environment', () => {
    const inputs = readRawInputs({ INPUT_PASSWORD: 'given', COSIGN_PASSWORD: 'env' });
    expect(inputs.password).toBe('given');
  });
});

describe('the kms-key input', () => {
  const base = { image: 'ghcr.io/acme/app@sha256:' + 'a'.repeat(64) };

  it('is parsed into a KMS reference before anything else happens', () => {
    expect(parseConfig(raw({ ...base, 'kms-key': 'awskms:///alias/release' })).kmsKey).toEqual({
      provider: 'awskms',
      uri: 'awskms:///alias/release',
      keyId: 'alias/release',
    });
    expect(parseConfig(raw(base)).kmsKey).toBeUndefined();
  });

  it('refuses a malformed reference and an unsupported provider', () => {
    expect(() => parseConfig(raw({ ...base, 'kms-key': 'awskms:///nope' }))).toFailWith(
      'KMS_REFERENCE_INVALID',
    );
    expect(() => parseConfig(raw({ ...base, 'kms-key': 'gcpkms://projects/p' }))).toFailWith(
      'KMS_PROVIDER_UNSUPPORTED',
    );
  });

  it('refuses a kms-key together with a private key', () => {
    expect(() =>
      parseConfig(raw({ ...base, 'kms-key': 'awskms:///alias/a', 'private-key': 'PEM' })),
    ).toFailWith('INPUT_INVALID');
  });
});
