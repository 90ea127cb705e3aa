// The `.sig` image: a manifest with one layer per signature and an image config that lists them
// (cosign-format §3). Appending is what cosign does through ggcr's mutate.Append, byte for byte:
// existing layers kept in order, ours last, the config re-marshalled with one diff_id and one
// history entry more. https://github.com/google/go-containerregistry/blob/main/pkg/v1/mutate/image.go
import { sha256Digest } from '../../registry/names.js';
import { SignImageError } from '../../errors.js';
import { goInt, goString, goStringMap, goStruct } from '../../payload/go-json.js';
import { parseDigest } from '../../reference/parse.js';
import {
  appendToImageConfig,
  EMPTY_IMAGE_CONFIG,
  isImageConfigMediaType,
} from '../../payload/image-config.js';
import { DOCKER_MANIFEST, OCI_CONFIG, OCI_MANIFEST } from '../../registry/media-types.js';
import { descriptorJson, parseDescriptor, parseStringMap, type Descriptor } from './layer.js';
import { isObject, SHA256_DIGEST } from '../../util/encoding.js';

/** cosign readers refuse a `.sig` with more layers than this (`maxLayers` in pkg/oci). */
export const MAX_SIGNATURE_LAYERS = 1000;

/** ggcr v1.Manifest, as far as a `.sig` image uses it. */
export interface SignatureManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
  subject?: Descriptor;
  artifactType?: string;
}

/** Result of adding one layer: the bytes to upload and PUT. */
export interface MergedSignatureManifest {
  /** Manifest bytes; when `added` is false, the existing bytes unchanged (nothing to write). */
  manifest: Buffer;
  /** Config blob bytes; `configDigest` is always their sha256. */
  config: Buffer;
  configDigest: string;
  added: boolean;
}

/** The tag that holds the signatures of `digest`: `sha256-<hex>.sig` (cosign `normalize`). */
export function signatureTag(digest: string): string {
  return `${parseDigest(digest).replace(':', '-')}.sig`;
}

/**
 * Appends `layer` to the `.sig` manifest `existing` (undefined: none yet). Pass the existing
 * config blob as `existingConfig` to get exactly what cosign would write; without it the config
 * is rebuilt from the layers as cosign builds a fresh one, which differs for `.sig` images made
 * by skopeo (no `created`/`history`) or with --record-creation-timestamp.
 */
export function mergeSignatureManifest(
  existing: Buffer | undefined,
  layer: Descriptor,
  existingConfig?: Buffer,
): MergedSignatureManifest {
  const base = existing === undefined ? emptySignatureManifest() : parseSignatureManifest(existing);
  if (!SHA256_DIGEST.test(layer.digest) || !Number.isSafeInteger(layer.size)) {
    throw new SignImageError('INTERNAL', 'the new signature layer has no valid digest and size');
  }
  const ours: Descriptor = { ...layer };
  if (!isImageConfigMediaType(base.config.mediaType)) {
    throw invalid(
      `its config has media type "${base.config.mediaType}", not an image config as cosign and skopeo write`,
    );
  }
  const configFor = (layers: Descriptor[]): Buffer =>
    existingConfig !== undefined && existing !== undefined
      ? appendToImageConfig(
          existingConfig,
          layers.slice(base.layers.length).map((l) => l.digest),
        )
      : appendToImageConfig(
          EMPTY_IMAGE_CONFIG,
          layers.map((l) => l.digest),
        );

  if (existing !== undefined && base.layers.some((l) => sameLayer(l, ours))) {
    const config = existingConfig ?? configFor(base.layers);
    return { manifest: existing, config, configDigest: sha256Digest(config), added: false };
  }
  if (base.layers.length + 1 > MAX_SIGNATURE_LAYERS) {
    throw new SignImageError(
      'SIGNATURE_LIMIT_EXCEEDED',
      `the .sig image already holds ${base.layers.length} signatures; one more would exceed the ${MAX_SIGNATURE_LAYERS} that cosign reads`,
      {
        hint: 'Delete the `sha256-<hex>.sig` tag (or old signatures in it) and sign again; cosign refuses to verify beyond that',
      },
    );
  }
  const layers = [...base.layers, ours];
  const config = configFor(layers);
  const configDigest = sha256Digest(config);
  const configDescriptor: Descriptor = {
    ...base.config,
    size: config.length,
    digest: configDigest,
  };
  // ggcr refreshes an inlined config, and its mutate.Append drops `subject` (image.compute sets it
  // from the mutation, which has none); matching cosign means doing the same.
  if (configDescriptor.data !== undefined) configDescriptor.data = config.toString('base64');
  const manifest = serializeSignatureManifest({
    ...base,
    config: configDescriptor,
    layers,
    subject: undefined,
  });
  return { manifest, config, configDigest, added: true };
}

