// Pure: results → the step outputs of the contract (shared/docs/action-contract.md).
import type { SignatureResult, SignerIdentity } from './result.js';

/** The outputs map; values are strings as the runner stores them. */
export function buildOutputs(
  results: readonly SignatureResult[],
  signer: SignerIdentity,
  bundlePath: string,
): Record<string, string> {
  const first = results[0];
  return {
    'signing-mode': signer.mode,
    'rekor-log-index': first?.rekorLogIndex?.toString() ?? '',
    'rekor-log-id': first?.rekorLogId ?? '',
    signatures: JSON.stringify(
      results.map((r) => ({
        image: r.image,
        digest: r.digest,
        format: r.format,
        signatureRef: r.signatureRef,
        rekorLogIndex: r.rekorLogIndex ?? null,
        rekorLogId: r.rekorLogId ?? null,
        integratedTime: r.integratedTime ?? null,
        // Keyless only, so key-mode entries keep exactly the contract's keys.
        ...(r.identity ? { identity: r.identity, issuer: r.issuer ?? null } : {}),
      })),
    ),
    'bundle-path': bundlePath,
    'public-key': signer.mode === 'key' ? signer.publicKeyPem : '',
    certificate: signer.mode === 'keyless' ? signer.certificatePem : '',
  };
}

/** The bundle file's content: every signature's Sigstore bundle keyed by `image@digest`. */
export function buildBundleFile(results: readonly SignatureResult[]): string {
  const byRef: Record<string, unknown> = {};
  for (const r of results) {
    const key = `${r.image}@${r.digest}`;
    // `both` formats give two bundles for one digest; keep them apart by format.
    byRef[
      results.some((o) => o !== r && `${o.image}@${o.digest}` === key) ? `${key}#${r.format}` : key
    ] = r.bundle;
  }
  return `${JSON.stringify(byRef, null, 2)}\n`;
}
