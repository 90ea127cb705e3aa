import { hasCode, SignImageError } from '../../src/errors.js';
import {
  isLoopbackRegistry,
  parseDigest,
  parseImageReference,
  repositoryName,
} from '../../src/reference/parse.js';

const HEX = 'ac80e113b8ab2d970769f8630eaa5ba7fb454ffb624cefc723859ac133323cc5';
const DIGEST = `sha256:${HEX}`;

describe('parseImageReference', () => {
  // Expected names are what ggcr's Repository.Name() gives, i.e. what cosign writes as
  // docker-reference (the cosign capture: 127.0.0.1:5000/demo/app).
  it.each([
    ['ubuntu', 'index.docker.io', 'library/ubuntu'],
    ['docker.io/ubuntu', 'index.docker.io', 'library/ubuntu'],
    ['index.docker.io/ubuntu', 'index.docker.io', 'library/ubuntu'],
    ['docker.io/library/ubuntu', 'index.docker.io', 'library/ubuntu'],
    ['acme/app', 'index.docker.io', 'acme/app'],
    ['ghcr.io/acme/app', 'ghcr.io', 'acme/app'],
    ['ghcr.io/acme/team/app', 'ghcr.io', 'acme/team/app'],
    ['localhost/app', 'localhost', 'app'],
    ['localhost:5000/foo', 'localhost:5000', 'foo'],
    ['127.0.0.1:5000/demo/app', '127.0.0.1:5000', 'demo/app'],
    ['[::1]:5000/demo/app', '[::1]:5000', 'demo/app'],
    [
      'registry.example.com:443/a.b/c_d/e__f/g---h',
      'registry.example.com:443',
      'a.b/c_d/e__f/g---h',
    ],
  ])('%s → %s / %s', (text, registry, repository) => {
    expect(parseImageReference(text)).toEqual({ registry, repository });
  });

  it('reproduces the docker-reference of the genuine cosign capture', () => {
    const ref = parseImageReference(`127.0.0.1:5000/demo/app@${DIGEST}`);
    expect(repositoryName(ref)).toBe('127.0.0.1:5000/demo/app');
    expect(ref.digest).toBe(DIGEST);
  });

  it('keeps tag and digest of repo:tag@sha256:…', () => {
    expect(parseImageReference(` ghcr.io/acme/app:v1.2.3@${DIGEST}\n`)).toEqual({
      registry: 'ghcr.io',
      repository: 'acme/app',
      tag: 'v1.2.3',
      digest: DIGEST,
    });
  });

  it('tells a port from a tag', () => {
    expect(parseImageReference('localhost:5000/app:5000')).toEqual({
      registry: 'localhost:5000',
      repository: 'app',
      tag: '5000',
    });
    expect(parseImageReference('[::1]:5000/app:latest').tag).toBe('latest');
  });

  it('accepts the longest tag and the tag alphabet', () => {
    const tag = `A_${'x'.repeat(126)}`;
    expect(parseImageReference(`ghcr.io/a/b:${tag}`).tag).toBe(tag);
    expect(parseImageReference('ghcr.io/a/b:1.0-rc_1').tag).toBe('1.0-rc_1');
  });

  it.each([
    [''],
    ['   '],
    ['ghcr.io/a/b c'],
    ['ghcr.io/a/b:'],
    ['ghcr.io/a/b:.hidden'],
    [`ghcr.io/a/b:${'x'.repeat(129)}`],
    ['ghcr.io/a/b:tag!'],
    ['ghcr.io/'],
    ['ghcr.io/a//b'],
    ['ghcr.io/-a/b'],
    ['ghcr.io/a/b-'],
    ['ghcr.io/a/b..c'],
    ['ghcr.io/a/b___c'],
    [`@${DIGEST}`],
    [`ghcr.io/a/b@${DIGEST}@${DIGEST}`],
    ['bad_host!.io:5000/a'],
    ['ghcr.io:port/a'],
    ['https://ghcr.io/a/b'],
    [`ghcr.io/${'a'.repeat(256)}`],
  ])('refuses %j with REFERENCE_INVALID', (text) => {
    expect(() => parseImageReference(text)).toFailWith('REFERENCE_INVALID');
  });

  it('says that uppercase letters are not allowed', () => {
    expect(() => parseImageReference('ghcr.io/Acme/App:v1')).toThrow(/uppercase letters/);
    expect(() => parseImageReference('MyUser/app')).toFailWith('REFERENCE_INVALID');
  });

  it('keeps the registry as written (ggcr does not lower-case hosts)', () => {
    expect(parseImageReference('GHCR.io/acme/app').registry).toBe('GHCR.io');
  });

  it.each([
    [`ghcr.io/a/b@sha512:${'a'.repeat(128)}`],
    [`ghcr.io/a/b@sha256:${HEX.slice(1)}`],
    [`ghcr.io/a/b@sha256:${HEX.toUpperCase()}`],
    ['ghcr.io/a/b@'],
    ['ghcr.io/a/b:v1@latest'],
  ])('refuses the digest of %s with DIGEST_INVALID', (text) => {
    expect(() => parseImageReference(text)).toFailWith('DIGEST_INVALID');
  });
});

describe('parseDigest', () => {
  it('accepts sha256 with 64 lower-case hex digits, trimmed', () => {
    expect(parseDigest(` ${DIGEST}\n`)).toBe(DIGEST);
  });

  it('explains what a digest looks like and where it comes from', () => {
    let error: unknown;
    try {
      parseDigest('latest');
    } catch (err) {
      error = err;
    }
    expect(hasCode(error, 'DIGEST_INVALID')).toBe(true);
    const e = error as SignImageError;
    expect(e.message).toContain('"latest"');
    expect(e.hint).toMatch(/sha256:.*64 lower-case hex/);
    expect(e.hint).toMatch(/build-push-action/);
  });

  it.each([[''], ['sha256:'], [`sha256:${HEX}0`], [`SHA256:${HEX}`], [HEX]])('refuses %j', (t) => {
    expect(() => parseDigest(t)).toFailWith('DIGEST_INVALID');
  });
});

describe('isLoopbackRegistry', () => {
  it.each([
    'localhost',
    'localhost:5000',
    'LOCALHOST:5000',
    'registry.localhost',
    'registry.localhost:5000',
    '127.0.0.1',
    '127.0.0.1:5000',
    '127.1.2.3:80',
    '[::1]',
    '[::1]:5000',
  ])('%s is loopback', (r) => expect(isLoopbackRegistry(r)).toBe(true));

  it.each([
    'ghcr.io',
    'index.docker.io',
    'localhost.example.com',
    'mylocalhost:5000',
    '128.0.0.1:5000',
    '127.0.0.256',
    '10.0.0.1:5000',
    '[::2]:5000',
    '127.0.0.1.nip.io',
  ])('%s is not loopback', (r) => expect(isLoopbackRegistry(r)).toBe(false));
});
