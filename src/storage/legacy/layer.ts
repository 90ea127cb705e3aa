// One signature as a layer of the `.sig` image (cosign-format §3.2, §3.3): the blob is the payload
// itself, uncompressed, and everything else rides in the descriptor's annotations.
// https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
import { createHash } from 'node:crypto';
import { SignImageError } from '../../errors.js';
import {
  compareGoStrings,
  goInt,
  goString,
  goStringMap,
  goStringSlice,
  goStruct,
} from '../../payload/go-json.js';
import { COSIGN_SIMPLE_SIGNING } from '../../registry/media-types.js';
import type { Descriptor, Platform } from '../../registry/types.js';
import { isObject, SHA256_DIGEST, STD_BASE64 } from '../../util/encoding.js';

export type { Descriptor, Platform };

/** base64 of the DER signature over the payload; on every layer. */
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** Leaf certificate PEM (keyless). */
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
/** Rest of the certificate chain PEM; present whenever the certificate is, possibly "". */
export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
/** Rekor bundle JSON `{"SignedEntryTimestamp":…,"Payload":{…}}` (see tlog/entry.ts). */
export const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
/** `{"SignedRFC3161Timestamp":"<b64 TimeStampResp DER>"}` when a TSA was used. */
export const RFC3161_TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';

/** What one signature layer carries. */
export interface SignatureLayerInput {
  payload: Buffer;
  signatureBase64: string;
  /** Exact `dev.sigstore.cosign/bundle` JSON text (buildCosignBundleAnnotation). */
  rekorBundle?: string;
  certificatePem?: string;
  chainPem?: string;
  /** Exact `dev.sigstore.cosign/rfc3161timestamp` JSON text (buildRfc3161TimestampAnnotation). */
  rfc3161Timestamp?: string;
}

/** The `.sig` layer descriptor for one signature, annotations as cosign's static.NewSignature sets them. */
export function buildSignatureLayer(input: SignatureLayerInput): Descriptor {
  if (!STD_BASE64.test(input.signatureBase64) || input.signatureBase64 === '') {
    throw new SignImageError('INTERNAL', 'the signature is not standard padded base64');
  }
  return cosignLayer(
    COSIGN_SIMPLE_SIGNING,
    input.payload,
    { [SIGNATURE_ANNOTATION]: input.signatureBase64 },
    input,
  );
}

/** What a cosign layer of either tag (`.sig`, `.att`) may carry besides its own annotations. */
export interface LayerMaterial {
  certificatePem?: string;
  chainPem?: string;
  rekorBundle?: string;
  rfc3161Timestamp?: string;
}

/**
 * A cosign layer descriptor: the blob's digest and size, `own` annotations plus the certificate,
 * chain, Rekor bundle and timestamp ones, sorted as Go's map marshalling writes them.
 */
export function cosignLayer(
  mediaType: string,
  blob: Buffer,
  own: Record<string, string>,
  material: LayerMaterial,
): Descriptor {
  const annotations: Record<string, string> = { ...own };
  // cosign writes the chain key whenever it writes the certificate, even with an empty chain
  // (v3's legacy path always does): verifiers then fall back to the trusted Fulcio chain.
  if (material.certificatePem !== undefined) {
    annotations[CERTIFICATE_ANNOTATION] = material.certificatePem;
    annotations[CHAIN_ANNOTATION] = material.chainPem ?? '';
  }
  if (material.rekorBundle !== undefined) annotations[BUNDLE_ANNOTATION] = material.rekorBundle;
  if (material.rfc3161Timestamp !== undefined)
    annotations[RFC3161_TIMESTAMP_ANNOTATION] = material.rfc3161Timestamp;
  return {
    mediaType,
    size: blob.length,
    digest: `sha256:${createHash('sha256').update(blob).digest('hex')}`,
    annotations: sortedRecord(annotations),
  };
}

/** The rfc3161timestamp annotation: Go json.Marshal of cosign's bundle.RFC3161Timestamp. */
export function buildRfc3161TimestampAnnotation(timeStampResponseDer: Buffer): string {
  return `{"SignedRFC3161Timestamp":"${timeStampResponseDer.toString('base64')}"}`;
}

