// Constructed results for the report tests: the four signer × format cases, for one image or
// many, shaped exactly as the formats (src/formats/) record them. The key is a real cosign public key (peer
// capture); keyless leaves come from the mock Fulcio CA (fulcio-leaf.ts).
import type { SerializedBundle } from '@sigstore/bundle';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SignatureResult, SignerIdentity } from '../../src/report/result.js';
import { REPO_ROOT } from '../../test-env/state.js';
import { GITHUB_ISSUER, issueLeaf } from './fulcio-leaf.js';

export const KEY_PEM = readFileSync(
  path.join(REPO_ROOT, '__tests__', 'fixtures', 'keys', 'peer-captures', 'cosign-key.pub'),
  'utf8',
);
// Text that only the private key file or its password holds (none of it may reach a summary).
export const SECRET_TEXTS = [
  'ENCRYPTED',
  'PRIVATE KEY',
  readFileSync(
    path.join(REPO_ROOT, '__tests__', 'fixtures', 'keys', 'peer-captures', 'pass.txt'),
    'utf8',
  ),
];

export const CALLER = 'acme/app/.github/workflows/release.yml@refs/heads/main';
export const REUSABLE = 'acme/sign-image/.github/workflows/build-sign.yml@refs/tags/v1';

/** A key signer, or a keyless one whose job ran the reusable workflow called from CALLER. */
export async function signerFor(mode: 'key' | 'keyless'): Promise<SignerIdentity> {
  if (mode === 'key') return { mode: 'key', publicKeyPem: KEY_PEM };
  const leaf = await issueLeaf({
    repository: 'acme/app',
    workflowRef: CALLER,
    jobWorkflowRef: REUSABLE,
  });
  return { mode: 'keyless', certificatePem: leaf.pem, subject: leaf.san, issuer: GITHUB_ISSUER };
}

/** The n-th digest: distinct, valid, recognisable. */
export function digestOf(n: number): string {
  return `sha256:${n.toString(16).padStart(8, '0').repeat(8)}`;
}

/** `count` results, each image in its own repository (the widest policies), one tag each. */
export function resultsFor(
  signer: SignerIdentity,
  format: 'legacy' | 'bundle',
  count: number,
  registry = 'ghcr.io',
): SignatureResult[] {
  return Array.from({ length: count }, (_, i) => {
    const image = `${registry}/acme/${count === 1 ? 'app' : `service-${i + 1}`}`;
    const digest = digestOf(i + 1);
    const keyless =
      signer.mode === 'keyless' ? { identity: signer.subject, issuer: signer.issuer } : {};
    return {
      image,
      digest,
      tags: [`1.0.${i}`, 'latest'],
      format,
      signatureRef:
        format === 'legacy'
          ? `${image}:${digest.replace(':', '-')}.sig`
          : `${image}@${digestOf(100000 + i)}`,
      added: true,
      rekorLogIndex: 150000000 + i,
      rekorLogId: 'c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d',
      integratedTime: 1750000000 + i,
      ...keyless,
      bundle: {
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      } as unknown as SerializedBundle,
    };
  });
}

/** The fenced blocks of one language in Markdown, in order, without the fences. */
export function fenced(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map(
    (m) => m[1]!,
  );
}
