// Which trust a run needs, and where it comes from. Decided from the inputs alone, before any
// token is requested or anything is sent: a private Rekor, Fulcio or TSA is trusted only with a
// `trusted-root` naming its keys; the public-good instance defaults to the public-good root.
import { resolve } from 'node:path';
import { SignImageError } from '../errors.js';
import type { Config } from '../inputs/parse.js';
import { readTrustedRootFile, type Trust } from './trusted-root.js';
import { publicGoodTrust, tufCachePath, type TufSource } from './tuf.js';

/** The public-good services (what the public-good trusted root names). */
export const PUBLIC_GOOD = {
  rekor: 'https://rekor.sigstore.dev',
  fulcio: 'https://fulcio.sigstore.dev',
  tsa: 'https://timestamp.sigstore.dev/api/v1/timestamp',
} as const;

/** The services a run relies on whose answers must be checked against a trusted root. */
export interface TrustNeeds {
  rekor: boolean;
  fulcio: boolean;
  tsa: boolean;
}

type TrustConfig = Pick<Config, 'tlogUpload' | 'rekorUrl' | 'fulcioUrl' | 'tsaUrl' | 'trustedRoot'>;

/** What the run will ask, given the inputs and the signing mode. */
export function trustNeeds(config: TrustConfig, mode: 'key' | 'keyless'): TrustNeeds {
  return { rekor: config.tlogUpload, fulcio: mode === 'keyless', tsa: Boolean(config.tsaUrl) };
}

/** True when nothing the run asks needs a trusted root (a key, no log, no TSA). */
export function needsNothing(needs: TrustNeeds): boolean {
  return !needs.rekor && !needs.fulcio && !needs.tsa;
}

function same(url: string, publicUrl: string): boolean {
  return url.replace(/\/+$/, '').toLowerCase() === publicUrl;
}

/** The private services the run uses (by input name), for TRUST_ROOT_MISSING. */
export function privateServices(config: TrustConfig, needs: TrustNeeds): string[] {
  const out: string[] = [];
  if (needs.rekor && !same(config.rekorUrl, PUBLIC_GOOD.rekor))
    out.push(`rekor-url ${config.rekorUrl}`);
  if (needs.fulcio && !same(config.fulcioUrl, PUBLIC_GOOD.fulcio))
    out.push(`fulcio-url ${config.fulcioUrl}`);
  if (needs.tsa && config.tsaUrl && !same(config.tsaUrl, PUBLIC_GOOD.tsa))
    out.push(`tsa-url ${config.tsaUrl}`);
  return out;
}

/**
 * Throws TRUST_ROOT_MISSING when a private service is used without `trusted-root`. Called right
 * after the inputs are parsed: nothing has been requested yet.
 */
export function requireTrustInputs(config: TrustConfig, mode: 'key' | 'keyless'): void {
  if (config.trustedRoot) return;
  const named = privateServices(config, trustNeeds(config, mode));
  if (named.length === 0) return;
  throw new SignImageError(
    'TRUST_ROOT_MISSING',
    `A private Sigstore instance is used (${named.join(', ')}) but no \`trusted-root\` names its keys`,
    {
      hint:
        'Make a trusted_root.json for it, e.g. `cosign trusted-root create --fulcio="url=https://fulcio.example,certificate-chain=fulcio-chain.pem" ' +
        '--ctfe="url=https://ctfe.example,public-key=ctfe.pub" --rekor="url=https://rekor.example,public-key=rekor.pub" ' +
        '--tsa="url=https://tsa.example/api/v1/timestamp,certificate-chain=tsa-chain.pem" --out trusted_root.json`, commit it, ' +
        'and pass its path as `trusted-root`; the action never trusts a key a service hands out itself. Nothing was sent',
    },
  );
}

/**
 * The trust this run checks against: the `trusted-root` file, else the public-good root from
 * TUF; undefined when the run asks nothing that needs one. Call requireTrustInputs first.
 */
export async function loadTrust(
  config: TrustConfig,
  mode: 'key' | 'keyless',
  env: NodeJS.ProcessEnv = process.env,
  tuf: TufSource = {},
): Promise<Trust | undefined> {
  // Relative to the workspace, as every file input of an action is.
  if (config.trustedRoot)
    return covering(
      readTrustedRootFile(resolve(env.GITHUB_WORKSPACE || process.cwd(), config.trustedRoot)),
      trustNeeds(config, mode),
    );
  if (needsNothing(trustNeeds(config, mode))) return undefined;
  return publicGoodTrust({ cachePath: tufCachePath(env), ...tuf });
}

// A root that names no service of a kind the run uses can only fail later, after a token was
// spent or an entry logged: say so now.
function covering(trust: Trust, needs: TrustNeeds): Trust {
  const missing = [
    needs.rekor && trust.root.tlogs.length === 0 && 'transparency log (tlogs)',
    needs.fulcio && trust.root.certificateAuthorities.length === 0 && 'certificate authority',
    needs.fulcio && trust.root.ctlogs.length === 0 && 'CT log (ctlogs)',
    needs.tsa && trust.root.timestampAuthorities.length === 0 && 'timestamp authority',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length === 0) return trust;
  throw new SignImageError(
    'TRUST_ROOT_INVALID',
    `${trust.source} names no ${missing.join(', no ')}, which this run uses`,
    {
      hint: 'Add the missing service to the trusted root (`cosign trusted-root create --rekor=… --fulcio=… --ctfe=… --tsa=…`), or stop using it; nothing was sent',
    },
  );
}
