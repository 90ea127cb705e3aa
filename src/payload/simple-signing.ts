// The simple-signing payload of cosign's legacy format (cosign-format §2): the exact bytes that are
// signed, logged in Rekor (as their sha256) and stored as the `.sig` layer blob.
// https://github.com/containers/image/blob/main/docs/containers-signature.5.md#json-data-format
import { SignImageError } from '../errors.js';
import { parseDigest } from '../reference/parse.js';
import { goString, goStringMap } from './go-json.js';

/** `critical.type` of every cosign (and skopeo sigstore) image signature payload. */
export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';

/** A decoded simple-signing payload. */
export interface SimpleSigningPayload {
  dockerReference: string;
  digest: string;
  type: string;
  /** `optional` as found: null when absent or null (cosign without `-a`). */
  optional: Record<string, unknown> | null;
}

/**
 * The payload bytes Go's json.Marshal writes for sigstore's payload.SimpleContainerImage: compact,
 * struct key order, `"optional":null` when there are no annotations (cosign's map is nil then,
 * empty or not), otherwise a map with sorted keys.
 */
export function buildSimpleSigningPayload(
  dockerReference: string,
  digest: string,
  annotations?: Readonly<Record<string, string>>,
): Buffer {
  if (dockerReference === '')
    throw new SignImageError('INTERNAL', 'the payload needs a docker-reference');
  const manifestDigest = parseDigest(digest);
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (typeof value !== 'string')
      throw new SignImageError('INTERNAL', `annotation "${key}" must be a string`);
  }
  const optional =
    annotations && Object.keys(annotations).length > 0 ? goStringMap(annotations) : 'null';
  const json =
    `{"critical":{"identity":{"docker-reference":${goString(dockerReference)}},` +
    `"image":{"docker-manifest-digest":${goString(manifestDigest)}},` +
    `"type":${goString(COSIGN_SIGNATURE_TYPE)}},"optional":${optional}}`;
  return Buffer.from(json, 'utf8');
}

/** Decodes a payload someone stored (cosign, skopeo or us); PAYLOAD_INVALID when it is not one. */
export function parseSimpleSigningPayload(bytes: Uint8Array): SimpleSigningPayload {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw invalid('it is not UTF-8 JSON', cause);
  }
  const critical = field(doc, 'critical');
  const dockerReference = field(field(critical, 'identity'), 'docker-reference');
  const digest = field(field(critical, 'image'), 'docker-manifest-digest');
  const type = field(critical, 'type');
  if (typeof dockerReference !== 'string')
    throw invalid('critical.identity.docker-reference is not a string');
  if (typeof digest !== 'string')
    throw invalid('critical.image.docker-manifest-digest is not a string');
  if (typeof type !== 'string') throw invalid('critical.type is not a string');
  const optional = field(doc, 'optional') ?? null;
  if (optional !== null && !isObject(optional))
    throw invalid('optional is neither an object nor null');
  return { dockerReference, digest, type, optional };
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(why: string, cause?: unknown): SignImageError {
  return new SignImageError(
    'PAYLOAD_INVALID',
    `the stored signature payload cannot be read: ${why}`,
    {
      hint: 'The `.sig` holds a layer that is not a simple-signing payload; it was not written by cosign, skopeo or this action',
      cause,
    },
  );
}
