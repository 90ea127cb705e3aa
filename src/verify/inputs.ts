// Pure: the verify action's raw inputs (INPUT_* as the runner passes them) become one typed
// config. Every input error is raised here, before any request: one ::error:: line naming the
// input and the fix.
import { createPublicKey } from 'node:crypto';
import { SignImageError } from '../errors.js';
import {
  oneOf,
  parseAnnotations,
  parseBoolean,
  registryCredentials,
  splitList,
} from '../inputs/parse.js';
import { parseKmsReference, type KmsReference } from '../inputs/kms-reference.js';
import { resolvePredicateKind } from '../payload/attestation.js';
import { resolveTargets, type SignTarget } from '../reference/targets.js';

export const VERIFY_INPUT_NAMES = [
  'image',
  'digest',
  'key',
  'certificate-identity',
  'certificate-identity-regexp',
  'certificate-oidc-issuer',
  'certificate-oidc-issuer-regexp',
  'signature-format',
  'annotations',
  'attestation-type',
  'trusted-root',
  'rekor-url',
  'registry-username',
  'registry-password',
  'summary',
  'ignore-tlog',
] as const;

export type VerifyRawInputs = Record<(typeof VERIFY_INPUT_NAMES)[number], string>;

/** Where signatures are looked for: cosign 2's `.sig` tag, cosign 3's bundle referrers, or both. */
export type LookIn = 'legacy' | 'bundle' | 'any';

/** A string matched exactly, or an RE2-style regexp matched anywhere (as Go's MatchString). */
export type Matcher = { exact: string } | { regexp: RegExp; source: string };

/** Who must have signed: a public key, or a keyless identity and issuer. */
export type SignerPolicy =
  | { mode: 'key'; publicKeyPem: string }
  | { mode: 'key'; kmsKey: KmsReference }
  | { mode: 'keyless'; identity: Matcher; issuer: Matcher };

/** A policy whose key is known (a KMS key's public key read from the KMS). */
export type ResolvedPolicy = Exclude<SignerPolicy, { kmsKey: KmsReference }>;

export interface VerifyConfig {
  targets: SignTarget[];
  policy: SignerPolicy;
  lookIn: LookIn;
  /** undefined: no annotation is required. */
  annotations?: Record<string, string>;
  /** The predicate type URI an attestation must carry, when one is required. */
  attestationType?: { name: string; uri: string };
  trustedRoot?: string;
  rekorUrl: string;
  registryUsername?: string;
  registryPassword?: string;
  summary: boolean;
  ignoreTlog: boolean;
}

/** Reads INPUT_<NAME> for every verify input ('' when absent; the password untrimmed). */
export function readVerifyInputs(env: NodeJS.ProcessEnv = process.env): VerifyRawInputs {
  const raw = {} as VerifyRawInputs;
  for (const name of VERIFY_INPUT_NAMES) {
    const value = env[`INPUT_${name.toUpperCase()}`] ?? '';
    raw[name] = name === 'registry-password' ? value : value.trim();
  }
  return raw;
}

/** The config of a verify run, or INPUT_INVALID naming the input and the fix. */
export function parseVerifyConfig(raw: VerifyRawInputs): VerifyConfig {
  const images = splitList(raw.image);
  if (images.length === 0) {
    throw new SignImageError('INPUT_INVALID', 'The `image` input is empty', {
      hint: 'Set `image` to the repository to verify, e.g. `ghcr.io/acme/app`, and `digest` to the digest deployed (or write `repo@sha256:…`)',
    });
  }
  const { registryUsername, registryPassword } = registryCredentials(raw);
  const attestationType = raw['attestation-type']
    ? { name: raw['attestation-type'], uri: resolvePredicateKind(raw['attestation-type']).uri }
    : undefined;
  return {
    targets: resolveTargets(images, raw.digest || undefined),
    policy: parsePolicy(raw),
    lookIn: oneOf('signature-format', raw['signature-format'] || 'any', [
      'legacy',
      'bundle',
      'any',
    ] as const),
    annotations: parseAnnotations(raw.annotations),
    attestationType,
    trustedRoot: raw['trusted-root'] || undefined,
    rekorUrl: raw['rekor-url'] || 'https://rekor.sigstore.dev',
    registryUsername,
    registryPassword,
    summary: parseBoolean('summary', raw.summary, true),
    ignoreTlog: parseBoolean('ignore-tlog', raw['ignore-tlog'], false),
  };
}

