// Pure builders for cosign v3's storage of a Sigstore bundle (cosign-format §6): the OCI 1.1
// artifact manifest that carries the bundle and names the signed image as its `subject`, and the
// referrers-tag index (`sha256-<hex>`) that lists such manifests on registries without the
// referrers API. Bytes follow Go's json.Marshal of ggcr's types, as cosign writes them.
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema
import { sha256Digest } from '../../registry/names.js';
import { SignImageError } from '../../errors.js';
import { goInt, goString, goStringMap, goStruct } from '../../payload/go-json.js';
import { parseDigest } from '../../reference/parse.js';
import {
  OCI_EMPTY,
  OCI_EMPTY_DIGEST,
  OCI_INDEX,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../../registry/media-types.js';
import {
  descriptorJson,
  parseDescriptor,
  parseStringMap,
  type Descriptor,
} from '../legacy/layer.js';

/** `dsse-envelope` or `message-signature`: what the bundle holds. */
export const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
/** The in-toto predicate type of a DSSE bundle. */
export const BUNDLE_PREDICATE_TYPE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** RFC 3339 creation time, whole seconds, UTC. */
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';
/** The config blob of every artifact manifest: the two bytes `{}`. */
export const EMPTY_BLOB = Buffer.from('{}');

/** What one bundle referrer is made of. */
export interface ReferrerInput {
  /** The bundle JSON, stored as the single layer. */
  bundle: Buffer;
  /** The signed manifest: its mediaType, size and digest. */
  subject: Descriptor;
  content: 'dsse-envelope' | 'message-signature';
  predicateType?: string;
  created: Date;
}

/** A manifest ready to PUT, with the descriptor the referrers list names it by. */
export interface BuiltReferrer {
  bytes: Buffer;
  descriptor: Descriptor;
}

/**
 * The artifact manifest: config = the empty descriptor (with `artifactType`, as cosign writes it),
 * one bundle layer, annotations, `subject`, `artifactType` — Go's v1.Manifest field order.
 */
export function buildReferrerManifest(input: ReferrerInput): BuiltReferrer {
  const annotations: Record<string, string> = {
    [BUNDLE_CONTENT_ANNOTATION]: input.content,
    [CREATED_ANNOTATION]: input.created.toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  if (input.predicateType) annotations[BUNDLE_PREDICATE_TYPE_ANNOTATION] = input.predicateType;
  const { mediaType, size, digest } = input.subject;
  const json = goStruct([
    ['schemaVersion', goInt(2)],
    ['mediaType', goString(OCI_MANIFEST)],
    [
      'config',
      descriptorJson({
        mediaType: OCI_EMPTY,
        size: EMPTY_BLOB.length,
        digest: OCI_EMPTY_DIGEST,
        artifactType: SIGSTORE_BUNDLE_V03,
      }),
    ],
    [
      'layers',
      `[${descriptorJson({ mediaType: SIGSTORE_BUNDLE_V03, size: input.bundle.length, digest: sha256Digest(input.bundle) })}]`,
    ],
    ['annotations', goStringMap(annotations)],
    ['subject', descriptorJson({ mediaType, size, digest: parseDigest(digest) })],
    ['artifactType', goString(SIGSTORE_BUNDLE_V03)],
  ]);
  const bytes = Buffer.from(json, 'utf8');
  // What the referrers API would list: the manifest's own artifactType and annotations (OCI
  // distribution-spec), not cosign 3.1's `application/vnd.oci.empty.v1+json`.
  const descriptor: Descriptor = {
    mediaType: OCI_MANIFEST,
    size: bytes.length,
    digest: sha256Digest(bytes),
    annotations,
    artifactType: SIGSTORE_BUNDLE_V03,
  };
  return { bytes, descriptor };
}

/** The referrers tag of `digest`: `sha256-<hex>` (no suffix). */
export function referrersTag(digest: string): string {
  return parseDigest(digest).replace(':', '-');
}

/** Result of adding a descriptor: the index to PUT (or the unchanged one when already listed). */
export interface MergedIndex {
  bytes: Buffer;
  added: boolean;
}

/**
 * Adds `ours` to the referrers index `existing` (undefined: none yet). Every listed descriptor is
 * kept; the list is sorted by digest, as ggcr writes it; a digest already listed is not repeated.
 */
export function mergeReferrersIndex(existing: Buffer | undefined, ours: Descriptor): MergedIndex {
  const index =
    existing === undefined ? { schemaVersion: 2, manifests: [] } : parseReferrersIndex(existing);
  if (index.manifests.some((d) => d.digest === ours.digest))
    return { bytes: existing!, added: false };
  const manifests = [...index.manifests, ours].sort((a, b) =>
    a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0,
  );
  const json = goStruct([
    ['schemaVersion', goInt(index.schemaVersion)],
    ['mediaType', goString(OCI_INDEX)],
    ['manifests', `[${manifests.map(descriptorJson).join(',')}]`],
    ['annotations', index.annotations ? goStringMap(index.annotations) : undefined],
    ['subject', index.subject ? descriptorJson(index.subject) : undefined],
  ]);
  return { bytes: Buffer.from(json, 'utf8'), added: true };
}

/** True when the index bytes list a manifest with `digest`. */
export function indexLists(bytes: Buffer, digest: string): boolean {
  return parseReferrersIndex(bytes).manifests.some((d) => d.digest === digest);
}

/** Reads a stored referrers index; REFERRERS_INDEX_INVALID when the tag holds something else. */
export function parseReferrersIndex(bytes: Buffer): {
  schemaVersion: number;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
  subject?: Descriptor;
} {
  try {
    const doc: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      throw new Error('it is not a JSON object');
    const { schemaVersion, mediaType, manifests, annotations, subject } = doc as Record<
      string,
      unknown
    >;
    if (mediaType !== undefined && mediaType !== OCI_INDEX)
      throw new Error(`it has media type ${JSON.stringify(mediaType)}, not an OCI image index`);
    if (schemaVersion !== 2) throw new Error('its schemaVersion is not 2');
    // An image manifest has no `manifests`; overwriting it would destroy someone's image.
    if (!Array.isArray(manifests))
      throw new Error('it has no manifests list, so it is not an image index');
    return {
      schemaVersion,
      manifests: (manifests as unknown[]).map((d, i) => parseDescriptor(d, `manifests[${i}]`)),
      annotations: parseStringMap(annotations, 'annotations'),
      subject:
        subject === undefined || subject === null ? undefined : parseDescriptor(subject, 'subject'),
    };
  } catch (cause) {
    const why =
      cause instanceof SignImageError
        ? cause.message.replace('the existing .sig manifest cannot be extended: ', '')
        : cause instanceof Error
          ? cause.message
          : String(cause);
    throw new SignImageError(
      'REFERRERS_INDEX_INVALID',
      `the referrers index tag cannot be extended: ${why}`,
      {
        hint: 'Something other than an OCI referrers list was pushed to the `sha256-<hex>` tag of the signed digest; inspect it and delete it if it is not one, then sign again',
        cause,
      },
    );
  }
}
