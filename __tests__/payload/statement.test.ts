// The in-toto statement against what cosign 3.1.1 signed on the test bed (peer-captures/cosign-bundle):
// the DSSE payload of its default-format bundles, without and with `-a env=prod`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignImageError } from '../../src/errors.js';
import { buildStatement, COSIGN_SIGN_PREDICATE_TYPE } from '../../src/payload/statement.js';

const DIR = fileURLToPath(new URL('../fixtures/peer-captures/cosign-bundle/', import.meta.url));
// The digest cosign signed (the subject of its referrer manifests).
const DIGEST = 'sha256:616e95380511bcb062dc8642645a1decbe8f0459e3a941502b1f35d62f894914';

function cosignPayload(name: 'plain' | 'annotated'): Buffer {
  const bundle = JSON.parse(readFileSync(`${DIR}bundle-${name}.json`, 'utf8'));
  return Buffer.from(bundle.dsseEnvelope.payload, 'base64');
}

describe('buildStatement', () => {
  it('is byte for byte the statement cosign 3.1 signs without annotations', () => {
    expect(buildStatement(DIGEST).toString()).toBe(cosignPayload('plain').toString());
  });

  it('is byte for byte the statement cosign 3.1 signs with `-a env=prod`', () => {
    expect(buildStatement(DIGEST, { env: 'prod' }).toString()).toBe(
      cosignPayload('annotated').toString(),
    );
  });

  it('names the digest as the only subject, the cosign sign predicate type and an empty predicate', () => {
    const doc = JSON.parse(buildStatement(DIGEST, { a: '1' }).toString());
    expect(doc).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: DIGEST.slice(7) }, annotations: { a: '1' } }],
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
      predicate: {},
    });
  });

  it('writes annotation keys in Go byte order, integer-like keys included', () => {
    const text = buildStatement(DIGEST, {
      b: '1',
      '10': 'x',
      B: '2',
      '2': 'y',
      é: '3',
      a: '4',
    }).toString();
    // A plain JS object would have put "2" before "10" and ahead of everything else.
    expect(text).toContain('"annotations":{"10":"x","2":"y","B":"2","a":"4","b":"1","é":"3"}');
  });

  it('keeps <, > and & as cosign 3.1 (protojson) does, unlike Go json.Marshal', () => {
    // Seen on the test bed: `cosign sign -a note=<a&b> -a 10=x -a 2=y` signed exactly this.
    const digest = 'sha256:49e91e84d4b0f8910ad133e8e3b846953fecb8f4f39519683fe1062c9a7fead3';
    expect(buildStatement(digest, { note: '<a&b>', '10': 'x', '2': 'y' }).toString()).toBe(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${digest.slice(7)}"},"annotations":{"10":"x","2":"y","note":"<a&b>"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
    expect(buildStatement(DIGEST, { q: '"\n' }).toString()).toContain(
      '"annotations":{"q":"\\"\\n"}',
    );
  });

  it('refuses a digest that is not sha256 and 64 hex characters', () => {
    expect(() => buildStatement('sha256:abc')).toThrow(SignImageError);
    expect(() => buildStatement(`sha512:${'a'.repeat(128)}`)).toThrow(SignImageError);
  });
});
