// Pure: the raw input strings become one typed Config. Every input error is raised here, before
// any key is decrypted or any network call is made.
import { SignImageError } from '../errors.js';
import { parseAttestationsInput, type AttestationRequest } from './attestations.js';
import type { RawInputs } from './read.js';
import { parseKmsReference, type KmsReference } from './kms-reference.js';
import { isLoopbackRegistry } from '../util/loopback.js';

export type SigningMode = 'key' | 'keyless' | 'auto';
export type SignatureFormatChoice = 'legacy' | 'bundle' | 'both';

export interface Config {
  images: string[];
  digest?: string;
  signingMode: SigningMode;
  privateKey?: string;
  password: string;
  signatureFormat: SignatureFormatChoice;
  recursive: boolean;
  /** undefined when no annotations were given: cosign then writes `"optional":null`. */
  annotations?: Record<string, string>;
  tlogUpload: boolean;
  rekorUrl: string;
  fulcioUrl: string;
  tsaUrl?: string;
  upload: boolean;
  registryUsername?: string;
  registryPassword?: string;
  summary: boolean;
  /** Sign again even when the digest already carries this key's signature (idempotency off). */
  force: boolean;
  /** Sign into the public Sigstore logs even from a private repository (inputs/privacy.ts). */
  allowPublicTlogForPrivateRepo: boolean;
  /** `attestations` TYPE=FILE lines, files not read yet (inputs/attestations.ts). */
  attestations: AttestationRequest[];
  /** `sign`: also sign the image itself (false: attest only). */
  sign: boolean;
  /** `sign-buildkit-attestations`: also sign the BuildKit attestation manifests an index lists. */
  signBuildkitAttestations: boolean;
  /** `kms-key`: a key held in a KMS (implies key mode; the private key never leaves the KMS). */
  kmsKey?: KmsReference;
  /** `trusted-root`: path of a Sigstore trusted_root.json; undefined for the public-good root. */
  trustedRoot?: string;
}

export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';

/** Turns the raw inputs into a Config, or throws INPUT_INVALID naming the input and the fix. */
export function parseConfig(raw: RawInputs): Config {
  const images = splitList(raw.image);
  if (images.length === 0) {
    throw new SignImageError('INPUT_INVALID', 'The `image` input is empty', {
      hint: "Set `image` to the pushed repository, e.g. `ghcr.io/acme/app`, and `digest` to the build step's `digest` output",
    });
  }
  const { registryUsername, registryPassword } = registryCredentials(raw);
  const kmsKey = raw['kms-key'] ? parseKmsReference(raw['kms-key']) : undefined;
  if (kmsKey && raw['private-key'].trim()) {
    throw new SignImageError(
      'INPUT_INVALID',
      'Both `kms-key` and a private key (`private-key` or COSIGN_PRIVATE_KEY) were given',
      { hint: 'Give one key: remove `kms-key`, or the private key' },
    );
  }
  return {
    images,
    digest: raw.digest || undefined,
    signingMode: oneOf('signing-mode', raw['signing-mode'] || 'auto', [
      'key',
      'keyless',
      'auto',
    ] as const),
    privateKey: raw['private-key'].trim() ? raw['private-key'] : undefined,
    password: raw.password,
    signatureFormat: oneOf('signature-format', raw['signature-format'] || 'legacy', [
      'legacy',
      'bundle',
      'both',
    ] as const),
    recursive: parseBoolean('recursive', raw.recursive, false),
    annotations: parseAnnotations(raw.annotations),
    tlogUpload: parseBoolean('tlog-upload', raw['tlog-upload'], true),
    rekorUrl: parseUrl('rekor-url', raw['rekor-url'] || DEFAULT_REKOR_URL),
    fulcioUrl: parseUrl('fulcio-url', raw['fulcio-url'] || DEFAULT_FULCIO_URL),
    tsaUrl: raw['tsa-url'] ? parseUrl('tsa-url', raw['tsa-url']) : undefined,
    upload: parseBoolean('upload', raw.upload, true),
    registryUsername,
    registryPassword,
    summary: parseBoolean('summary', raw.summary, true),
    force: parseBoolean('force', raw.force, false),
    allowPublicTlogForPrivateRepo: parseBoolean(
      'allow-public-tlog-for-private-repo',
      raw['allow-public-tlog-for-private-repo'],
      false,
    ),
    attestations: parseAttestationsInput(raw.attestations ?? ''),
    sign: parseSign(raw.sign ?? '', raw.attestations ?? ''),
    signBuildkitAttestations: parseBoolean(
      'sign-buildkit-attestations',
      raw['sign-buildkit-attestations'] ?? '',
      false,
    ),
    ...(kmsKey ? { kmsKey } : {}),
    trustedRoot: raw['trusted-root'] ? raw['trusted-root'] : undefined,
  };
}

