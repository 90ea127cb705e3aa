// Builds the signer for the chosen mode. Key mode starts the scrypt key derivation at once, so
// that it overlaps with loading code and reading the registry.
import { SignImageError } from '../errors.js';
import type { Config } from '../inputs/parse.js';
import type { PreparedSigner } from './prepared.js';
import type { KmsReference } from '../inputs/kms-reference.js';
import type { KeyObject } from 'node:crypto';
import { loadKeySigner } from './key/key-signer.js';
import { KeylessSigner } from './keyless/keyless-signer.js';
import { githubIdentityProvider } from './keyless/oidc.js';
import { awsKmsClient } from './kms/aws-client.js';
import { loadKmsSigner } from './kms/kms-signer.js';
import { checkCertificate } from '../trust/verify.js';
import type { Trust } from '../trust/trusted-root.js';

/**
 * Starts preparing the signer; the promise settles once it can sign. `earlyKey` is the same key
 * already being decrypted by the entry point (so scrypt runs once, as early as possible).
 */
export function prepareSigner(
  mode: 'key' | 'keyless',
  config: Config,
  earlyKey?: Promise<KeyObject>,
  trustReady?: Promise<Trust | undefined>,
): Promise<PreparedSigner> {
  if (mode === 'keyless') return prepareKeylessSigner(config, process.env, trustReady);
  if (config.kmsKey) return prepareKmsSigner(config.kmsKey);
  return loadKeySigner(config.privateKey ?? '', config.password, earlyKey).then((signer) => {
    // The decrypted key is never printed, so it is not masked either: an `::add-mask::` line
    // would itself be the only place it ever appeared (the runner hides it; other log
    // collectors do not).
    // Rekor's hashedrekord entry and cosign's bundle check both assume SHA-256 (cosign-format §4,
    // §11.3); a P-384/P-521 key signs another digest, so its entry could never verify.
    if (config.tlogUpload && signer.hashAlgorithm !== 'sha256') {
      throw new SignImageError(
        'KEY_ALGORITHM_UNSUPPORTED',
        `A ${signer.algorithm} key signs ${signer.hashAlgorithm} digests, which a Rekor hashedrekord entry for cosign cannot carry`,
        {
          hint: 'Use an ECDSA P-256 key (what `cosign generate-key-pair` makes), or set `tlog-upload: false`',
        },
      );
    }
    return {
      signer,
      identity: { mode: 'key', publicKeyPem: signer.publicKeyPem },
      publicKeyPem: signer.publicKeyPem,
    };
  });
}

/**
 * A KMS key: GetPublicKey (once) and the key checks start at once, overlapping with the registry
 * checks; the summary names the key reference, the `public-key` output is the KMS public key.
 */
function prepareKmsSigner(ref: KmsReference): Promise<PreparedSigner> {
  return loadKmsSigner(ref, awsKmsClient(ref)).then((signer) => ({
    signer,
    identity: { mode: 'key', publicKeyPem: signer.publicKeyPem, keyRef: signer.keyRef },
    publicKeyPem: signer.publicKeyPem,
  }));
}

/**
 * Keyless: fetches the job's OIDC token and the run's Fulcio certificate at once, so both
 * overlap with loading code and reading the registry.
 */
function prepareKeylessSigner(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  trustReady?: Promise<Trust | undefined>,
): Promise<PreparedSigner> {
  const signer = new KeylessSigner({
    fulcioUrl: config.fulcioUrl,
    identityProvider: githubIdentityProvider(env),
    serverUrl: env.GITHUB_SERVER_URL || undefined,
    // Before anything is signed: the chain, the SCT and the identity, against the trusted root.
    checkCertificate: async (certificate) => {
      const trust = await trustReady;
      if (trust)
        checkCertificate(certificate.leafPem, trust, {
          subject: certificate.identity,
          issuer: certificate.issuer,
        });
    },
  });
  return signer.certificate().then((certificate) => ({
    signer,
    identity: {
      mode: 'keyless',
      certificatePem: certificate.leafPem,
      subject: certificate.identity,
      issuer: certificate.issuer,
    },
    publicKeyPem: certificate.leafPem,
    chainFor: (leafPem: string) => signer.chainFor(leafPem),
  }));
}
