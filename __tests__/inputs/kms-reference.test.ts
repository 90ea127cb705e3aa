import { parseKmsReference } from '../../src/inputs/kms-reference.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { toLine(): string }).toLine();
  }
  return '';
}

const ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-2:111122223333:key/${ID}`;
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111122223333:alias/ExampleAlias';

describe('parseKmsReference (the formats cosign accepts)', () => {
  it.each([
    [`awskms:///${ID}`, { keyId: ID }],
    [`awskms://localhost:4566/${ID}`, { keyId: ID, endpoint: 'localhost:4566' }],
    [`awskms:///mrk-${ID.replace(/-/g, '')}`, { keyId: `mrk-${ID.replace(/-/g, '')}` }],
    [`awskms:///${KEY_ARN}`, { keyId: KEY_ARN, arnRegion: 'us-east-2' }],
    [
      `awskms://127.0.0.1:8443/${KEY_ARN}`,
      { keyId: KEY_ARN, endpoint: '127.0.0.1:8443', arnRegion: 'us-east-2' },
    ],
    ['awskms:///alias/ExampleAlias', { keyId: 'alias/ExampleAlias' }],
    [
      'awskms://127.0.0.1:9/alias/sign-image/e2e_1',
      { keyId: 'alias/sign-image/e2e_1', endpoint: '127.0.0.1:9' },
    ],
    [`awskms:///${ALIAS_ARN}`, { keyId: ALIAS_ARN, arnRegion: 'eu-west-1' }],
    ['awskms://[::1]:4566/alias/x', { keyId: 'alias/x', endpoint: '[::1]:4566' }],
  ])('%s', (uri, expected) => {
    const ref = parseKmsReference(uri);
    expect(ref).toEqual({ provider: 'awskms', uri, ...expected });
    if (!('endpoint' in expected)) expect((ref as { endpoint?: string }).endpoint).toBeUndefined();
  });

  it.each([
    'awskms://',
    'awskms:///',
    'awskms:///not-a-key',
    `awskms://${ID}`, // the key where the endpoint goes: cosign needs the third slash
    'awskms:///arn:aws:kms:us-east-2:1111:key/' + ID, // account id is 12 digits
    `awskms://user:secret@kms.example.com/${ID}`, // no credentials in the endpoint
    'awskms:///alias/',
    'awskms:///alias/with space',
  ])('refuses %s as KMS_REFERENCE_INVALID without echoing it', (uri) => {
    expect(codeOf(() => parseKmsReference(uri))).toBe('KMS_REFERENCE_INVALID');
    expect(messageOf(() => parseKmsReference(uri))).not.toContain('secret');
  });

  it.each([
    ['hashivault://sign-image', 'HashiCorp Vault transit'],
    ['openbao://sign-image', 'OpenBao transit'],
    ['gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k', 'Google Cloud KMS'],
    ['azurekms://v.vault.azure.net/k', 'Azure Key Vault'],
    ['k8s://ns/secret', 'not a KMS key reference'],
    ['cosign.key', 'not a KMS key reference'],
  ])('refuses %s, listing what is supported', (uri, words) => {
    expect(codeOf(() => parseKmsReference(uri))).toBe('KMS_PROVIDER_UNSUPPORTED');
    const line = messageOf(() => parseKmsReference(uri));
    expect(line).toContain(words);
    expect(line).toContain('Supported: awskms://[ENDPOINT]/KEY-ID|ARN|alias/NAME;');
  });
});
