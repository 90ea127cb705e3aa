// Pure: the `kms-key` input, parsed the way cosign's `--key` parses a KMS reference, so that one
// string names the same key for the action, `cosign sign --key` and `cosign verify --key`.
// awskms: sigstore/sigstore pkg/signature/kms/aws (ParseReference): `awskms://[ENDPOINT]/ID`
// where ID is a key id (UUID, optionally `mrk-`), a key ARN, `alias/NAME` or an alias ARN, and
// ENDPOINT (optional) is a host[:port] spoken to over HTTPS.
import { SignImageError } from '../errors.js';

export interface AwsKmsReference {
  provider: 'awskms';
  /** The reference exactly as given (what the summary names). */
  uri: string;
  /** `host[:port]` of a KMS endpoint other than AWS's regional one; undefined for AWS itself. */
  endpoint?: string;
  /** What is sent as KeyId: the key id, key ARN, `alias/NAME` or alias ARN. */
  keyId: string;
  /** The region an ARN names (used when the environment names none). */
  arnRegion?: string;
}

export type KmsReference = AwsKmsReference;

/** The KMS schemes this action signs with; the rest are refused with this list. */
export const SUPPORTED_KMS = ['awskms://[ENDPOINT]/KEY-ID|ARN|alias/NAME'] as const;

// The formats cosign accepts (sigstore/sigstore kms/aws client.go), anchored like its regexps.
const UUID = String.raw`m?r?k?-?[A-Fa-f0-9]{8}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{12}`;
const ARN = String.raw`arn:(?:aws|aws-us-gov|aws-cn):kms:([a-z0-9-]+):\d{12}:`;
const AWS_FORMATS: readonly RegExp[] = [
  new RegExp(`^awskms://([^/]*)/(${UUID})$`),
  new RegExp(`^awskms://([^/]*)/(${ARN}key/${UUID})$`),
  new RegExp(`^awskms://([^/]*)/(alias/.*)$`),
  new RegExp(`^awskms://([^/]*)/(${ARN}alias/.*)$`),
];
// host[:port]: a DNS name, IPv4 or bracketed IPv6, nothing else (no user:password@).
const ENDPOINT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;

// Providers cosign knows that this action does not sign with: no server or emulator of theirs
// could be built or run here to test against, and an untested provider is not shipped.
const OTHER_PROVIDERS: Record<string, string> = {
  'hashivault://': 'HashiCorp Vault transit',
  'openbao://': 'OpenBao transit',
  'gcpkms://': 'Google Cloud KMS',
  'azurekms://': 'Azure Key Vault',
};

/**
 * Parses `kms-key` (or the verify action's `key`). Throws KMS_PROVIDER_UNSUPPORTED for a provider this action does not sign
 * with (listing what it does) and KMS_REFERENCE_INVALID for a malformed AWS reference.
 */
export function parseKmsReference(input: string, inputName = 'kms-key'): KmsReference {
  const uri = input.trim();
  const scheme = /^([a-z0-9]+):\/\//i.exec(uri)?.[0].toLowerCase();
  if (scheme !== 'awskms://') {
    const name = scheme ? OTHER_PROVIDERS[scheme] : undefined;
    throw new SignImageError(
      'KMS_PROVIDER_UNSUPPORTED',
      name
        ? `The \`${inputName}\` input names a ${name} key (${scheme}), which this action cannot ${inputName === 'kms-key' ? 'sign with' : 'read'} yet`
        : `The \`${inputName}\` input is not a KMS key reference this action knows`,
      {
        hint: `Supported: ${SUPPORTED_KMS.join(', ')}; or sign with a cosign key (\`private-key\`) or keylessly`,
      },
    );
  }
  for (const format of AWS_FORMATS) {
    const m = format.exec(uri);
    if (!m) continue;
    const endpoint = m[1] ?? '';
    const keyId = m[2]!;
    if (endpoint !== '' && !ENDPOINT.test(endpoint)) break;
    if (keyId.startsWith('alias/') && !ALIAS_NAME.test(keyId)) break;
    const arnRegion = m[3];
    return {
      provider: 'awskms',
      uri,
      ...(endpoint ? { endpoint } : {}),
      keyId,
      ...(arnRegion ? { arnRegion } : {}),
    };
  }
  // The value names a key, not a secret, but it may be mistyped text: it is not echoed whole.
  throw new SignImageError(
    'KMS_REFERENCE_INVALID',
    `The \`${inputName}\` input is not a valid AWS KMS key reference`,
    {
      hint: 'Write it as cosign does: `awskms:///KEY-ID`, `awskms:///arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`, `awskms:///alias/NAME`, with `awskms://HOST[:PORT]/…` for another endpoint',
    },
  );
}
