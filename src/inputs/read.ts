// Reads the step's inputs the way the runner passes them (INPUT_<NAME> env vars) into plain
// strings, with the COSIGN_* fallbacks, and masks every secret before anything else can log it.
import * as core from '@actions/core';

/** Every input as the raw string the user wrote ('' when absent). Keys are the contract's names. */
export type RawInputs = Record<(typeof INPUT_NAMES)[number], string>;

export const INPUT_NAMES = [
  'image',
  'digest',
  'signing-mode',
  'private-key',
  'password',
  'signature-format',
  'recursive',
  'annotations',
  'tlog-upload',
  'rekor-url',
  'fulcio-url',
  'tsa-url',
  'upload',
  'registry-username',
  'registry-password',
  'summary',
] as const;

// Secrets keep their exact bytes: a password may legitimately start or end with spaces.
const UNTRIMMED = new Set<string>(['private-key', 'password', 'registry-password']);

/** Reads the inputs from the environment, masks secrets with core.setSecret, applies env fallbacks. */
export function readRawInputs(env: NodeJS.ProcessEnv = process.env): RawInputs {
  const raw = {} as RawInputs;
  for (const name of INPUT_NAMES) {
    const value = env[`INPUT_${name.toUpperCase()}`] ?? '';
    raw[name] = UNTRIMMED.has(name) ? value : value.trim();
  }
  // The contract's defaults for the key: the secrets cosign itself reads.
  if (raw['private-key'] === '' && env.COSIGN_PRIVATE_KEY) raw['private-key'] = env.COSIGN_PRIVATE_KEY;
  if (raw['password'] === '' && env.COSIGN_PASSWORD !== undefined) raw['password'] = env.COSIGN_PASSWORD;
  for (const name of UNTRIMMED) maskSecret(raw[name as keyof RawInputs]);
  return raw;
}

/** Masks a secret and each of its lines (the runner masks line by line, so a PEM needs both). */
export function maskSecret(secret: string | undefined): void {
  if (!secret) return;
  core.setSecret(secret);
  for (const line of secret.split(/\r?\n/)) {
    // Masking a very short or structural line (`-----END …-----`) would only garble the log.
    if (line.trim().length >= 8 && !line.startsWith('-----')) core.setSecret(line.trim());
  }
}