function parsePolicy(raw: VerifyRawInputs): SignerPolicy {
  const key = raw.key;
  const identity = matcher(raw, 'certificate-identity');
  const issuer = matcher(raw, 'certificate-oidc-issuer');
  if (key) {
    if (identity || issuer) {
      throw new SignImageError(
        'INPUT_INVALID',
        'Both `key` and a keyless identity (`certificate-identity…`/`certificate-oidc-issuer…`) were given',
        { hint: 'Verify against one signer: remove `key`, or the certificate inputs' },
      );
    }
    // A KMS-held key, as the signer's `kms-key` names it: its public key is read from the KMS.
    if (/^[a-z0-9]+:\/\//.test(key)) return { mode: 'key', kmsKey: parseKmsReference(key, 'key') };
    if (!key.includes('-----BEGIN PUBLIC KEY-----') || !readablePublicKey(key)) {
      throw new SignImageError('INPUT_INVALID', 'The `key` input is not a public key PEM', {
        hint: 'Pass the contents of cosign.pub (-----BEGIN PUBLIC KEY-----…), e.g. from a secret or the signing step’s `public-key` output',
      });
    }
    return { mode: 'key', publicKeyPem: key };
  }
  if (!identity || !issuer) {
    const missing =
      !identity && !issuer
        ? 'no `key` and no keyless identity'
        : !identity
          ? 'a `certificate-oidc-issuer` but no `certificate-identity`'
          : 'a `certificate-identity` but no `certificate-oidc-issuer`';
    throw new SignImageError(
      'INPUT_INVALID',
      `Nothing says who must have signed: ${missing} was given`,
      {
        hint:
          'Give `key` (the public key PEM), or both `certificate-identity` (or `certificate-identity-regexp`) and `certificate-oidc-issuer` (or `…-regexp`), e.g. ' +
          '`https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/heads/main` and `https://token.actions.githubusercontent.com`',
      },
    );
  }
  return { mode: 'keyless', identity, issuer };
}

// A PEM whose body does not decode into a key would otherwise fail later as an internal error.
function readablePublicKey(pem: string): boolean {
  try {
    createPublicKey(pem);
    return true;
  } catch {
    return false;
  }
}

function matcher(
  raw: VerifyRawInputs,
  name: 'certificate-identity' | 'certificate-oidc-issuer',
): Matcher | undefined {
  const exact = raw[name];
  const pattern = raw[`${name}-regexp`];
  if (exact && pattern) {
    throw new SignImageError(
      'INPUT_INVALID',
      `Both \`${name}\` and \`${name}-regexp\` were given`,
      {
        hint: `Give one of them`,
      },
    );
  }
  if (exact) return { exact };
  if (!pattern) return undefined;
  try {
    // `u`: code points, as RE2 matches UTF-8; unanchored, as cosign's Go regexp MatchString.
    return { regexp: new RegExp(pattern, 'u'), source: pattern };
  } catch {
    throw new SignImageError(
      'INPUT_INVALID',
      `The \`${name}-regexp\` input is not a valid regexp`,
      {
        hint: 'Write an RE2-style regexp; anchor it with ^…$ to match the whole value',
      },
    );
  }
}

/** True when `value` satisfies `m`. */
export function matches(m: Matcher, value: string | undefined): boolean {
  if (value === undefined) return false;
  return 'exact' in m ? m.exact === value : m.regexp.test(value);
}

/** The matcher as the summary shows it. */
export function describeMatcher(m: Matcher): string {
  return 'exact' in m ? m.exact : `~ ${m.source}`;
}
