// Pure: a failed KMS call becomes one KMS_* error saying what is wrong and what to do. The
// service's own message is never printed (text from servers is not logged raw, and a credential
// error could quote what was sent), not even as the debug cause; only the AWS error name, when it
// looks like one, is named.
import { SignImageError } from '../../errors.js';
import { describeFailure, RequestFailure } from '../../util/http-retry.js';

interface Context {
  operation: 'GetPublicKey' | 'Sign';
  uri: string;
  /** The endpoint's host[:port], or "AWS KMS". */
  host: string;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const NOT_FOUND = new Set(['NotFoundException']);
const AUTH = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'AccessDeniedException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'MissingAuthenticationTokenException',
]);
const CANNOT_SIGN = new Set([
  'InvalidKeyUsageException',
  'DisabledException',
  'KMSInvalidStateException',
  'UnsupportedOperationException',
  'KeyUnavailableException',
]);

/** The SignImageError for a failed KMS call (a SignImageError passes through unchanged). */
export function kmsError(err: unknown, ctx: Context): SignImageError {
  if (err instanceof SignImageError) return err;
  const e = (err ?? {}) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (err instanceof RequestFailure || name === 'RequestFailure') {
    const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
    return new SignImageError('KMS_UNREACHABLE', `KMS at ${ctx.host} ${how} (${ctx.operation})`, {
      hint: 'Check the endpoint in `kms-key` and the network; for AWS itself see https://health.aws.amazon.com',
      cause: err,
    });
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new SignImageError(
      'KMS_CREDENTIALS_MISSING',
      `No AWS credentials were found to use the KMS key ${ctx.uri}`,
      {
        hint: 'Add aws-actions/configure-aws-credentials before this step (with `permissions: id-token: write` for its OIDC role), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      },
    );
  }
  if (/region is missing|invalid region/i.test(message)) {
    return new SignImageError(
      'KMS_REGION_MISSING',
      `No AWS region is set for the KMS key ${ctx.uri}`,
      {
        hint: 'Set AWS_REGION (configure-aws-credentials does with `aws-region`), or name the key by its ARN',
      },
    );
  }
  const aws = /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name) ? name : 'an error';
  if (NOT_FOUND.has(name)) {
    return new SignImageError('KMS_KEY_NOT_FOUND', `The KMS key ${ctx.uri} does not exist`, {
      hint: 'Check the key id, ARN or alias in `kms-key`, and that AWS_REGION is the key’s region',
    });
  }
  if (AUTH.has(name)) {
    return new SignImageError(
      'KMS_AUTH_FAILED',
      `KMS at ${ctx.host} refused the credentials for ${ctx.operation} on ${ctx.uri} (${aws})`,
      {
        hint: 'Check the role configure-aws-credentials assumes: it needs kms:GetPublicKey and kms:Sign on this key',
      },
    );
  }
  if (CANNOT_SIGN.has(name)) {
    return new SignImageError(
      'KMS_KEY_CANNOT_SIGN',
      `The KMS key ${ctx.uri} cannot sign (${ctx.operation} answered ${aws})`,
      {
        hint: 'Use an enabled ECC_NIST_P256 key with key usage SIGN_VERIFY',
      },
    );
  }
  const status = e.$metadata?.httpStatusCode;
  return new SignImageError(
    'KMS_ERROR',
    `KMS at ${ctx.host} answered ${ctx.operation} on ${ctx.uri} with ${aws}${status ? ` (HTTP ${status})` : ''}`,
    {
      hint: 'Re-run on throttling or a 5xx answer; otherwise check the key and the endpoint in `kms-key`',
    },
  );
}
