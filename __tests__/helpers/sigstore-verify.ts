// @sigstore/verify (the sigstore-js maintainers' verifier) run on a bundle the action wrote, with
// only the bed's trusted_root.json as trust: the Rekor entry (SET and inclusion proof), the
// signature, the signing key or Fulcio certificate, and the timestamps. Runs in-process: Jest
// runs on Node 24 (node_modules/.bin/node), where the sigstore-js packages load.
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SigstoreVerifyOptions {
  trustedRootPath: string;
  /** Key mode: the public key PEM (found by the bundle's key hint). */
  publicKeyPem?: string;
  /** Keyless: the certificate identity (SAN) and issuer that must match. */
  identity?: string;
  issuer?: string;
  /** Message-signature bundles sign an artifact that is not inside the bundle. */
  artifact?: Buffer;
  /** How many verified times are required: the Rekor entry counts one, each TSA token one. */
  timestamps?: number;
  /** Require a Rekor entry (default true); false for `tlog-upload: false` bundles. */
  tlog?: boolean;
}

/** Verifies `json` (a serialized bundle); throws @sigstore/verify's error when it fails. */
export function sigstoreVerify(json: unknown, opts: SigstoreVerifyOptions): Bundle {
  const bundle = bundleFromJSON(json);
  const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(opts.trustedRootPath, 'utf8')));
  const keys: Record<string, { rawBytes: Buffer; keyDetails: PublicKeyDetails }> = {};
  if (opts.publicKeyPem) {
    const spki = createPublicKey(opts.publicKeyPem).export({ type: 'spki', format: 'der' });
    keys[createHash('sha256').update(spki).digest('base64')] = {
      rawBytes: spki,
      keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
    };
  }
  const verifier = new Verifier(toTrustMaterial(root, keys), {
    tlogThreshold: opts.tlog === false ? 0 : 1,
    ctlogThreshold: opts.publicKeyPem ? 0 : 1,
    timestampThreshold: opts.timestamps ?? 1,
  });
  verifier.verify(
    toSignedEntity(bundle, opts.artifact),
    opts.identity
      ? { subjectAlternativeName: opts.identity, extensions: { issuer: opts.issuer } }
      : undefined,
  );
  return bundle;
}
