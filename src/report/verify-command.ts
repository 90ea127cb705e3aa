// Pure: the copy-paste `cosign verify` for exactly what this run pushed. Key mode writes the
// public key to cosign.pub first; keyless pins the exact certificate identity (a reusable
// workflow's own ref, which is what Fulcio puts in the SAN) and issuer. One command covers every
// digest: cosign verify takes several images and checks each one.
import type { SignerFacts } from './identity.js';
import type { SignatureResult } from './result.js';

/** Where the signatures were logged and certified: the public Sigstore unless the inputs said otherwise. */
export interface SigstoreContext {
  rekorUrl: string;
  fulcioUrl: string;
  /** The Rekor public key PEM (admission policies need it for a private Rekor). */
  rekorPublicKeyPem?: string;
  /** A private Fulcio's CA certificates (PEM), as the trusted root has them. */
  fulcioRootsPem?: string;
  /** A private Fulcio's CT log key (PEM), as the trusted root has it. */
  ctlogPublicKeyPem?: string;
}

export const PUBLIC_REKOR_URL = 'https://rekor.sigstore.dev';
export const PUBLIC_FULCIO_URL = 'https://fulcio.sigstore.dev';
/** How many digests the summary lists one by one; the `signatures` output always has them all. */
export const MAX_LISTED = 200;

const SEARCH = 'https://search.sigstore.dev/?logIndex=';

/** A summary table cell for a Rekor log index, linked to search.sigstore.dev for the public log only. */
export function rekorLogIndexCell(logIndex: number | undefined, linked: boolean): string {
  if (logIndex === undefined) return 'not logged';
  return linked ? `[${logIndex}](${SEARCH}${logIndex})` : `${logIndex}`;
}

/** The public Sigstore instance, which every verifier trusts out of the box. */
export function publicSigstore(): SigstoreContext {
  return { rekorUrl: PUBLIC_REKOR_URL, fulcioUrl: PUBLIC_FULCIO_URL };
}

/** True when `url` is the given public service (trailing slashes and case aside). */
export function isPublicUrl(url: string, publicUrl: string): boolean {
  return url.replace(/\/+$/, '').toLowerCase() === publicUrl;
}

/** True when at least one signature has a Rekor entry (tlog-upload was on). */
export function wasLogged(results: readonly SignatureResult[]): boolean {
  return results.some((r) => r.rekorLogIndex !== undefined);
}

/** The shell text: every command needed, in order, without Markdown fences. */
export function buildVerifyCommand(
  results: readonly SignatureResult[],
  signer: SignerFacts,
  context: SigstoreContext,
): string {
  const flags: string[] = [];
  if (!isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL))
    flags.push(`--rekor-url ${quote(context.rekorUrl)}`);
  // Without a Rekor entry cosign refuses the signature unless told the log is not wanted.
  if (!wasLogged(results)) flags.push('--insecure-ignore-tlog=true');
  if (signer.mode === 'key') {
    const lines = ["cat > cosign.pub <<'EOF'", ...signer.publicKeyPem.trimEnd().split('\n'), 'EOF'];
    return `${[...lines, ...command(['--key cosign.pub', ...flags], results)].join('\n')}\n`;
  }
  const blocks = signer.identities.map((id) =>
    command(
      [
        // Always quoted: an identity is text to compare, and an email or URL may hold `?`, `&`, `*`.
        `--certificate-identity ${singleQuote(id.identity)}`,
        `--certificate-oidc-issuer ${singleQuote(id.issuer)}`,
        ...flags,
      ],
      // With a single identity (every real run) all results belong to it.
      signer.identities.length === 1
        ? results
        : results.filter((r) => r.identity === undefined || r.identity === id.identity),
    ).join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

/** Distinct `image@digest` references, first seen first (`both` signs each digest twice). */
export function signedReferences(results: readonly SignatureResult[]): string[] {
  return [...new Set(results.map((r) => `${r.image}@${r.digest}`))];
}

function command(flags: string[], results: readonly SignatureResult[]): string[] {
  const refs = signedReferences(results);
  const listed = refs.slice(0, MAX_LISTED).map(quote);
  const parts = [`cosign verify ${flags[0]}`, ...flags.slice(1), ...listed];
  const lines = parts.map((p, i) => (i === 0 ? p : `  ${p}`));
  const joined = lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l));
  if (refs.length > MAX_LISTED) {
    joined.push(`# ${refs.length - MAX_LISTED} more digests are in the \`signatures\` output`);
  }
  return joined;
}

/** Single-quotes a shell word unless it is made of characters no shell treats specially. */
export function quote(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : singleQuote(word);
}

/** The word in single quotes, each `'` written as `'\''`. */
export function singleQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
