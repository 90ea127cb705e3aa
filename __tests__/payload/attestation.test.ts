// The statement `cosign attest` signs (cosign v3.1.2 pkg/cosign/attestation, predicate.go): the
// short names and their URIs, the v0.1 statement with the repository as subject name, and the
// three predicate shapes (a JSON object as is, spdx text as a string, custom wrapped).
import { SignImageError } from '../../src/errors.js';
import {
  buildAttestationStatement,
  buildPredicateJson,
  IN_TOTO_STATEMENT_V01,
  PREDICATE_TYPES,
  readStatement,
  resolvePredicateKind,
  samePredicate,
} from '../../src/payload/attestation.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const REPO = '127.0.0.1:5000/acme/app';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof SignImageError ? err.code : 'not a SignImageError';
  }
  return undefined;
}

describe('resolvePredicateKind', () => {
  it("maps each of cosign's short names to the URI cosign writes", () => {
    expect(PREDICATE_TYPES).toEqual({
      custom: 'https://cosign.sigstore.dev/attestation/v1',
      slsaprovenance: 'https://slsa.dev/provenance/v0.2',
      slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
      slsaprovenance1: 'https://slsa.dev/provenance/v1',
      spdx: 'https://spdx.dev/Document',
      spdxjson: 'https://spdx.dev/Document',
      cyclonedx: 'https://cyclonedx.org/bom',
      link: 'https://in-toto.io/Link/v1',
      vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
      openvex: 'https://openvex.dev/ns',
    });
    expect(resolvePredicateKind('spdx').shape).toBe('spdx-text');
    expect(resolvePredicateKind('spdxjson').shape).toBe('object');
    expect(resolvePredicateKind('custom').shape).toBe('custom');
  });

  it('passes a URI through unchanged as a JSON-object predicate', () => {
    expect(resolvePredicateKind('https://example.com/pred/v1?x=1')).toEqual({
      name: 'https://example.com/pred/v1?x=1',
      uri: 'https://example.com/pred/v1?x=1',
      shape: 'object',
    });
    expect(resolvePredicateKind('urn:example:pred').uri).toBe('urn:example:pred');
  });

  it('refuses a word that is neither a short name nor a URI', () => {
    expect(codeOf(() => resolvePredicateKind('sbom'))).toBe('ATTESTATION_TYPE_UNKNOWN');
    expect(codeOf(() => resolvePredicateKind('SPDX'))).toBe('ATTESTATION_TYPE_UNKNOWN');
    expect(codeOf(() => resolvePredicateKind('https://'))).toBe('ATTESTATION_TYPE_UNKNOWN');
  });
});

describe('buildPredicateJson', () => {
  it('keeps a JSON object as it is (compact)', () => {
    const kind = resolvePredicateKind('cyclonedx');
    const json = buildPredicateJson(kind, '{ "bomFormat": "CycloneDX",\n "n": [1, 2.5] }\n', 'f');
    expect(json).toBe('{"bomFormat":"CycloneDX","n":[1,2.5]}');
  });

  it('refuses text that is not a JSON object for the object types', () => {
    const kind = resolvePredicateKind('spdxjson');
    expect(codeOf(() => buildPredicateJson(kind, 'SPDXVersion: SPDX-2.3', 'f'))).toBe(
      'ATTESTATION_NOT_JSON',
    );
    expect(codeOf(() => buildPredicateJson(kind, '[1,2]', 'f'))).toBe('ATTESTATION_NOT_JSON');
    expect(codeOf(() => buildPredicateJson(kind, 'null', 'f'))).toBe('ATTESTATION_NOT_JSON');
  });

  it('wraps spdx text as a Go-escaped JSON string, JSON or not', () => {
    const kind = resolvePredicateKind('spdx');
    expect(buildPredicateJson(kind, 'SPDXVersion: SPDX-2.3\n<a&b>', 'f')).toBe(
      '"SPDXVersion: SPDX-2.3\\n\\u003ca\\u0026b\\u003e"',
    );
  });

  it('wraps custom text as {Data, Timestamp} with an RFC 3339 UTC time in whole seconds', () => {
    const kind = resolvePredicateKind('custom');
    const json = buildPredicateJson(
      kind,
      'any text',
      'f',
      () => new Date('2026-12-02T13:14:15.678Z'),
    );
    expect(json).toBe('{"Data":"any text","Timestamp":"2026-12-02T13:14:15Z"}');
  });

  it("requires an in-toto link's fields, as cosign does", () => {
    const kind = resolvePredicateKind('link');
    expect(codeOf(() => buildPredicateJson(kind, '{"name":"x"}', 'f'))).toBe(
      'ATTESTATION_NOT_JSON',
    );
    const link =
      '{"_type":"link","name":"x","materials":{},"products":{},"byproducts":{},"command":[],"environment":{}}';
    expect(JSON.parse(buildPredicateJson(kind, link, 'f'))).toEqual(JSON.parse(link));
  });

  it('renames slsaprovenance1 runDetails.metadata.invocationID to invocationId, as cosign does', () => {
    const kind = resolvePredicateKind('slsaprovenance1');
    const text = '{"buildDefinition":{},"runDetails":{"metadata":{"invocationID":"run-1"}}}';
    expect(JSON.parse(buildPredicateJson(kind, text, 'f'))).toEqual({
      buildDefinition: {},
      runDetails: { metadata: { invocationId: 'run-1' } },
    });
  });
});

describe('buildAttestationStatement', () => {
  it('writes the v0.1 statement in protojson field order with the repository as subject name', () => {
    const kind = resolvePredicateKind('cyclonedx');
    const bytes = buildAttestationStatement(REPO, DIGEST, kind, '{"a":1}');
    expect(bytes.toString()).toBe(
      `{"_type":"${IN_TOTO_STATEMENT_V01}","subject":[{"name":"${REPO}","digest":{"sha256":"${'ab'.repeat(32)}"}}],"predicateType":"https://cyclonedx.org/bom","predicate":{"a":1}}`,
    );
  });

  it('writes spdx text statements with sorted keys, as cosign marshals its Go map', () => {
    const kind = resolvePredicateKind('spdx');
    const text = buildAttestationStatement(REPO, DIGEST, kind, '"doc"').toString();
    expect(text).toBe(
      `{"_type":"${IN_TOTO_STATEMENT_V01}","predicate":"doc","predicateType":"https://spdx.dev/Document","subject":[{"name":"${REPO}","digest":{"sha256":"${'ab'.repeat(32)}"}}]}`,
    );
  });

  it('is read back as its predicate type, subject digest and predicate', () => {
    const kind = resolvePredicateKind('https://example.com/p');
    const facts = readStatement(buildAttestationStatement(REPO, DIGEST, kind, '{"x":[1]}'));
    expect(facts).toEqual({
      predicateType: 'https://example.com/p',
      subjectDigests: [DIGEST],
      predicate: { x: [1] },
    });
    expect(readStatement(Buffer.from('not json'))).toBeUndefined();
  });
});

describe('samePredicate', () => {
  it('compares objects deeply and ignores the custom Timestamp', () => {
    const obj = resolvePredicateKind('cyclonedx');
    expect(samePredicate(obj, { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(samePredicate(obj, { a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    const custom = resolvePredicateKind('custom');
    expect(
      samePredicate(custom, { Data: 'x', Timestamp: '1' }, { Data: 'x', Timestamp: '2' }),
    ).toBe(true);
    expect(
      samePredicate(custom, { Data: 'x', Timestamp: '1' }, { Data: 'y', Timestamp: '1' }),
    ).toBe(false);
  });
});
