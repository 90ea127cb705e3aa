// The attestation part of the report: the `attestations` output of the contract, one
// verify-attestation command per predicate type, and admission checks that the controllers' CRD
// schemas accept and that require each predicate type.
import type { SignerIdentity } from '../../src/report/result.js';
import {
  attestationPolicies,
  buildAttestationSection,
  buildAttestationsOutput,
  verifyAttestationCommands,
} from '../../src/report/attestations.js';
import { describeSigner } from '../../src/report/identity.js';
import type { AttestationResult } from '../../src/report/result.js';
import { publicSigstore } from '../../src/report/verify-command.js';
import { crdValidator, parseYaml } from '../helpers/crd-schema.js';
import { fenced, resultsFor, signerFor } from '../helpers/report-results.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const schemas = {
  ClusterPolicy: crdValidator('kyverno'),
  ImageValidatingPolicy: crdValidator('kyverno-ivp'),
  ClusterImagePolicy: crdValidator('policy-controller'),
};
const signers = {} as Record<'key' | 'keyless', SignerIdentity>;
beforeAll(async () => {
  signers.key = await signerFor('key');
  signers.keyless = await signerFor('keyless');
});

const TYPES = [
  { type: 'spdxjson', predicateType: 'https://spdx.dev/Document' },
  { type: 'https://example.com/p/v1', predicateType: 'https://example.com/p/v1' },
];

function attested(signer: SignerIdentity, format: 'legacy' | 'bundle'): AttestationResult[] {
  return TYPES.flatMap((t) => resultsFor(signer, format, 2).map((r) => ({ ...r, attestation: t })));
}

describe('buildAttestationsOutput', () => {
  it("has exactly the contract's keys per digest, predicate type and format", async () => {
    const out = JSON.parse(buildAttestationsOutput(attested(signers.key!, 'legacy')));
    expect(out).toHaveLength(4);
    expect(Object.keys(out[0])).toEqual([
      'image',
      'digest',
      'predicateType',
      'format',
      'attestationRef',
      'rekorLogIndex',
      'rekorLogId',
      'integratedTime',
    ]);
    expect(out[0].predicateType).toBe('https://spdx.dev/Document');
    const keyless = JSON.parse(buildAttestationsOutput(attested(signers.keyless!, 'bundle')));
    expect(keyless[0]).toHaveProperty('identity');
  });
});

describe('verifyAttestationCommands', () => {
  it('gives one command per type for every attested digest, pinned to the key', () => {
    const results = attested(signers.key!, 'legacy');
    const text = verifyAttestationCommands(
      results,
      describeSigner(results, signers.key!),
      publicSigstore(),
    );
    expect(text).toContain("cat > cosign.pub <<'EOF'");
    const commands = text.split('\n\n').filter((b) => b.startsWith('cosign verify-attestation'));
    expect(commands).toHaveLength(2);
    expect(commands[0]).toContain('--type spdxjson');
    expect(commands[1]).toContain('--type https://example.com/p/v1 ');
    for (const c of commands) {
      expect(c).toContain('--key cosign.pub');
      expect(c).toContain('ghcr.io/acme/service-1@');
      expect(c).toContain('ghcr.io/acme/service-2@');
      expect(c).not.toContain('insecure-ignore-tlog');
    }
  });

  it('pins the certificate identity and issuer for keyless', () => {
    const results = attested(signers.keyless!, 'bundle');
    const text = verifyAttestationCommands(
      results,
      describeSigner(results, signers.keyless!),
      publicSigstore(),
    );
    expect(text).toContain('--certificate-identity');
    expect(text).toContain(
      "--certificate-oidc-issuer 'https://token.actions.githubusercontent.com'",
    );
  });
});

describe('attestationPolicies', () => {
  it.each([
    ['key', 'legacy'],
    ['key', 'bundle'],
    ['keyless', 'legacy'],
    ['keyless', 'bundle'],
  ] as const)('%s %s: CRD-valid policies that require every predicate type', (mode, format) => {
    const results = attested(signers[mode]!, format);
    const docs = attestationPolicies(
      results,
      describeSigner(results, signers[mode]!),
      publicSigstore(),
    ).map((p) => parseYaml(p.yaml) as Doc);
    const kinds = docs.map((d) => d.kind);
    expect(kinds).toEqual(
      format === 'legacy'
        ? ['ImageValidatingPolicy', 'ClusterPolicy', 'ClusterImagePolicy']
        : ['ImageValidatingPolicy', 'ClusterImagePolicy'],
    );
    for (const d of docs) {
      expect(schemas[d.kind as keyof typeof schemas](d)).toEqual([]);
    }
    const ivp = docs[0]!;
    expect(ivp.spec.attestations).toEqual([
      { name: 'predicate1', intoto: { type: 'https://spdx.dev/Document' } },
      { name: 'predicate2', intoto: { type: 'https://example.com/p/v1' } },
    ]);
    expect(ivp.spec.validations.map((v: Doc) => v.expression)).toEqual([
      expect.stringContaining(
        'verifyAttestationSignatures(image, attestations.predicate1, [attestors.signer]) > 0',
      ),
      expect.stringContaining(
        'verifyAttestationSignatures(image, attestations.predicate2, [attestors.signer]) > 0',
      ),
    ]);
    const pc = docs.at(-1)!;
    expect(pc.spec.authorities[0].attestations).toEqual([
      { name: 'predicate1', predicateType: 'https://spdx.dev/Document' },
      { name: 'predicate2', predicateType: 'https://example.com/p/v1' },
    ]);
    if (format === 'legacy') {
      const cpol = docs[1]!;
      expect(cpol.spec.rules[0].verifyImages[0].type).toBe('Cosign');
      expect(cpol.spec.rules[0].verifyImages[0].attestations.map((a: Doc) => a.type)).toEqual([
        'https://spdx.dev/Document',
        'https://example.com/p/v1',
      ]);
    }
  });

  it('the summary section lists each attestation with its log index and fences valid YAML', () => {
    const results = attested(signers.key!, 'legacy');
    const section = buildAttestationSection(
      results,
      describeSigner(results, signers.key!),
      publicSigstore(),
      '### Attestations',
    );
    for (const r of results) {
      expect(section).toContain(
        `[${r.rekorLogIndex}](https://search.sigstore.dev/?logIndex=${r.rekorLogIndex})`,
      );
    }
    expect(fenced(section, 'yaml').map((y) => (parseYaml(y) as Doc).kind)).toEqual([
      'ImageValidatingPolicy',
      'ClusterPolicy',
      'ClusterImagePolicy',
    ]);
    expect(
      buildAttestationSection([], describeSigner([], signers.key!), publicSigstore(), 'x'),
    ).toBe('');
  });
});
