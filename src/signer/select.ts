// Builds the signer for the chosen mode. Key mode starts the scrypt key derivation at once, so
// that it overlaps with loading code and reading the registry.
import { SignImageError } from '../errors.js';
import type { Config } from '../inputs/parse.js';
import type { PreparedSigner } from '../main.js';
import { loadKeySigner } from './key/key-signer.js';

/** Starts preparing the signer; the promise settles once it can sign. */
export function prepareSigner(mode: 'key' | 'keyless', config: Config): Promise<PreparedSigner> {
  if (mode === 'keyless') {
    return Promise.reject(
      new SignImageError('SIGNING_MODE_UNAVAILABLE', 'Keyless signing is not available in this version of the action', {
        hint: 'Use `signing-mode: key` with the `COSIGN_PRIVATE_KEY` and `COSIGN_PASSWORD` secrets',
      }),
    );
  }
  return loadKeySigner(config.privateKey ?? '', config.password).then((signer) => {
    // Rekor's hashedrekord entry and cosign's bundle check both assume SHA-256 (cosign-format §4,
    // §11.3); a P-384/P-521 key signs another digest, so its entry could never verify.
    if (config.tlogUpload && signer.hashAlgorithm !== 'sha256') {
      throw new SignImageError('KEY_ALGORITHM_UNSUPPORTED', `A ${signer.algorithm} key signs ${signer.hashAlgorithm} digests, which a Rekor hashedrekord entry for cosign cannot carry`, {
        hint: 'Use an ECDSA P-256 key (what `cosign generate-key-pair` makes), or set `tlog-upload: false`',
      });
    }
    return { signer, identity: { mode: 'key', publicKeyPem: signer.publicKeyPem }, publicKeyPem: signer.publicKeyPem };
  });
}
