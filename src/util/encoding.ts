// Small shared primitives of the wire formats: the sha256 digest syntax, standard base64 and the
// JSON object test. One definition each, used by every stage that checks them.

/** `sha256:` and 64 lower-case hex digits: the only digest cosign and this action sign. */
export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Standard padded base64 (RFC 4648 §4), what Go's base64.StdEncoding writes and accepts. */
export const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A parsed JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
