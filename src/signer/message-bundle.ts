// @sigstore/sign's MessageSignatureBundleBuilder packs a v0.2 bundle (certificate *chain*); cosign
// v3 and current verifiers expect v0.3 (a single leaf certificate or a public key). The library
// exposes the packing step as a protected method and @sigstore/bundle builds v0.3 when asked, so
// only that step is replaced here: signing and witnessing stay the library's.
import { toMessageSignatureBundle, type BundleWithMessageSignature } from '@sigstore/bundle';
import { MessageSignatureBundleBuilder, type Artifact, type Signature } from '@sigstore/sign';
import { createHash, X509Certificate } from 'node:crypto';

/** Signs a message and returns a Sigstore bundle v0.3 (`application/vnd.dev.sigstore.bundle.v0.3+json`). */
export class MessageSignatureV03BundleBuilder extends MessageSignatureBundleBuilder {
  protected override async package(
    artifact: Artifact,
    signature: Signature,
  ): Promise<BundleWithMessageSignature> {
    const key = signature.key;
    return toMessageSignatureBundle({
      digest: createHash('sha256').update(artifact.data).digest(),
      signature: signature.signature,
      certificate:
        key.$case === 'x509Certificate'
          ? Buffer.from(new X509Certificate(key.certificate).raw)
          : undefined,
      keyHint: key.$case === 'publicKey' ? key.hint : undefined,
      certificateChain: false,
    });
  }
}
