// Pure: results → the job summary a reviewer reads after the step: what was signed (one row per
// digest and format), by whom, where it is logged, the `cosign verify` command for exactly what
// was pushed, and ready-to-apply admission policies. Public material only: the public key and
// certificate identity, never a private key, password or token.
import { describeSigner, type SignerFacts } from './identity.js';
import { code, fenced } from './markdown.js';
import { buildPolicies, type PolicyDoc } from './policies.js';
import type { SignatureResult, SignerIdentity } from './result.js';
import {
  buildVerifyCommand,
  isPublicUrl,
  MAX_LISTED,
  rekorLogIndexCell,
  PUBLIC_FULCIO_URL,
  PUBLIC_REKOR_URL,
  publicSigstore,
  signedReferences,
  wasLogged,
  type SigstoreContext,
} from './verify-command.js';

/** The summary Markdown: what was signed, by whom, where it is logged, and how to verify it. */
export function buildSummary(
  results: readonly SignatureResult[],
  signer: SignerIdentity,
  context: Partial<SigstoreContext> = {},
): string {
  const ctx: SigstoreContext = { ...publicSigstore(), ...context };
  const facts = describeSigner(results, signer);
  const count = signedReferences(results).length;
  const lines = [
    `## Signed ${count === 1 ? 'container image' : `${count} container image digests`}`,
    '',
  ];
  lines.push(...signerLines(facts, ctx, results), '');
  lines.push(...table(results, ctx), '');
  lines.push(...verifySection(results, facts, ctx));
  lines.push(...policySection(buildPolicies(results, facts, ctx)));
  return `${lines.join('\n')}\n`;
}

function signerLines(
  facts: SignerFacts,
  ctx: SigstoreContext,
  results: readonly SignatureResult[],
): string[] {
  const out: string[] = [];
  if (facts.mode === 'key' && facts.keyRef) {
    out.push(
      `**Signer:** KMS key \`${facts.keyRef}\`, public key SHA-256 \`${facts.fingerprint}\` (the \`public-key\` output)  `,
    );
  } else if (facts.mode === 'key') {
    out.push(
      `**Signer:** cosign key, public key SHA-256 ${code(facts.fingerprint)} (the \`public-key\` output)  `,
    );
  } else {
    for (const id of facts.identities) {
      out.push(
        `**Signer:** keyless, certificate identity ${code(id.identity)}, issuer ${code(id.issuer)}  `,
      );
    }
    if (facts.callerWorkflow) {
      out.push(
        `**Called from:** ${code(facts.callerWorkflow)}. The certificate names the reusable workflow that signed, so the command and policies below pin that identity, not the caller's.  `,
      );
    }
    if (facts.runUrl) out.push(`**Run:** ${facts.runUrl}  `); // https only, no markup characters (identity.ts)
  }
  const log = wasLogged(results)
    ? isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL)
      ? 'the public Rekor log (linked below)'
      : `the Rekor log at ${code(ctx.rekorUrl)}`
    : '**none**: `tlog-upload` was false, so verifiers must be told to skip the log';
  out.push(`**Transparency log:** ${log}`);
  return out;
}

function table(results: readonly SignatureResult[], ctx: SigstoreContext): string[] {
  const out = [
    '| Image | Tags | Digest | Format | Rekor log index | Signature |',
    '|---|---|---|---|---|---|',
  ];
  const linked = isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
  for (const r of results.slice(0, MAX_LISTED)) {
    const index = rekorLogIndexCell(r.rekorLogIndex, linked);
    const cell = { inTable: true };
    const tags = r.tags.map((t) => code(t, cell)).join(' ') || '—';
    out.push(
      `| ${code(r.image, cell)} | ${tags} | ${code(r.digest, cell)} | ${r.format} | ${index} | ${signatureCell(r)} |`,
    );
  }
  if (results.length > MAX_LISTED) {
    out.push(`| … ${results.length - MAX_LISTED} more: see the \`signatures\` output | | | | | |`);
  }
  return out;
}

// What follows the repository (in the first column), with its hex cut to 12 characters so the
// table fits a screen: `:sha256-<hex>.sig` repeats the digest, and the `signatures` output and
// `cosign tree` give the full reference.
function signatureCell(r: SignatureResult): string {
  if (!r.signatureRef) return 'not uploaded (`upload: false`)';
  const rest = r.signatureRef.startsWith(r.image)
    ? r.signatureRef.slice(r.image.length)
    : r.signatureRef;
  const short = rest.replace(/([0-9a-f]{12})[0-9a-f]{52}/, '$1…');
  return `${code(short, { inTable: true })}${r.added ? '' : ' (already there)'}`;
}

function verifySection(
  results: readonly SignatureResult[],
  facts: SignerFacts,
  ctx: SigstoreContext,
): string[] {
  const out = ['### Verify with cosign', ''];
  if (results.some((r) => r.format === 'bundle')) {
    out.push(
      'Bundle-format signatures need cosign 3 (or 2.6): cosign 2.5 and older read only `.sig` signatures and answer "no signatures found".',
      '',
    );
  }
  const privateRekor = wasLogged(results) && !isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
  const privateFulcio = facts.mode === 'keyless' && !isPublicUrl(ctx.fulcioUrl, PUBLIC_FULCIO_URL);
  if (privateRekor || privateFulcio) {
    out.push(
      'This run used a private Sigstore instance: give cosign its trust root, `--trusted-root trusted_root.json` (cosign 3) or `SIGSTORE_REKOR_PUBLIC_KEY`, `SIGSTORE_ROOT_FILE` and `SIGSTORE_CT_LOG_PUBLIC_KEY_FILE` (cosign 2).',
      '',
    );
  }
  out.push(...fenced(buildVerifyCommand(results, facts, ctx).trimEnd(), 'sh'), '');
  if (facts.mode === 'key' && facts.keyRef) {
    out.push(
      `cosign can also read the public key from the KMS itself (with AWS credentials allowed \`kms:GetPublicKey\` and \`kms:DescribeKey\`): \`--key ${facts.keyRef}\` instead of \`--key cosign.pub\`.`,
      '',
    );
  }
  return out;
}

function policySection(docs: PolicyDoc[]): string[] {
  const out = ['### Admission policies', ''];
  for (const doc of docs) {
    const format = {
      legacy: 'legacy `.sig`',
      bundle: 'Sigstore bundle',
      both: 'legacy `.sig` and Sigstore bundle',
    }[doc.format];
    out.push(
      `<details><summary><b>${html(doc.title)}</b> for ${html(format)} signatures: ${html(doc.requires)}</summary>`,
      '',
    );
    for (const note of doc.notes) out.push(`> ${note}`, '');
    if (doc.yaml) out.push(...fenced(doc.yaml.trimEnd(), 'yaml'), '');
    out.push('</details>', '');
  }
  return out;
}

// <summary> is HTML: Markdown code spans do not render inside it, so turn them into <code>.
function html(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}
