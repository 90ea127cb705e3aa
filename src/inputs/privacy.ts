// The privacy guard: the public Sigstore logs are append-only and world-readable. Signing from a
// private repository into them publishes, forever, what the entries carry: keyless, the
// certificate's identity (repository, workflow file and ref) in Fulcio's certificate
// transparency log and in Rekor; with a key, a Rekor entry per signature. cosign asks before
// doing that; an action cannot ask, so it refuses unless the workflow says it is fine.
import { readFileSync } from 'node:fs';
import { SignImageError } from '../errors.js';
import type { Config } from './parse.js';

export type Visibility = 'public' | 'private';

/** `github.event.repository`'s visibility from the event payload; undefined when it has none. */
export function repositoryVisibility(event: unknown): Visibility | undefined {
  const repository = (event as { repository?: unknown } | undefined)?.repository;
  if (typeof repository !== 'object' || repository === null) return undefined;
  const { private: isPrivate, visibility } = repository as {
    private?: unknown;
    visibility?: unknown;
  };
  // `internal` (enterprise) repositories are private to everyone outside the enterprise.
  if (isPrivate === true || visibility === 'private' || visibility === 'internal') return 'private';
  if (isPrivate === false || visibility === 'public') return 'public';
  return undefined;
}

/** The workflow event payload (`GITHUB_EVENT_PATH`), or undefined outside a runner or if unreadable. */
export function readEventPayload(env: NodeJS.ProcessEnv = process.env): unknown {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** True for the public-good instance (rekor.sigstore.dev, fulcio.sigstore.dev, log shards). */
export function isPublicSigstore(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'sigstore.dev' || host.endsWith('.sigstore.dev');
}

/** The public logs this run would write to; empty when it writes to none. */
export function publicLogsUsed(
  mode: 'key' | 'keyless',
  config: Pick<Config, 'tlogUpload' | 'rekorUrl' | 'fulcioUrl'>,
): string[] {
  const logs: string[] = [];
  // Fulcio logs every certificate it issues, whether or not the signature goes to Rekor.
  if (mode === 'keyless' && isPublicSigstore(config.fulcioUrl))
    logs.push(`the certificate transparency log of ${new URL(config.fulcioUrl).host}`);
  if (config.tlogUpload && isPublicSigstore(config.rekorUrl))
    logs.push(`the Rekor log at ${new URL(config.rekorUrl).host}`);
  return logs;
}

/** Throws before any token, certificate or log request when a private repository would be published. */
export function checkPublicLogPrivacy(
  mode: 'key' | 'keyless',
  config: Pick<Config, 'tlogUpload' | 'rekorUrl' | 'fulcioUrl' | 'allowPublicTlogForPrivateRepo'>,
  visibility: Visibility | undefined,
): void {
  if (visibility !== 'private' || config.allowPublicTlogForPrivateRepo) return;
  const logs = publicLogsUsed(mode, config);
  if (logs.length === 0) return;
  const what =
    mode === 'keyless'
      ? "the repository's name, the workflow file and the ref (the certificate identity)"
      : 'an entry for every signature (payload hash, signature and public key)';
  const escape =
    mode === 'keyless'
      ? 'or point `fulcio-url` and `rekor-url` at a private Sigstore instance'
      : 'or set `tlog-upload: false`, or point `rekor-url` at a private Rekor';
  throw new SignImageError(
    'PRIVATE_REPO_PUBLIC_LOG',
    `This repository is private, and signing it would publish ${what} in ${logs.join(' and ')}, which is public and permanent`,
    {
      hint: `Set \`allow-public-tlog-for-private-repo: true\` if that is acceptable, ${escape}; nothing was signed`,
    },
  );
}
