// The policies the summary prints, parsed back from its Markdown and checked three ways: against
// the controllers' CRD schemas with unknown fields rejected (kubectl apply --validate=strict),
// against the rules the controllers add in code (kyverno ImageVerification.Validate and the
// ImageValidatingPolicy's gobwas globs, policy-controller glob.Compile and identity checks), and
// for the right key, identity and images. Whether they admit and deny the right images is
// __tests__/e2e/admission.e2e.test.ts, with the Kyverno CLI and policy-controller's tester.
import { imageGlobs, policyName, writtenImageGlobs } from '../../src/report/policies.js';
import type { SignatureResult, SignerIdentity } from '../../src/report/result.js';
import { buildSummary } from '../../src/report/summary.js';
import { crdValidator, parseYaml } from '../helpers/crd-schema.js';
import { fenced, KEY_PEM, REUSABLE, resultsFor, signerFor } from '../helpers/report-results.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const kyvernoSchema = crdValidator('kyverno');
const ivpSchema = crdValidator('kyverno-ivp');
const pcSchema = crdValidator('policy-controller');
const signers = {} as Record<'key' | 'keyless', SignerIdentity>;
beforeAll(async () => {
  signers.key = await signerFor('key');
  signers.keyless = await signerFor('keyless');
});

function policiesOf(md: string): { ivp: Doc[]; kyverno: Doc[]; pc: Doc[] } {
  const docs = fenced(md, 'yaml').map((y) => parseYaml(y) as Doc);
  return {
    ivp: docs.filter((d) => d.kind === 'ImageValidatingPolicy'),
    kyverno: docs.filter((d) => d.kind === 'ClusterPolicy'),
    pc: docs.filter((d) => d.kind === 'ClusterImagePolicy'),
  };
}

// gobwas glob.Compile(pattern) without separators, as Kyverno's matchImageReferences use it,
// matches as go-wildcard does (kyvernoMatches) for patterns without classes or alternations.
function gobwasMatches(pattern: string, image: string): boolean {
  expect(pattern).not.toMatch(/[[\]{}\\!]/);
  return kyvernoMatches(pattern, image);
}

