// Pure: the verify action's step outputs and job summary, from the per-digest results. Every
// value that came from outside (references, identities, reasons quoting a registry) is escaped
// for Markdown by report/markdown.ts.
import { code, text } from '../report/markdown.js';
import { isPublicUrl, PUBLIC_REKOR_URL, rekorLogIndexCell } from '../report/verify-command.js';
import { describeMatcher, type VerifyConfig } from './inputs.js';
import type { DigestResult } from './run.js';

/** `verified` and `signatures` as action-contract.md defines them. */
export function buildVerifyOutputs(results: readonly DigestResult[]): Record<string, string> {
  return {
    verified: String(results.length > 0 && results.every((r) => r.verified)),
    signatures: JSON.stringify(
      results.map((r) => ({
        image: r.image,
        digest: r.digest,
        verified: r.verified,
        format: r.format,
        signatureRef: r.signatureRef,
        signer: r.signer,
        rekorLogIndex: r.rekorLogIndex ?? null,
        reason: r.reason,
      })),
    ),
  };
}

/** The one `::error::` line of a run where some digest failed; undefined when all passed. */
export function failureLine(results: readonly DigestResult[]): string | undefined {
  const failed = results.filter((r) => !r.verified);
  if (failed.length === 0) return undefined;
  const each = failed.map((r) => `${r.image}@${r.digest}: ${r.reason}`).join('; ');
  return `${failed.length} of ${results.length} digests failed verification: ${each}. Nothing may be deployed from a digest that fails; sign it (or fix the policy inputs) and re-run`;
}

/** What every signature was checked against, as the summary lists it. */
export function describeRequirements(
  config: VerifyConfig,
  trustSource: string | undefined,
): string[] {
  const p = config.policy;
  const lines = [
    p.mode === 'key'
      ? 'kmsKey' in p
        ? `Signer: the KMS key ${code(p.kmsKey.uri)} (its public key read from the KMS)`
        : 'Signer: the public key given as `key`'
      : `Signer: a Fulcio certificate for identity ${code(describeMatcher(p.identity))} issued by ${code(describeMatcher(p.issuer))}, with an SCT`,
    config.ignoreTlog
      ? 'Transparency log: not checked (`ignore-tlog: true`)'
      : `Transparency log: a Rekor entry for this very signature, its SET signed by a log of ${text(trustSource ?? 'the trusted root')}`,
    `Looked in: ${config.lookIn === 'any' ? 'the `.sig` tag and bundle referrers' : config.lookIn === 'legacy' ? 'the `.sig` tag' : 'bundle referrers'}`,
  ];
  if (config.annotations)
    lines.push(
      `Annotations: ${Object.entries(config.annotations)
        .map(([k, v]) => code(`${k}=${v}`))
        .join(', ')}`,
    );
  if (config.attestationType)
    lines.push(`Attestation: one of type ${code(config.attestationType.uri)} by the same signer`);
  return lines;
}

/** The job summary: what was required, then one row per digest. */
export function buildVerifySummary(
  results: readonly DigestResult[],
  requirements: readonly string[],
  /** The log the entries are in when they are public (linked to its search); undefined: not linked. */
  rekorUrl: string | undefined,
): string {
  const linked = rekorUrl !== undefined && isPublicUrl(rekorUrl, PUBLIC_REKOR_URL);
  const passed = results.filter((r) => r.verified).length;
  const head =
    passed === results.length
      ? `✅ ${passed} of ${results.length} digests verified`
      : `❌ ${results.length - passed} of ${results.length} digests failed verification`;
  const rows = results.map((r) =>
    [
      code(`${r.image}@${r.digest}`, { inTable: true }),
      r.verified ? '✅ verified' : '❌ failed',
      r.format || '—',
      r.signatureRef ? code(r.signatureRef, { inTable: true }) : '—',
      r.signer ? code(r.issuer ? `${r.signer} (${r.issuer})` : r.signer, { inTable: true }) : '—',
      r.verified ? rekorLogIndexCell(r.rekorLogIndex, linked) : '—',
      r.verified
        ? `${r.checked} checked${r.attestationRef ? `; attestation ${code(r.attestationRef, { inTable: true })}` : ''}`
        : text(r.reason),
    ].join(' | '),
  );
  return [
    '## Image verification',
    '',
    head,
    '',
    ...requirements.map((l) => `- ${l}`),
    '',
    '| Digest | Result | Format | Signature | Signer | Rekor log index | Checked / why not |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}