// `sign: false` alone would do nothing at all: say so rather than succeed silently.
function parseSign(value: string, attestations: string): boolean {
  const sign = parseBoolean('sign', value, true);
  if (!sign && attestations.trim() === '') {
    throw new SignImageError('INPUT_INVALID', '`sign` is false and no `attestations` are given', {
      hint: 'Set `attestations` (TYPE=FILE lines) to attest without signing, or leave `sign` at true',
    });
  }
  return sign;
}

/** `registry-username` and `registry-password`: both or neither (INPUT_INVALID otherwise). */
export function registryCredentials(raw: {
  'registry-username': string;
  'registry-password': string;
}): { registryUsername?: string; registryPassword?: string } {
  const registryUsername = raw['registry-username'] || undefined;
  const registryPassword = raw['registry-password'] || undefined;
  if (Boolean(registryUsername) !== Boolean(registryPassword)) {
    throw new SignImageError(
      'INPUT_INVALID',
      '`registry-username` and `registry-password` must be set together',
      { hint: 'Give both, or neither to use the Docker config written by docker/login-action' },
    );
  }
  return { registryUsername, registryPassword };
}

/** Splits a newline- or comma-separated list, trimming entries and dropping empty ones. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Parses `key=value` lines (split at the first `=`) into a map; '' gives undefined. */
export function parseAnnotations(text: string): Record<string, string> | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return undefined;
  const annotations: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new SignImageError(
        'INPUT_INVALID',
        `The \`annotations\` line "${line}" is not a key=value pair`,
        {
          hint: 'Write one `key=value` per line, e.g. `commit=${{ github.sha }}`',
        },
      );
    }
    const key = line.slice(0, eq).trim();
    if (key in annotations) {
      throw new SignImageError('INPUT_INVALID', `The annotation key "${key}" is given twice`, {
        hint: 'Give each annotation key once',
      });
    }
    annotations[key] = line.slice(eq + 1).trim();
  }
  return annotations;
}

// The YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new SignImageError('INPUT_INVALID', `The \`${name}\` input is "${value}", not a boolean`, {
    hint: `Set \`${name}\` to true or false`,
  });
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new SignImageError('INPUT_INVALID', `The \`${name}\` input is "${value}"`, {
    hint: `Use one of: ${allowed.join(', ')}`,
  });
}

function parseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SignImageError('INPUT_INVALID', `The \`${name}\` input "${value}" is not a URL`, {
      hint: 'Give an absolute http(s) URL such as https://rekor.sigstore.dev',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SignImageError('INPUT_INVALID', `The \`${name}\` input must be an http(s) URL`, {
      hint: 'Give an absolute http(s) URL such as https://rekor.sigstore.dev',
    });
  }
  if (url.username || url.password) {
    // Never echo the value: it carries credentials.
    throw new SignImageError('INPUT_INVALID', `The \`${name}\` input must not carry credentials`, {
      hint: 'Remove the user:password part of the URL',
    });
  }
  // The OIDC token goes to Fulcio and every signature to Rekor and the TSA: never in clear
  // across a network. Plain HTTP only on this machine, the rule registries follow.
  if (url.protocol === 'http:' && !isLoopbackRegistry(url.host)) {
    throw new SignImageError(
      'INPUT_INVALID',
      `The \`${name}\` input is a plain http:// URL on ${url.host}, which is not this machine`,
      {
        hint: `Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}; plain HTTP is accepted only on loopback (localhost, 127.0.0.0/8, [::1]). Nothing was sent`,
      },
    );
  }
  return value.replace(/\/+$/, '');
}
