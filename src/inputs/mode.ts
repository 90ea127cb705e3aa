// Pure: which signing mode this run uses. `auto` picks the key when one is given, else keyless
// when the job can mint an OIDC token (permissions: id-token: write), else explains both ways.
import { SignImageError } from '../errors.js';
import type { Config } from './parse.js';

/** Resolves `signing-mode` to `key` or `keyless`, or throws with the setup the user lacks. */
export function selectSigningMode(
  config: Pick<Config, 'signingMode' | 'privateKey' | 'kmsKey'>,
  env: NodeJS.ProcessEnv,
): 'key' | 'keyless' {
  const hasToken = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  // A KMS key is a key: it implies key mode and cannot be combined with keyless.
  if (config.kmsKey) {
    if (config.signingMode === 'keyless') {
      throw new SignImageError(
        'INPUT_INVALID',
        '`signing-mode: keyless` was set together with `kms-key`',
        { hint: 'Remove `kms-key` to sign keylessly, or set `signing-mode` to key or auto' },
      );
    }
    return 'key';
  }
  switch (config.signingMode) {
    case 'key':
      if (!config.privateKey) {
        throw new SignImageError(
          'KEY_MISSING',
          '`signing-mode: key` needs a private key, and none was given',
          {
            hint: 'Set the `COSIGN_PRIVATE_KEY` and `COSIGN_PASSWORD` secrets (or the `private-key` and `password` inputs), or use `signing-mode: keyless`',
          },
        );
      }
      return 'key';
    case 'keyless':
      if (!hasToken)
        throw noTokenError(
          "`signing-mode: keyless` needs the job's OIDC token, and this job cannot request one",
        );
      return 'keyless';
    case 'auto':
      if (config.privateKey) return 'key';
      if (hasToken) return 'keyless';
      throw noTokenError(
        'No private key was given and this job cannot request an OIDC token, so there is nothing to sign with',
      );
  }
}

function noTokenError(message: string): SignImageError {
  return new SignImageError('SIGNING_MODE_UNAVAILABLE', message, {
    hint: 'Add `permissions: id-token: write` to the job for keyless signing, or set the `COSIGN_PRIVATE_KEY` and `COSIGN_PASSWORD` secrets for key signing',
  });
}
