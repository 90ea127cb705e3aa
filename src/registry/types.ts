// OCI wire types the registry layer reads and writes. Field order in these interfaces follows
// the specs; byte-exact serialisation is the builders' job (storage/), not this file's.

/** https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md#image-index-property-descriptions */
export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
  features?: string[];
}

/** https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md */
export interface Descriptor {
  mediaType: string;
  size: number;
  digest: string;
  /** base64, as Go writes a []byte (an inlined blob). */
  data?: string;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
}

/** https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** Basic credentials, a refresh token for the token endpoint, or a ready bearer token. */
export type Credentials =
  { username: string; password: string } | { identityToken: string } | { registryToken: string };