/** A `.sig` manifest with no layers, as cosign's empty.Signatures() (OCI media types). */
export function emptySignatureManifest(): SignatureManifest {
  const config = appendToImageConfig(EMPTY_IMAGE_CONFIG, []);
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, size: config.length, digest: sha256Digest(config) },
    layers: [],
  };
}

/** Reads a stored `.sig` manifest (OCI or Docker schema 2); SIGNATURE_MANIFEST_INVALID otherwise. */
export function parseSignatureManifest(bytes: Buffer): SignatureManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw invalid('it is not UTF-8 JSON', cause);
  }
  if (!isObject(doc)) throw invalid('it is not a JSON object');
  const { schemaVersion, mediaType, config, layers, annotations, subject, artifactType } = doc;
  if (mediaType !== undefined && mediaType !== OCI_MANIFEST && mediaType !== DOCKER_MANIFEST) {
    throw invalid(`it has media type ${JSON.stringify(mediaType)}, not an image manifest`);
  }
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion))
    throw invalid('schemaVersion is not an integer');
  if (layers !== undefined && layers !== null && !Array.isArray(layers))
    throw invalid('layers is not a list');
  if (artifactType !== undefined && artifactType !== null && typeof artifactType !== 'string') {
    throw invalid('artifactType is not a string');
  }
  const manifest: SignatureManifest = {
    schemaVersion,
    config: parseDescriptor(config, 'its config descriptor'),
    layers: ((layers ?? []) as unknown[]).map((l, i) => parseDescriptor(l, `its layer ${i}`)),
  };
  if (typeof mediaType === 'string') manifest.mediaType = mediaType;
  const notes = parseStringMap(annotations, 'its annotations');
  if (notes !== undefined) manifest.annotations = notes;
  if (subject !== undefined && subject !== null)
    manifest.subject = parseDescriptor(subject, 'its subject');
  if (typeof artifactType === 'string' && artifactType !== '') manifest.artifactType = artifactType;
  return manifest;
}

/** Go json.Marshal of ggcr v1.Manifest: schemaVersion, mediaType, config, layers, annotations, subject, artifactType. */
export function serializeSignatureManifest(m: SignatureManifest): Buffer {
  const json = goStruct([
    ['schemaVersion', goInt(m.schemaVersion)],
    ['mediaType', m.mediaType ? goString(m.mediaType) : undefined],
    ['config', descriptorJson(m.config)],
    ['layers', `[${m.layers.map(descriptorJson).join(',')}]`],
    ['annotations', nonEmpty(m.annotations) ? goStringMap(m.annotations!) : undefined],
    ['subject', m.subject ? descriptorJson(m.subject) : undefined],
    ['artifactType', m.artifactType ? goString(m.artifactType) : undefined],
  ]);
  return Buffer.from(json, 'utf8');
}

// Same blob and same annotations: cosign (its dupe detector) and skopeo both skip such a layer.
function sameLayer(a: Descriptor, b: Descriptor): boolean {
  if (a.digest !== b.digest || a.mediaType !== b.mediaType || a.size !== b.size) return false;
  const x = a.annotations ?? {};
  const y = b.annotations ?? {};
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && x[k] === y[k])
  );
}

function nonEmpty(map: Record<string, string> | undefined): boolean {
  return map !== undefined && Object.keys(map).length > 0;
}

function invalid(why: string, cause?: unknown): SignImageError {
  return new SignImageError(
    'SIGNATURE_MANIFEST_INVALID',
    `the existing .sig manifest cannot be extended: ${why}`,
    {
      hint: 'Something other than cosign, skopeo or this action wrote the `sha256-<hex>.sig` tag; inspect it, delete it if it is not a signature image, and sign again',
      cause,
    },
  );
}
