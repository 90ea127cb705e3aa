// The `attestations` input: TYPE=FILE lines, duplicates refused, files read with a bound, each
// problem one ATTESTATION_* error before anything else happens.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignImageError } from '../../src/errors.js';
import {
  checkStatementSize,
  MAX_PREDICATE_BYTES,
  MAX_STATEMENT_BYTES,
  parseAttestationsInput,
  readPredicateFiles,
  REKOR_MAX_REQUEST_BYTES,
  type AttestationRequest,
} from '../../src/inputs/attestations.js';
import { buildPredicates, resolveAttestationTypes } from '../../src/payload/attestation.js';

// What the action does with the input: types resolved, files read, predicates built.
async function readPredicates(requests: AttestationRequest[], dir: string) {
  const kinds = resolveAttestationTypes(requests);
  return buildPredicates(await readPredicateFiles(requests, dir), kinds);
}

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return err instanceof SignImageError ? err.code : `not a SignImageError: ${String(err)}`;
  }
  return undefined;
}

describe('parseAttestationsInput', () => {
  it('reads TYPE=FILE lines, skipping blank and comment lines', () => {
    const list = parseAttestationsInput(
      '\n spdxjson = sbom.spdx.json \n# provenance\nhttps://example.com/p/v1=/abs/p.json\r\n',
    );
    expect(list).toEqual([
      { type: 'spdxjson', file: 'sbom.spdx.json' },
      { type: 'https://example.com/p/v1', file: '/abs/p.json' },
    ]);
    expect(resolveAttestationTypes(list).map((k) => k.uri)).toEqual([
      'https://spdx.dev/Document',
      'https://example.com/p/v1',
    ]);
    expect(parseAttestationsInput('')).toEqual([]);
  });

  it('keeps a file name with = in it (split at the first =)', () => {
    expect(parseAttestationsInput('custom=a=b.json')[0]!.file).toBe('a=b.json');
  });

  it('refuses a line that is not TYPE=FILE, an unknown type and a type given twice', async () => {
    expect(await codeOf(() => parseAttestationsInput('sbom.json'))).toBe(
      'ATTESTATION_INPUT_INVALID',
    );
    expect(await codeOf(() => parseAttestationsInput('spdxjson='))).toBe(
      'ATTESTATION_INPUT_INVALID',
    );
    expect(await codeOf(() => resolveAttestationTypes(parseAttestationsInput('sbom=x.json')))).toBe(
      'ATTESTATION_TYPE_UNKNOWN',
    );
    expect(
      await codeOf(() => resolveAttestationTypes(parseAttestationsInput('spdx=a\nspdxjson=b'))),
    ).toBe('ATTESTATION_TYPE_DUPLICATE');
    expect(
      await codeOf(() =>
        resolveAttestationTypes(parseAttestationsInput('slsaprovenance=a\nslsaprovenance02=b')),
      ),
    ).toBe('ATTESTATION_TYPE_DUPLICATE');
  });
});

describe('readPredicates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attest-input-'));
  writeFileSync(join(dir, 'bom.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6"}\n');
  writeFileSync(join(dir, 'text.spdx'), 'SPDXVersion: SPDX-2.3\n');
  writeFileSync(join(dir, 'bad.json'), '{"unterminated": ');
  writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));

  it('reads files relative to the workspace and absolute ones', async () => {
    const list = await readPredicates(
      parseAttestationsInput(`cyclonedx=bom.json\nspdx=${join(dir, 'text.spdx')}`),
      dir,
    );
    expect(list[0]!.value).toEqual({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(list[1]!.value).toBe('SPDXVersion: SPDX-2.3\n');
  });

  it('gives one error code per bad file', async () => {
    const read = (line: string) => readPredicates(parseAttestationsInput(line), dir);
    expect(await codeOf(() => read('cyclonedx=missing.json'))).toBe('ATTESTATION_FILE_MISSING');
    expect(await codeOf(() => read(`cyclonedx=${dir}`))).toBe('ATTESTATION_FILE_UNREADABLE');
    expect(await codeOf(() => read('cyclonedx=bad.json'))).toBe('ATTESTATION_NOT_JSON');
    expect(await codeOf(() => read('cyclonedx=latin1.json'))).toBe('ATTESTATION_NOT_JSON');
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir, 'locked.json'), '{}');
      chmodSync(join(dir, 'locked.json'), 0o000);
      expect(await codeOf(() => read('cyclonedx=locked.json'))).toBe('ATTESTATION_FILE_UNREADABLE');
    }
  });

  it('refuses a file over 16 MiB without reading it whole', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(MAX_PREDICATE_BYTES + 1, 0x20));
    expect(
      await codeOf(() => readPredicates(parseAttestationsInput('cyclonedx=big.json'), dir)),
    ).toBe('ATTESTATION_TOO_LARGE');
  });
});

describe('checkStatementSize', () => {
  it("keeps the Rekor request, with the statement base64-encoded, within Rekor's limit", () => {
    expect(Math.ceil(MAX_STATEMENT_BYTES / 3) * 4 + 64 * 1024).toBeLessThanOrEqual(
      REKOR_MAX_REQUEST_BYTES,
    );
    const [req] = parseAttestationsInput('spdx=x');
    expect(() => checkStatementSize(Buffer.alloc(MAX_STATEMENT_BYTES), req!)).not.toThrow();
    let code: string | undefined;
    try {
      checkStatementSize(Buffer.alloc(MAX_STATEMENT_BYTES + 1), req!);
    } catch (err) {
      code = (err as SignImageError).code;
    }
    expect(code).toBe('ATTESTATION_TOO_LARGE');
  });
});
