// Writes cosign's legacy signature form: one layer per signature in the OCI image tagged
// `sha256-<hex>.sig` beside the signed digest (cosign-format §3). Read-modify-write: every layer
// someone else wrote is kept; ours is appended; the config is recomputed as cosign does.
import type { ManifestResponse, RegistryClient } from '../../registry/client.js';
import { OCI_MANIFEST } from '../../registry/media-types.js';
import type { Descriptor } from './layer.js';
import { mergeSignatureManifest, parseSignatureManifest, signatureTag } from './manifest.js';

/** The `.sig` image as found in the registry: its manifest and config blob. */
export interface ExistingSignatures {
  manifest: ManifestResponse;
  /** The config blob; cosign re-marshals it rather than rebuilding it (it differs for skopeo's). */
  config: Buffer;
}

export interface LegacyWriteResult {
  /** `<repository>:sha256-<hex>.sig`, what `cosign triangulate` prints. */
  signatureRef: string;
  /** false when an identical layer was already there (nothing appended). */
  added: boolean;
}

/** The `.sig` store of one repository. */
export class LegacyStore {
  constructor(
    private readonly client: RegistryClient,
    private readonly repositoryName: string,
  ) {}

  /** The current `.sig` image of `digest`, or undefined when it has none yet (404). */
  async read(digest: string): Promise<ExistingSignatures | undefined> {
    const manifest = await this.client.getManifest(signatureTag(digest));
    if (!manifest) return undefined;
    const config = await this.client.getBlob(parseSignatureManifest(manifest.bytes).config.digest);
    return { manifest, config };
  }

  /** Appends `layer` (whose blob is `payload`) to the `.sig` of `digest` as read in `existing`. */
  async write(
    digest: string,
    layer: Descriptor,
    payload: Buffer,
    existing: ExistingSignatures | undefined,
  ): Promise<LegacyWriteResult> {
    const tag = signatureTag(digest);
    const signatureRef = `${this.repositoryName}:${tag}`;
    const merged = mergeSignatureManifest(existing?.manifest.bytes, layer, existing?.config);
    if (!merged.added) return { signatureRef, added: false };
    // Blobs first: a registry refuses a manifest whose blobs it does not have.
    await Promise.all([this.client.uploadBlob(payload), this.client.uploadBlob(merged.config)]);
    // A manifest without a `mediaType` field keeps the Content-Type the registry served it with.
    const mediaType = parseSignatureManifest(merged.manifest).mediaType ?? existing?.manifest.mediaType ?? OCI_MANIFEST;
    await this.client.putManifest(tag, merged.manifest, mediaType, { ifMatch: existing?.manifest.etag });
    return { signatureRef, added: true };
  }
}
