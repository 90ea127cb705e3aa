// The simple-signing payload of cosign's legacy format (cosign-format §2): the exact bytes that are
// signed, logged in Rekor (as their sha256) and stored as the `.sig` layer blob.
// https://github.com/containers/image/blob/main/docs/containers-signature.5.md#json-data-format
import { SignImageError } from '../errors.js';
import { parseDigest } from '../reference/parse.js';
import { goString, goStringMap } from './go-json.js';

/** `critical.type` of every cosign (and skopeo sigstore) image signature payload. */
export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';

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