/** A copy whose key order is Go's map order, so JSON.stringify and our serializer agree. */
function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(compareGoStrings)) out[key] = record[key]!;
  return out;
}

/** Go json.Marshal of ggcr v1.Descriptor (mediaType, size, digest, data, urls, annotations, platform, artifactType). */
export function descriptorJson(d: Descriptor): string {
  return goStruct([
    ['mediaType', goString(d.mediaType)],
    ['size', goInt(d.size)],
    ['digest', goString(d.digest)],
    ['data', d.data ? goString(d.data) : undefined],
    ['urls', d.urls && d.urls.length > 0 ? goStringSlice(d.urls) : undefined],
    ['annotations', nonEmpty(d.annotations) ? goStringMap(d.annotations!) : undefined],
    ['platform', d.platform ? platformJson(d.platform) : undefined],
    ['artifactType', d.artifactType ? goString(d.artifactType) : undefined],
  ]);
}

function platformJson(p: Platform): string {
  const list = (l: string[] | undefined) => (l && l.length > 0 ? goStringSlice(l) : undefined);
  return goStruct([
    ['architecture', goString(p.architecture)],
    ['os', goString(p.os)],
    ['os.version', p['os.version'] ? goString(p['os.version']) : undefined],
    ['os.features', list(p['os.features'])],
    ['variant', p.variant ? goString(p.variant) : undefined],
    ['features', list(p.features)],
  ]);
}

/** Reads a descriptor of an existing manifest as Go decodes it (absent/null → zero value, wrong type → error). */
export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isObject(v)) throw invalid(`${where} is not an object`);
  if (typeof v.digest !== 'string' || !SHA256_DIGEST.test(v.digest))
    throw invalid(`${where} has no sha256 digest`);
  const size = v.size ?? 0;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw invalid(`${where} has no valid size`);
  const d: Descriptor = {
    mediaType: text(v.mediaType, `${where}.mediaType`),
    size,
    digest: v.digest,
  };
  const data = text(v.data, `${where}.data`);
  if (data !== '') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0)
      throw invalid(`${where}.data is not base64`);
    d.data = data;
  }
  const urls = texts(v.urls, `${where}.urls`);
  if (urls.length > 0) d.urls = urls;
  const annotations = parseStringMap(v.annotations, `${where}.annotations`);
  if (annotations !== undefined) d.annotations = annotations;
  if (v.platform !== undefined && v.platform !== null) {
    const p = v.platform;
    if (!isObject(p)) throw invalid(`${where}.platform is not an object`);
    d.platform = {
      architecture: text(p.architecture, 'platform.architecture'),
      os: text(p.os, 'platform.os'),
    };
    for (const key of ['os.version', 'variant'] as const)
      if (text(p[key], key) !== '') d.platform[key] = text(p[key], key);
    for (const key of ['os.features', 'features'] as const)
      if (texts(p[key], key).length > 0) d.platform[key] = texts(p[key], key);
  }
  const artifactType = text(v.artifactType, `${where}.artifactType`);
  if (artifactType !== '') d.artifactType = artifactType;
  return d;
}

/** Reads a Go map[string]string; undefined when absent, null or empty (omitempty drops it on output). */
export function parseStringMap(v: unknown, where: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalid(`${where} is not an object`);
  const entries = Object.entries(v);
  for (const [k, value] of entries)
    if (typeof value !== 'string') throw invalid(`${where}["${k}"] is not a string`);
  return entries.length > 0 ? (v as Record<string, string>) : undefined;
}

function text(v: unknown, where: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw invalid(`${where} is not a string`);
  return v;
}

function texts(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`${where} is not a list`);
  return v.map((s, i) => text(s, `${where}[${i}]`));
}

function nonEmpty(map: Record<string, string> | undefined): boolean {
  return map !== undefined && Object.keys(map).length > 0;
}

function invalid(why: string): SignImageError {
  return new SignImageError(
    'SIGNATURE_MANIFEST_INVALID',
    `the existing .sig manifest cannot be extended: ${why}`,
    {
      hint: 'Something other than cosign, skopeo or this action wrote the `sha256-<hex>.sig` tag; inspect it, delete it if it is not a signature image, and sign again',
    },
  );
}