function expectIvpValid(doc: Doc): Doc {
  expect(ivpSchema(doc)).toEqual([]);
  expect(doc.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  expect(doc.spec.validationActions).toEqual(['Deny']);
  expect(doc.spec.evaluation.background.enabled).toBe(false);
  expect(doc.spec.validationConfigurations).toEqual({
    mutateDigest: true,
    verifyDigest: true,
    required: true,
  });
  // Every attestor the expressions name exists; a ctlog block has a URL or ignores the log.
  const names = doc.spec.attestors.map((a: Doc) => a.name as string);
  for (const v of doc.spec.validations) {
    for (const [, n] of (v.expression as string).matchAll(/attestors\.([a-z]+)/g))
      expect(names).toContain(n);
    expect(v.expression).toContain('images.initContainers');
  }
  for (const a of doc.spec.attestors) {
    expect(
      Object.keys(a.cosign).filter((k) => ['key', 'keyless', 'certificate'].includes(k)),
    ).toHaveLength(1);
    expect(a.cosign.ctlog.url || a.cosign.ctlog.insecureIgnoreTlog).toBeTruthy();
  }
  return doc.spec.attestors[0].cosign;
}

// policy-controller's glob.Compile, ported: the character check, then * → [^/]*, ** → .*.
function pcGlobMatches(glob: string, image: string): boolean {
  if (!/^[a-zA-Z0-9-_:/*.@]+$/.test(glob))
    throw new Error(`policy-controller rejects glob ${glob}`);
  const re = glob
    .replace(/\./g, '\\.')
    .replace(/\*\*/g, '#')
    .replace(/\*/g, '[^/]*')
    .replace(/#/g, '.*');
  return new RegExp(`^${re}$`).test(image);
}

// Kyverno's wildcard match: * is any run of characters, ? one character.
function kyvernoMatches(pattern: string, image: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(image);
}

function expectKyvernoValid(doc: Doc): Doc {
  expect(kyvernoSchema(doc)).toEqual([]);
  expect(doc.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  expect(doc.spec.background).toBe(false);
  const vi = doc.spec.rules[0].verifyImages[0];
  expect(vi.imageReferences.length).toBeGreaterThan(0);
  // ImageVerification.Validate: Enforce (mutateDigest is refused under Audit), count ≤ entries,
  // exactly one attestor kind per entry, keyless needs a Rekor URL, key a known algorithm.
  expect(vi.failureAction).toBe('Enforce');
  for (const set of vi.attestors) {
    expect(set.count).toBeLessThanOrEqual(set.entries.length);
    for (const e of set.entries) {
      expect(
        Object.keys(e).filter((k) => ['keys', 'keyless', 'certificates', 'attestor'].includes(k)),
      ).toHaveLength(1);
      if (e.keyless) expect(e.keyless.rekor.url).toMatch(/^https?:\/\//);
      if (e.keys)
        expect(['sha224', 'sha256', 'sha384', 'sha512']).toContain(e.keys.signatureAlgorithm);
    }
  }
  return vi;
}

function expectPcValid(doc: Doc): Doc {
  expect(pcSchema(doc)).toEqual([]);
  expect(doc.apiVersion).toBe('policy.sigstore.dev/v1beta1');
  const authority = doc.spec.authorities[0];
  for (const id of authority.keyless?.identities ?? []) {
    expect(id.issuer || id.issuerRegExp).toBeTruthy();
    expect(id.subject || id.subjectRegExp).toBeTruthy();
  }
  return authority;
}

describe.each([
  ['key', 'legacy'],
  ['key', 'bundle'],
  ['keyless', 'legacy'],
  ['keyless', 'bundle'],
] as const)('policies for %s signing, %s format', (mode, format) => {
  describe.each([1, 100])('with %i image(s)', (count) => {
    let results: SignatureResult[];
    let ivp: Doc[];
    let kyverno: Doc[];
    let pc: Doc[];
    beforeAll(() => {
      results = resultsFor(signers[mode], format, count);
      ({ ivp, kyverno, pc } = policiesOf(buildSummary(results, signers[mode])));
    });

    it('prints one Kyverno ImageValidatingPolicy the CRD accepts, matching every way a pod names the signed repositories', () => {
      expect(ivp).toHaveLength(1);
      const cosign = expectIvpValid(ivp[0]!);
      const globs = ivp[0]!.spec.matchImageReferences.map((m: Doc) => m.glob as string);
      const matched = (image: string) => globs.some((g: string) => gobwasMatches(g, image));
      for (const r of results) {
        expect(matched(r.image)).toBe(true);
        expect(matched(`${r.image}:${r.tags[0]}`)).toBe(true);
        expect(matched(`${r.image}@${r.digest}`)).toBe(true);
        expect(matched(`${r.image}:${r.tags[0]}@${r.digest}`)).toBe(true);
      }
      expect(matched(`${results[0]!.image}-evil:1`)).toBe(false);
      expect(matched(`${results[0]!.image}/sub:1`)).toBe(false);
      if (mode === 'key') {
        expect(cosign).toEqual({
          key: { data: KEY_PEM, hashAlgorithm: 'sha256' },
          ctlog: { url: 'https://rekor.sigstore.dev' },
        });
      } else {
        expect(cosign).toEqual({
          keyless: {
            identities: [
              {
                issuer: 'https://token.actions.githubusercontent.com',
                subject: `https://github.com/${REUSABLE}`,
              },
            ],
          },
          ctlog: { url: 'https://rekor.sigstore.dev' },
        });
      }
    });

    it("prints a Kyverno ClusterPolicy the CRD accepts, of the format's type, for exactly the signed repositories", () => {
      expect(kyverno).toHaveLength(1);
      const vi = expectKyvernoValid(kyverno[0]!);
      expect(vi.type).toBe(format === 'legacy' ? 'Cosign' : 'SigstoreBundle');
      for (const r of results) {
        expect(
          vi.imageReferences.some((p: string) => kyvernoMatches(p, `${r.image}:${r.tags[0]}`)),
        ).toBe(true);
        expect(
          vi.imageReferences.some((p: string) => kyvernoMatches(p, `${r.image}@${r.digest}`)),
        ).toBe(true);
      }
      // A sibling repository with the same prefix is not covered.
      expect(
        vi.imageReferences.some((p: string) => kyvernoMatches(p, `${results[0]!.image}-evil:1`)),
      ).toBe(false);
      const entry = vi.attestors[0].entries[0];
      if (mode === 'key') {
        expect(entry.keys.publicKeys).toBe(KEY_PEM);
        expect(entry.keys.rekor).toEqual({ url: 'https://rekor.sigstore.dev' });
      } else {
        expect(entry.keyless).toEqual({
          subject: `https://github.com/${REUSABLE}`,
          issuer: 'https://token.actions.githubusercontent.com',
          rekor: { url: 'https://rekor.sigstore.dev' },
        });
      }
    });

    it('prints a policy-controller ClusterImagePolicy the CRD accepts, or says why the controller cannot verify it', () => {
      if (mode === 'key' && format === 'bundle') {
        expect(pc).toEqual([]);
        return;
      }
      expect(pc).toHaveLength(1);
      const authority = expectPcValid(pc[0]!);
      const globs = pc[0]!.spec.images.map((i: Doc) => i.glob as string);
      for (const r of results) {
        expect(globs.some((g: string) => pcGlobMatches(g, `${r.image}:${r.tags[0]}`))).toBe(true);
        expect(globs.some((g: string) => pcGlobMatches(g, `${r.image}@${r.digest}`))).toBe(true);
      }
      expect(globs.some((g: string) => pcGlobMatches(g, `${results[0]!.image}-evil:1`))).toBe(
        false,
      );
      if (mode === 'key') {
        expect(authority).toEqual({
          name: 'sign-image',
          key: { data: KEY_PEM, hashAlgorithm: 'sha256' },
          ctlog: { url: 'https://rekor.sigstore.dev' },
        });
      } else {
        expect(authority.keyless).toEqual({
          url: 'https://fulcio.sigstore.dev',
          identities: [
            {
              issuer: 'https://token.actions.githubusercontent.com',
              subject: `https://github.com/${REUSABLE}`,
            },
          ],
        });
        expect(authority.signatureFormat).toBe(format === 'bundle' ? 'bundle' : undefined);
      }
    });
  });
});

describe('policy details', () => {
  it('rejects what the CRD does not know (the validator is strict)', () => {
    const { kyverno, pc } = policiesOf(
      buildSummary(resultsFor(signers.key, 'legacy', 1), signers.key),
    );
    const k = structuredClone(kyverno[0]!);
    k.spec.rules[0].verifyImages[0].attestors[0].entries[0].keys.publicKey = 'typo';
    expect(kyvernoSchema(k).join()).toMatch(/additionalProperty.*publicKey"/);
    const ivp = structuredClone(
      policiesOf(buildSummary(resultsFor(signers.key, 'legacy', 1), signers.key)).ivp[0]!,
    );
    ivp.spec.attestors[0].cosign.key.pem = 'typo';
    expect(ivpSchema(ivp).join()).toMatch(/additionalProperty.*pem"/);
    const p = structuredClone(pc[0]!);
    p.spec.authorities[0].keyless = { url: 3 };
    expect(pcSchema(p).join()).toMatch(/should be string/);
  });

  it('says why policy-controller gets no manifest for key-signed bundles', () => {
    const md = buildSummary(resultsFor(signers.key, 'bundle', 1), signers.key);
    expect(md).toContain('authority must be keyless');
    expect(md).toContain('`signature-format: both`');
  });

  it('carries a private Rekor and its key, or skips the log when nothing was logged', () => {
    const rekorPublicKeyPem = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n';
    const priv = policiesOf(
      buildSummary(resultsFor(signers.key, 'legacy', 1), signers.key, {
        rekorUrl: 'https://rekor.example.com',
        rekorPublicKeyPem,
      }),
    );
    expect(expectKyvernoValid(priv.kyverno[0]!).attestors[0].entries[0].keys.rekor).toEqual({
      url: 'https://rekor.example.com',
      pubkey: rekorPublicKeyPem,
    });
    expect(expectPcValid(priv.pc[0]!).ctlog).toEqual({ url: 'https://rekor.example.com' });
    const unlogged = resultsFor(signers.key, 'legacy', 1).map((r) => ({
      ...r,
      rekorLogIndex: undefined,
    }));
    const none = policiesOf(buildSummary(unlogged, signers.key));
    expect(expectKyvernoValid(none.kyverno[0]!).attestors[0].entries[0].keys.rekor).toEqual({
      url: 'https://rekor.sigstore.dev',
      ignoreTlog: true,
    });
    expect(expectPcValid(none.pc[0]!).ctlog).toBeUndefined();
  });

  it("fills a private Fulcio's CA certificates and CT log key from the trusted root into the ClusterPolicy", () => {
    const fulcioRootsPem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    const ctlogPublicKeyPem = '-----BEGIN PUBLIC KEY-----\nBBBB\n-----END PUBLIC KEY-----\n';
    const md = buildSummary(resultsFor(signers.keyless, 'legacy', 1), signers.keyless, {
      rekorUrl: 'https://rekor.example.com',
      fulcioUrl: 'https://fulcio.example.com',
      rekorPublicKeyPem: '-----BEGIN PUBLIC KEY-----\nCCCC\n-----END PUBLIC KEY-----\n',
      fulcioRootsPem,
      ctlogPublicKeyPem,
    });
    const entry = expectKyvernoValid(policiesOf(md).kyverno[0]!).attestors[0].entries[0];
    expect(entry.keyless.roots).toBe(fulcioRootsPem);
    expect(entry.keyless.ctlog).toEqual({ pubkey: ctlogPublicKeyPem });
    expect(md).toContain("from the run's trusted root");
    // The public instance needs neither: verifiers already trust it.
    const pub = buildSummary(resultsFor(signers.keyless, 'legacy', 1), signers.keyless, {
      fulcioRootsPem,
      ctlogPublicKeyPem,
    });
    expect(
      expectKyvernoValid(policiesOf(pub).kyverno[0]!).attestors[0].entries[0].keyless.roots,
    ).toBeUndefined();
  });

  it('ImageValidatingPolicy: a private Rekor and its key with the TUF note, or the log ignored when nothing was logged', () => {
    const rekorPublicKeyPem = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n';
    const md = buildSummary(resultsFor(signers.key, 'legacy', 1), signers.key, {
      rekorUrl: 'https://rekor.example.com',
      rekorPublicKeyPem,
    });
    expect(expectIvpValid(policiesOf(md).ivp[0]!).ctlog).toEqual({
      url: 'https://rekor.example.com',
      rekorPubKey: rekorPublicKeyPem,
    });
    expect(md).toContain('Kyverno initialises TUF');
    const unlogged = resultsFor(signers.key, 'legacy', 1).map((r) => ({
      ...r,
      rekorLogIndex: undefined,
    }));
    expect(expectIvpValid(policiesOf(buildSummary(unlogged, signers.key)).ivp[0]!).ctlog).toEqual({
      insecureIgnoreTlog: true,
    });
  });

  it('prints the ImageValidatingPolicy once for both formats, first, and labels the ClusterPolicy for Kyverno before 1.17', () => {
    const both = [
      ...resultsFor(signers.keyless, 'legacy', 1),
      ...resultsFor(signers.keyless, 'bundle', 1),
    ];
    const md = buildSummary(both, signers.keyless);
    const { ivp, kyverno, pc } = policiesOf(md);
    expect([ivp.length, kyverno.length, pc.length]).toEqual([1, 2, 2]);
    expect(fenced(md, 'yaml')[0]).toContain('kind: ImageValidatingPolicy');
    expect(md).toContain(
      '<b>Kyverno ImageValidatingPolicy</b> for legacy <code>.sig</code> and Sigstore bundle signatures: Kyverno 1.17 or newer',
    );
    expect(md).toContain(
      '<b>Kyverno ClusterPolicy for Kyverno before 1.17 (<code>type: Cosign</code>)</b>',
    );
    expect(md).toContain('deprecated from Kyverno 1.18');
    expect(md).toContain(
      'verifies bundle-format attestations but not bundle-format image signatures',
    );
  });

  it('ImageValidatingPolicy globs cover Docker Hub as users write it', () => {
    expect(writtenImageGlobs('index.docker.io/acme/app')).toEqual(
      ['docker.io/acme/app', 'index.docker.io/acme/app', 'acme/app'].flatMap((n) => [
        n,
        `${n}:*`,
        `${n}@*`,
      ]),
    );
    const library = writtenImageGlobs('index.docker.io/library/nginx');
    for (const written of ['nginx', 'nginx:1.27', 'docker.io/nginx@sha256:ab', 'library/nginx'])
      expect(library.some((g) => gobwasMatches(g, written))).toBe(true);
    expect(library.some((g) => gobwasMatches(g, 'nginx-evil:1'))).toBe(false);
  });

  it('names Docker Hub the way each controller does', () => {
    expect(imageGlobs('index.docker.io/acme/app', 'kyverno')).toEqual([
      'docker.io/acme/app:*',
      'docker.io/acme/app@*',
    ]);
    expect(imageGlobs('index.docker.io/acme/app', 'policy-controller')).toEqual([
      'index.docker.io/acme/app:*',
      'index.docker.io/acme/app@*',
    ]);
  });

  it('derives a valid, bounded object name', () => {
    expect(policyName(['ghcr.io/acme/app'])).toBe('verify-acme-app');
    expect(policyName(['127.0.0.1:5000/a/b', 'ghcr.io/x/y'])).toBe('verify-a-b-and-1-more');
    const long = policyName([`ghcr.io/${'very-long-name/'.repeat(8)}app`, 'x/y', 'z/w']);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?-and-2-more$/);
  });
});
