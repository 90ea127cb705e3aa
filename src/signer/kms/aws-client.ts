// AWS KMS through @aws-sdk/client-kms (credentials chain, SigV4, the JSON protocol), loaded only
// when a `kms-key` is used so that key and keyless runs do not pay for loading the SDK.
// Credentials and region come from the SDK's standard chain: AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (what aws-actions/configure-aws-credentials exports),
// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, shared config/credentials files, container and
// instance roles. An endpoint in the reference is spoken to over HTTPS, as cosign does.
import { maskSecret } from '../../inputs/mask.js';
import type { RetryPolicy } from '../../util/retry.js';
import type { FetchFn } from '../../util/http-retry.js';
import { FetchRetryHandler } from './fetch-handler.js';
import { kmsError } from './aws-errors.js';
import type { AwsKmsReference } from '../../inputs/kms-reference.js';
import type { KmsKeyFacts } from './key-spec.js';

/** The two KMS operations signing needs. */
export interface KmsClient {
  /** GetPublicKey: the SPKI DER and the key's spec, usage and signing algorithms. */
  getPublicKey(): Promise<KmsKeyFacts & { spki: Buffer }>;
  /** Sign with MessageType DIGEST: the signature over a digest computed here. */
  signDigest(digest: Buffer, algorithm: string): Promise<Buffer>;
}

export interface AwsClientOptions {
  env?: NodeJS.ProcessEnv;
  policy?: RetryPolicy;
  fetch?: FetchFn;
}

/** Secrets the SDK may read from the environment: masked before any request is made. */
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

/** A KMS client for `ref`; the SDK module is imported on first use. */
export function awsKmsClient(ref: AwsKmsReference, options: AwsClientOptions = {}): KmsClient {
  const env = options.env ?? process.env;
  for (const name of SECRET_ENV) maskSecret(env[name]);
  const host = ref.endpoint ?? 'AWS KMS';
  let sdk: Promise<SdkParts> | undefined;
  const load = () => (sdk ??= loadSdk(ref, env, options, host));
  return {
    async getPublicKey() {
      const { client, kms } = await load();
      try {
        const out = await client.send(new kms.GetPublicKeyCommand({ KeyId: ref.keyId }));
        if (!out.PublicKey) throw new Error('GetPublicKey returned no public key');
        return {
          spki: Buffer.from(out.PublicKey),
          keySpec: out.KeySpec,
          keyUsage: out.KeyUsage,
          signingAlgorithms: out.SigningAlgorithms,
        };
      } catch (err) {
        throw kmsError(err, { operation: 'GetPublicKey', uri: ref.uri, host });
      }
    },
    async signDigest(digest, algorithm) {
      const { client, kms } = await load();
      try {
        const out = await client.send(
          new kms.SignCommand({
            KeyId: ref.keyId,
            Message: digest,
            MessageType: 'DIGEST',
            SigningAlgorithm: algorithm as 'ECDSA_SHA_256',
          }),
        );
        if (!out.Signature) throw new Error('Sign returned no signature');
        return Buffer.from(out.Signature);
      } catch (err) {
        throw kmsError(err, { operation: 'Sign', uri: ref.uri, host });
      }
    },
  };
}

interface SdkParts {
  kms: typeof import('@aws-sdk/client-kms');
  client: import('@aws-sdk/client-kms').KMSClient;
}

async function loadSdk(
  ref: AwsKmsReference,
  env: NodeJS.ProcessEnv,
  options: AwsClientOptions,
  host: string,
): Promise<SdkParts> {
  const kms = await import('@aws-sdk/client-kms');
  // The SDK reads AWS_REGION and the config file; configure-aws-credentials also exports
  // AWS_DEFAULT_REGION, and an ARN names its region.
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || ref.arnRegion || undefined;
  const client = new kms.KMSClient({
    ...(region ? { region } : {}),
    ...(ref.endpoint ? { endpoint: `https://${ref.endpoint}` } : {}),
    maxAttempts: 1,
    requestHandler: new FetchRetryHandler(`KMS at ${host}`, {
      policy: options.policy,
      fetch: options.fetch,
    }),
  });
  return { kms, client };
}
