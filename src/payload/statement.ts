// The in-toto Statement v1 that cosign v3 signs for an image in its default (bundle) format
// (cosign-format §6): the digest as the only subject, the `-a` annotations on that subject, the
// predicate type cosign's `sign` uses and an empty predicate. cosign writes it with protojson,
// which sorts map keys and does not HTML-escape; whitespace is not part of the contract, only the
// signature over the exact bytes is, so the compact form is used.
// https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md
import { SignImageError } from '../errors.js';
import { parseDigest } from '../reference/parse.js';
import { compareGoStrings } from './go-json.js';

/** `_type` of an in-toto Statement v1. */
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** The DSSE payloadType of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The predicate type of `cosign sign` v3 (a signature, not an attestation). */
export const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';

/**
 * The statement bytes for `digest`: `{"_type","subject":[{"digest":{"sha256"},"annotations"}],
 * "predicateType","predicate":{}}`. Annotations are `{}` when none are given, as cosign writes
 * them; `cosign verify -a k=v` compares them with the subject's annotations.
 */
export function buildStatement(
  digest: string,
  annotations?: Readonly<Record<string, string>>,
): Buffer {
  const hex = parseDigest(digest).slice('sha256:'.length);
  // protojson writes a Struct's keys in Go's (byte-wise) order. Built as text because a JS
  // object would move integer-like keys ("10", "2") to the front.
  const keys = Object.keys(annotations ?? {}).sort(compareGoStrings);
  const notes = keys.map((key) => {
    const value = annotations![key];
    if (typeof value !== 'string')
      throw new SignImageError('INTERNAL', `annotation "${key}" must be a string`);
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  const json =
    `{"_type":${JSON.stringify(IN_TOTO_STATEMENT_V1)},` +
    `"subject":[{"digest":{"sha256":"${hex}"},"annotations":{${notes.join(',')}}}],` +
    `"predicateType":${JSON.stringify(COSIGN_SIGN_PREDICATE_TYPE)},"predicate":{}}`;
  return Buffer.from(json, 'utf8');
}
