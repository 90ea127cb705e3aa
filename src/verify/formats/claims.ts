// What a signed payload claims, parsed after nothing but JSON: the simple-signing payload of a
// `.sig` layer (cosign-format §2) and the in-toto statement of a DSSE envelope.
import { isObject } from '../../util/encoding.js';
import type { Claims } from './format.js';

/** `critical.image.docker-manifest-digest`, `optional` and the docker-reference; undefined if not JSON. */
export function simpleSigningClaims(payload: Buffer): Claims | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(doc) || !isObject(doc.critical)) return undefined;
  const image = doc.critical.image;
  const identity = doc.critical.identity;
  const digest = isObject(image) ? image['docker-manifest-digest'] : undefined;
  const reference = isObject(identity) ? identity['docker-reference'] : undefined;
  return {
    subjectDigests: typeof digest === 'string' ? [digest] : [],
    annotations: isObject(doc.optional) ? doc.optional : undefined,
    dockerReference: typeof reference === 'string' ? reference : undefined,
  };
}

/**
 * The statement's subjects and predicate type. `annotations` are those of the subject naming
 * `digest` (cosign 3 puts `sign -a` there and `verify -a` compares them).
 */
export function statementClaims(payload: Buffer, digest: string): Claims | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(doc) || !Array.isArray(doc.subject)) return undefined;
  const subjectDigests: string[] = [];
  let annotations: Record<string, unknown> | undefined;
  for (const subject of doc.subject as unknown[]) {
    if (!isObject(subject) || !isObject(subject.digest)) continue;
    const hex = subject.digest.sha256;
    if (typeof hex !== 'string') continue;
    subjectDigests.push(`sha256:${hex}`);
    if (`sha256:${hex}` === digest && isObject(subject.annotations))
      annotations = subject.annotations;
  }
  return {
    subjectDigests,
    annotations,
    predicateType: typeof doc.predicateType === 'string' ? doc.predicateType : undefined,
  };
}
