import { kmsError } from '../../../src/signer/kms/aws-errors.js';
import { RequestFailure } from '../../../src/util/http-retry.js';

const CTX = { operation: 'GetPublicKey' as const, uri: 'awskms:///alias/k', host: 'AWS KMS' };

function awsError(name: string, message = 'server text SECRET-ISH', status = 400) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('kmsError', () => {
  it.each([
    ['NotFoundException', 'KMS_KEY_NOT_FOUND'],
    ['UnrecognizedClientException', 'KMS_AUTH_FAILED'],
    ['AccessDeniedException', 'KMS_AUTH_FAILED'],
    ['InvalidSignatureException', 'KMS_AUTH_FAILED'],
    ['InvalidKeyUsageException', 'KMS_KEY_CANNOT_SIGN'],
    ['DisabledException', 'KMS_KEY_CANNOT_SIGN'],
    ['UnsupportedOperationException', 'KMS_KEY_CANNOT_SIGN'],
    ['ThrottlingException', 'KMS_ERROR'],
    ['KMSInternalException', 'KMS_ERROR'],
  ])('%s is %s, without the server text', (name, code) => {
    const e = kmsError(awsError(name), CTX);
    expect(e.code).toBe(code);
    expect(e.toLine()).not.toContain('SECRET-ISH');
    expect(e.cause).toBeUndefined();
  });

  it('names no credential source it cannot find as KMS_CREDENTIALS_MISSING', () => {
    const e = kmsError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      CTX,
    );
    expect(e.code).toBe('KMS_CREDENTIALS_MISSING');
    expect(e.toLine()).toContain('configure-aws-credentials');
  });

  it('a missing region is KMS_REGION_MISSING', () => {
    expect(kmsError(new Error('Region is missing'), CTX).code).toBe('KMS_REGION_MISSING');
  });

  it('no answer at all is KMS_UNREACHABLE with the attempts', () => {
    const failure = new RequestFailure('network', 'ECONNREFUSED', 8, 30000, 300000, undefined);
    const e = kmsError(failure, { ...CTX, host: '127.0.0.1:9' });
    expect(e.code).toBe('KMS_UNREACHABLE');
    expect(e.message).toBe(
      'KMS at 127.0.0.1:9 could not be reached (ECONNREFUSED) after 8 attempts (GetPublicKey)',
    );
  });

  it('prints an error name only when it looks like one', () => {
    const e = kmsError(awsError('<b>x</b>', 'm', 500), CTX);
    expect(e.message).toBe(
      'KMS at AWS KMS answered GetPublicKey on awskms:///alias/k with an error (HTTP 500)',
    );
  });
});
