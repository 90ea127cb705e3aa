// Media types the registry layer sends and recognises. One place, so Accept headers, manifest
// builders and tests all agree on the exact strings.

/** https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md */
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
/** The `{}` blob: https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md#guidance-for-an-empty-descriptor */
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
/** sha256 of the two bytes `{}`, the digest every OCI_EMPTY descriptor carries. */
export const OCI_EMPTY_DIGEST =
  'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md */
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md#manifest-list */
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md#image-manifest-field-descriptions */
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';

/** Layer of a legacy `.sig` manifest: https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md */
export const COSIGN_SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** Layer and artifactType of a bundle referrer: https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md */
/** Layer of a legacy `.att` manifest: the DSSE envelope (cosign types.DssePayloadType). */
export const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
export const SIGSTORE_BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/**
 * Accept header for manifest reads. Every type must be listed: distribution 2.8 answers
 * 404 MANIFEST_UNKNOWN for an OCI manifest or index, even by digest, unless Accept names it.
 */
export const MANIFEST_ACCEPT = [
  OCI_MANIFEST,
  OCI_INDEX,
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
].join(', ');
