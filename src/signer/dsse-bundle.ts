// @sigstore/sign's DSSEBundleBuilder signs the PAE of the payload and packs a v0.3 bundle (a
// single leaf certificate or a public key hint), which is what cosign v3 writes. One difference
// is closed here: the library copies the public key hint into the envelope signature's `keyid`;
// cosign (sigstore-go) leaves `keyid` empty (seen in its bundles on the test bed). The keyid is
// not signed, but Rekor hashes the envelope with it, so the envelope is made exactly as cosign
// makes it, and readers that match keyids against their own key IDs meet what they expect.
// Signing and witnessing stay the library's.
import type { BundleWithDsseEnvelope } from '@sigstore/bundle';
import { DSSEBundleBuilder, type Artifact, type Signature } from '@sigstore/sign';

/** Signs an artifact as a DSSE envelope and returns a Sigstore bundle v0.3 as cosign v3 makes it. */
export class DSSEV03BundleBuilder extends DSSEBundleBuilder {
  protected override async package(
    artifact: Artifact,
    signature: Signature,
  ): Promise<BundleWithDsseEnvelope> {
    const bundle = await super.package(artifact, signature);
    for (const s of bundle.content.dsseEnvelope.signatures) s.keyid = '';
    return bundle;
  }
}
