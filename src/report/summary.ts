// Pure: results → the job summary Markdown a reviewer reads after the step. Issue-level extras
// (admission policies, Rekor search links) build on this table.
import { createHash } from 'node:crypto';
import type { SignatureResult, SignerIdentity } from './result.js';

/** The summary Markdown: what was signed, by whom, where it is logged, and how to verify it. */
export function buildSummary(results: readonly SignatureResult[], signer: SignerIdentity): string {
  const lines: string[] = ['## Signed container images', ''];
  lines.push(signerLine(signer), '');
  lines.push('| Image | Digest | Tags | Format | Signature | Rekor log index |');
  lines.push('|---|---|---|---|---|---|');
  for (const r of results) {
    lines.push(
      `| \`${r.image}\` | \`${r.digest}\` | ${r.tags.map((t) => `\`${t}\``).join(' ') || '—'} | ${r.format} | ${
        r.signatureRef ? `\`${r.signatureRef}\`` : 'not uploaded'
      }${r.added ? '' : ' (already present)'} | ${r.rekorLogIndex ?? 'not logged'} |`,
    );
  }
  const example = results[0];
  if (example && signer.mode === 'key') {
    lines.push('', 'Verify with the public key (the `public-key` output, saved as `cosign.pub`):', '');
    lines.push('```sh', `cosign verify --key cosign.pub ${example.image}@${example.digest}`, '```');
  }
  return `${lines.join('\n')}\n`;
}

function signerLine(signer: SignerIdentity): string {
  if (signer.mode === 'key') return `Signed with a key: public key SHA-256 \`${publicKeyFingerprint(signer.publicKeyPem)}\`.`;
  return `Signed keylessly as \`${signer.subject}\` (issuer \`${signer.issuer}\`).`;
}

/** Hex SHA-256 of the SubjectPublicKeyInfo DER inside a `PUBLIC KEY` PEM. */
export function publicKeyFingerprint(pem: string): string {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return createHash('sha256').update(Buffer.from(body, 'base64')).digest('hex');
}
