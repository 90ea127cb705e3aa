// The two bundle builders: sign an artifact with the run's signer, ask each witness (Rekor, a
// TSA) to testify, and pack a Sigstore bundle v0.3 as cosign v3 makes it.
//
// Why not @sigstore/sign's MessageSignatureBundleBuilder and DSSEBundleBuilder: their part is the
// few lines of BaseBundleBuilder.create (sign, package, ask the witnesses, merge what they return),
// and both had to be subclassed anyway (they pack v0.2 with a certificate chain, and put the key
// hint in the envelope's keyid). Importing them loads @sigstore/sign's index, and with it its
// whole HTTP stack (make-fetch-happen, proxy and socks agents, iconv-lite, semver: a 1.2 MB chunk
// of dist/) although the signer, the witnesses and the Fulcio client are ours: measured, compiling
// and evaluating it took ~120 ms of the main thread while scrypt ran, and lengthened the GC that
// follows. The packing itself stays @sigstore/bundle's and the PAE @sigstore/core's;
// __tests__/signer/bundle-builders.test.ts pins the bundles to @sigstore/sign's, field for field.
import {
  toDSSEBundle,
  toMessageSignatureBundle,
  type Bundle,
  type BundleWithDsseEnvelope,
  type BundleWithMessageSignature,
} from '@sigstore/bundle';
import { crypto, dsse, pem } from '@sigstore/core';
import type { Signature, Signer, Witness } from '@sigstore/sign';

/** What is signed: the bytes and, for DSSE, their payload type. */
export interface Artifact {
  data: Buffer;
  type?: string;
}

export interface BuilderOptions {
  signer: Signer;
  witnesses: Witness[];
}

/** Signs the bytes themselves: the legacy `.sig` signature, as cosign signs its payload. */
export class MessageSignatureV03BundleBuilder {
  constructor(private readonly options: BuilderOptions) {}

  async create(artifact: Artifact): Promise<BundleWithMessageSignature> {
    const signature = await this.options.signer.sign(artifact.data);
    const bundle = toMessageSignatureBundle({
      digest: crypto.digest('sha256', artifact.data),
      signature: signature.signature,
      ...keyMaterial(signature),
      certificateChain: false,
    });
    return witnessed(bundle, signature, this.options.witnesses);
  }
}

/** Signs the PAE of the bytes and wraps them in a DSSE envelope, as cosign v3 does. */
export class DSSEV03BundleBuilder {
  constructor(private readonly options: BuilderOptions) {}

  async create(artifact: Artifact): Promise<BundleWithDsseEnvelope> {
    const type = artifact.type ?? '';
    const signature = await this.options.signer.sign(dsse.preAuthEncoding(type, artifact.data));
    const bundle = toDSSEBundle({
      artifact: artifact.data,
      artifactType: type,
      signature: signature.signature,
      ...keyMaterial(signature),
      certificateChain: false,
    });
    // cosign (sigstore-go) leaves the envelope signature's keyid empty where @sigstore/bundle
    // copies the key hint. The keyid is not signed, but Rekor hashes the envelope with it, so
    // the envelope is made as cosign makes it.
    for (const s of bundle.content.dsseEnvelope.signatures) s.keyid = '';
    return witnessed(bundle, signature, this.options.witnesses);
  }
}

/** The leaf certificate (DER) or the public key hint that the bundle's material names. */
function keyMaterial(signature: Signature): { certificate?: Buffer; keyHint?: string } {
  const key = signature.key;
  return key.$case === 'x509Certificate'
    ? { certificate: pem.toDER(key.certificate) }
    : { keyHint: key.hint };
}

/** Asks every witness at once and puts what they return into the bundle's material. */
async function witnessed<B extends Bundle>(
  bundle: B,
  signature: Signature,
  witnesses: readonly Witness[],
): Promise<B> {
  const key =
    signature.key.$case === 'publicKey' ? signature.key.publicKey : signature.key.certificate;
  const testimonies = await Promise.all(witnesses.map((w) => w.testify(bundle.content, key)));
  bundle.verificationMaterial.tlogEntries = testimonies.flatMap((t) => t.tlogEntries ?? []);
  bundle.verificationMaterial.timestampVerificationData = {
    rfc3161Timestamps: testimonies.flatMap((t) => t.rfc3161Timestamps ?? []),
  };
  return bundle;
}
