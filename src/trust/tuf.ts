// The public-good trusted root, as cosign and sigstore-js get it: the `trusted_root.json` target
// of Sigstore's TUF repository, read through @sigstore/tuf. The TUF root that ships inside
// @sigstore/tuf (its seeds.json, keyed by the mirror URL) is the anchor: every metadata file the
// mirror serves must chain to it, so a mirror or network in between cannot substitute keys.
// Cached for the run under RUNNER_TEMP (a fresh runner has no cache worth trusting across jobs).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignImageError } from '../errors.js';
import { trustOf, type Trust } from './trusted-root.js';

/** Sigstore's public-good TUF mirror (@sigstore/tuf's DEFAULT_MIRROR_URL, whose root it ships). */
export const DEFAULT_MIRROR_URL = 'https://tuf-repo-cdn.sigstore.dev';

/** Where to read the root from; the defaults are the public-good repository and its shipped root. */
export interface TufSource {
  /** TUF mirror (default https://tuf-repo-cdn.sigstore.dev, whose root ships in @sigstore/tuf). */
  mirrorURL?: string;
  /** A TUF root.json to anchor on instead of the shipped one (a mirror the seeds do not know). */
  rootPath?: string;
  /** The TUF cache directory (default RUNNER_TEMP/sign-image-tuf). */
  cachePath?: string;
  /** Per-request timeout of the TUF client (default 10 s). */
  timeoutMs?: number;
}

const pending = new Map<string, Promise<Trust>>();

/** The TUF cache of this run. */
export function tufCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'sign-image-tuf');
}

/** The trusted root from TUF, fetched once per run (concurrent callers share one refresh). */
export function publicGoodTrust(source: TufSource = {}): Promise<Trust> {
  const mirrorURL = (source.mirrorURL ?? DEFAULT_MIRROR_URL).replace(/\/+$/, '');
  const cachePath = source.cachePath ?? tufCachePath();
  const key = `${mirrorURL}\n${source.rootPath ?? ''}\n${cachePath}`;
  let trust = pending.get(key);
  if (!trust) {
    trust = fetchRoot(mirrorURL, cachePath, source);
    pending.set(key, trust);
    trust.catch(() => pending.delete(key));
  }
  return trust;
}

async function fetchRoot(mirrorURL: string, cachePath: string, source: TufSource): Promise<Trust> {
  const host = safeHost(mirrorURL);
  try {
    // Loaded only when needed: a run with `trusted-root` never pays for the TUF client.
    const { getTrustedRoot } = await import('@sigstore/tuf');
    const root = await getTrustedRoot({
      mirrorURL,
      rootPath: source.rootPath,
      cachePath,
      // A fresh root every run: the cache only saves the second read within it.
      forceInit: false,
      timeout: source.timeoutMs ?? 10_000,
      retry: { retries: 2 },
    });
    return trustOf(root, `the trusted root from the TUF repository at ${host}`);
  } catch (cause) {
    if (cause instanceof SignImageError) throw cause;
    const code = (cause as { code?: unknown })?.code;
    throw new SignImageError(
      'TRUST_ROOT_UNAVAILABLE',
      `the public-good trusted root could not be read from the TUF repository at ${host}${typeof code === 'string' ? ` (${code})` : ''}`,
      {
        cause,
        hint: 'Re-run the job (see https://status.sigstore.dev), or pass `trusted-root` with a trusted_root.json (e.g. `cosign trusted-root create`, or the TUF target saved by `cosign initialize`); nothing was sent',
      },
    );
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
