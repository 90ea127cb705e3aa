// Reads the step's inputs the way the runner passes them (INPUT_<NAME> env vars) into plain
// strings, with the COSIGN_* fallbacks. Pure: it loads nothing heavy, so the entry point can
// start the key derivation before the rest of the action is even loaded.

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
  'force',
  'allow-public-tlog-for-private-repo',
  'attestations',
  'sign',
  'sign-buildkit-attestations',
  'kms-key',
  'trusted-root',
] as const;

/** Inputs that hold secrets: kept byte for byte (a password may start or end with spaces) and masked. */
export const SECRET_INPUTS: readonly (keyof RawInputs)[] = [
  'private-key',
  'password',
  'registry-password',
];
const UNTRIMMED = new Set<string>(SECRET_INPUTS);

/** Reads the inputs from the environment and applies the COSIGN_* fallbacks. */
export function readRawInputs(env: NodeJS.ProcessEnv = process.env): RawInputs {
  const raw = {} as RawInputs;
  for (const name of INPUT_NAMES) {
    const value = env[`INPUT_${name.toUpperCase()}`] ?? '';
    raw[name] = UNTRIMMED.has(name) ? value : value.trim();
  }
  // The contract's defaults for the key: the secrets cosign itself reads.
  if (raw['private-key'] === '' && env.COSIGN_PRIVATE_KEY)
    raw['private-key'] = env.COSIGN_PRIVATE_KEY;
  if (raw['password'] === '' && env.COSIGN_PASSWORD !== undefined)
    raw['password'] = env.COSIGN_PASSWORD;
  return raw;
}
