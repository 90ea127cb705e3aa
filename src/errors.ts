// One error type for the whole action: a closed set of codes (tests assert on them), a message
// that says what is wrong and a hint that says how to fix it. Messages never carry secrets:
// no password, PEM, token or registry password is ever interpolated into one.

export type ErrorCode =
  // inputs/
  | 'INPUT_INVALID'
  | 'SIGNING_MODE_UNAVAILABLE'
  // inputs/attestations (the `attestations` input and its predicate files)
  | 'ATTESTATION_INPUT_INVALID'
  | 'ATTESTATION_FILE_MISSING'
  | 'ATTESTATION_FILE_UNREADABLE'
  | 'ATTESTATION_NOT_JSON'
  | 'ATTESTATION_TYPE_UNKNOWN'
  | 'ATTESTATION_TYPE_DUPLICATE'
  | 'ATTESTATION_TOO_LARGE'
  // reference/
  | 'REFERENCE_INVALID'
  | 'DIGEST_MISSING'
  | 'DIGEST_INVALID'
  | 'DIGEST_NOT_FOUND'
  | 'INDEX_INVALID'
  // payload/, storage/legacy (reading what is already in the registry)
  | 'SIGNATURE_MANIFEST_INVALID'
  | 'SIGNATURE_LIMIT_EXCEEDED'
  | 'SIGNATURE_WRITE_CONFLICT'
  // storage/bundle (the referrers-tag index of a digest)
  | 'REFERRERS_INDEX_INVALID'
  | 'REFERRERS_INDEX_CONFLICT'
  // signer/key
  | 'KEY_MISSING'
  | 'KEY_PEM_INVALID'
  | 'KEY_LABEL_UNSUPPORTED'
  | 'KEY_ENVELOPE_INVALID'
  | 'KEY_KDF_UNSUPPORTED'
  | 'KEY_PASSWORD_WRONG'
  | 'KEY_FORMAT_SEC1'
  | 'KEY_ALGORITHM_UNSUPPORTED'
  // signer/kms (the `kms-key` input and the KMS it names)
  | 'KMS_PROVIDER_UNSUPPORTED'
  | 'KMS_REFERENCE_INVALID'
  | 'KMS_CREDENTIALS_MISSING'
  | 'KMS_REGION_MISSING'
  | 'KMS_AUTH_FAILED'
  | 'KMS_KEY_NOT_FOUND'
  | 'KMS_KEY_CANNOT_SIGN'
  | 'KMS_KEY_SPEC_UNSUPPORTED'
  | 'KMS_UNREACHABLE'
  | 'KMS_ERROR'
  // signer/keyless (the job's OIDC token, Fulcio) and the public-log privacy guard
  | 'OIDC_TOKEN_FAILED'
  | 'OIDC_TOKEN_INVALID'
  | 'FULCIO_ERROR'
  | 'FULCIO_UNREACHABLE'
  | 'CERTIFICATE_INVALID'
  | 'PRIVATE_REPO_PUBLIC_LOG'
  // registry/
  | 'REGISTRY_AUTH_FAILED'
  | 'REGISTRY_DENIED'
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_ERROR'
  | 'REGISTRY_CREDENTIAL_HELPER_FAILED'
  | 'REGISTRY_CONFIG_INVALID'
  // tlog/
  | 'TLOG_UNREACHABLE'
  | 'TLOG_ERROR'
  | 'TLOG_ENTRY_MISMATCH'
  | 'TSA_UNREACHABLE'
  | 'TSA_ERROR'
  // trust/ (the trusted root every Rekor entry, certificate and timestamp is checked against)
  | 'TRUST_ROOT_MISSING'
  | 'TRUST_ROOT_INVALID'
  | 'TRUST_ROOT_UNAVAILABLE'
  | 'TLOG_UNTRUSTED'
  | 'CERTIFICATE_UNTRUSTED'
  | 'TSA_UNTRUSTED'
  // bounds on what a server may send and on how much one run signs
  | 'RESPONSE_TOO_LARGE'
  | 'TOO_MANY_TARGETS'
  // some signatures of a run were made and stored, others not (unsigned.ts)
  | 'SIGNING_INCOMPLETE'
  // anything we did not foresee
  | 'INTERNAL';

export class SignImageError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SignImageError';
    this.code = code;
    this.hint = options.hint;
  }

  /** The one line the action prints as `::error::`: what is wrong, then what to do. */
  toLine(): string {
    return this.hint ? `${this.message}. ${this.hint}` : this.message;
  }
}

/** True when `err` is a SignImageError with the given code (for tests and retry decisions). */
export function hasCode(err: unknown, code: ErrorCode): boolean {
  return err instanceof SignImageError && err.code === code;
}

/** The message of an unknown thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Turns an unknown thrown value into a SignImageError, keeping the original as `cause`. */
export function asSignImageError(err: unknown, code: ErrorCode = 'INTERNAL'): SignImageError {
  if (err instanceof SignImageError) return err;
  return new SignImageError(code, errorText(err), { cause: err });
}
