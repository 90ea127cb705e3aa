import { checkKmsKey } from '../../../src/signer/kms/key-spec.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

const URI = 'awskms:///alias/k';

describe('checkKmsKey', () => {
  it('signs a P-256 SIGN_VERIFY key with ECDSA_SHA_256', () => {
    expect(
      checkKmsKey(
        { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', signingAlgorithms: ['ECDSA_SHA_256'] },
        URI,
      ),
    ).toBe('ECDSA_SHA_256');
  });

  it.each([
    ['RSA_2048', ['RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256']],
    ['RSA_4096', ['RSASSA_PSS_SHA_512']],
    ['ECC_NIST_P384', ['ECDSA_SHA_384']],
    ['ECC_NIST_P521', ['ECDSA_SHA_512']],
    ['ECC_SECG_P256K1', ['ECDSA_SHA_256']],
  ])('refuses a %s key (cosign would not verify it)', (keySpec, signingAlgorithms) => {
    expect(
      codeOf(() => checkKmsKey({ keySpec, keyUsage: 'SIGN_VERIFY', signingAlgorithms }, URI)),
    ).toBe('KMS_KEY_SPEC_UNSUPPORTED');
  });

  it('refuses a P-256 key that does not list ECDSA_SHA_256', () => {
    expect(
      codeOf(() =>
        checkKmsKey(
          { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', signingAlgorithms: [] },
          URI,
        ),
      ),
    ).toBe('KMS_KEY_SPEC_UNSUPPORTED');
  });

  it.each([['ENCRYPT_DECRYPT'], ['GENERATE_VERIFY_MAC'], [undefined]])(
    'refuses key usage %s as a key that cannot sign',
    (keyUsage) => {
      expect(codeOf(() => checkKmsKey({ keySpec: 'RSA_2048', keyUsage }, URI))).toBe(
        'KMS_KEY_CANNOT_SIGN',
      );
    },
  );

  it('never prints a spec that does not look like an AWS name', () => {
    try {
      checkKmsKey({ keySpec: '<script>', keyUsage: 'SIGN_VERIFY' }, URI);
    } catch (err) {
      expect((err as Error).message).toContain('has key spec unknown');
      expect((err as Error).message).not.toContain('<script>');
    }
  });
});
