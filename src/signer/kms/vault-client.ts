// HashiCorp Vault / OpenBao transit, spoken to directly over its HTTP API: two calls (read the
// key, sign a digest) need no SDK, and the official JS clients wrap the same two requests while
// bringing their own HTTP stack; through fetchWithRetry the calls follow the one retry policy.
// Configuration as sigstore's hashivault provider reads it: VAULT_ADDR (or BAO_ADDR),
// VAULT_TOKEN (or BAO_TOKEN), TRANSIT_SECRET_ENGINE_PATH (default `transit`), VAULT_NAMESPACE.
//   GET  /v1/<transit>/keys/<KEY>               → type, supports_signing, latest_version, keys
//   POST /v1/<transit>/sign/<KEY>/sha2-256       {input, prehashed: true, key_version}
//        → signature "vault:vN:<base64 ASN.1 DER>"
import { SignImageError } from '../../errors.js';
import { maskSecret } from '../../inputs/mask.js';
import { describeFailure, fetchWithRetry, RequestFailure } from '../../util/http-retry.js';
import type { FetchFn } from '../../util/http-retry.js';
import type { RetryPolicy } from '../../util/retry.js';
import type { KmsClient } from './aws-client.js';
import type { HashivaultReference } from '../../inputs/kms-reference.js';

export interface VaultClientOptions {
  env?: NodeJS.ProcessEnv;
  policy?: RetryPolicy;
  fetch?: FetchFn;
}

/** Key types a transit key can have, and the name of the one cosign verifies as we sign it. */
const P256 = 'ecdsa-p256';
/** A transit signature carries the key version it was made with: `vault:v<N>:`. */
const PREFIX = /^vault:v(\d+):([A-Za-z0-9+/]+={0,2})$/;
const MAX_BODY = 1 << 20;

export function vaultClient(ref: HashivaultReference, options: VaultClientOptions = {}): KmsClient {
  const env = options.env ?? process.env;
  const token = env.VAULT_TOKEN || env.BAO_TOKEN;
  maskSecret(token);
  const address = env.VAULT_ADDR || env.BAO_ADDR;
  const transit = (env.TRANSIT_SECRET_ENGINE_PATH || 'transit').replace(/^\/+|\/+$/g, '');
  const base = () => {
    if (!address) {
      throw new SignImageError(
        'KMS_CREDENTIALS_MISSING',
        `VAULT_ADDR is not set, so the Vault key ${ref.uri} cannot be reached`,
        {
          hint: 'Set VAULT_ADDR (e.g. https://vault.example.com:8200) and VAULT_TOKEN in the step env',
        },
      );
    }
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new SignImageError('INPUT_INVALID', 'VAULT_ADDR is not a URL', {
        hint: 'Set VAULT_ADDR to the server, e.g. https://vault.example.com:8200',
      });
    }
    const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new SignImageError(
        'INPUT_INVALID',
        `VAULT_ADDR is ${url.protocol}//${url.host}, which would send the Vault token in clear`,
        { hint: 'Use an https:// VAULT_ADDR (plain http is accepted on loopback only)' },
      );
    }
    if (url.username || url.password) {
      throw new SignImageError('INPUT_INVALID', 'VAULT_ADDR must not carry credentials', {
        hint: 'Give the token in VAULT_TOKEN',
      });
    }
    if (!token) {
      throw new SignImageError(
        'KMS_CREDENTIALS_MISSING',
        `VAULT_TOKEN is not set, so the Vault key ${ref.uri} cannot be used`,
        {
          hint: 'Set VAULT_TOKEN (hashicorp/vault-action exports it) to a token allowed to read and sign with the transit key',
        },
      );
    }
    return { url, token };
  };

  let version: number | undefined;
  const call = async (
    operation: 'GetPublicKey' | 'Sign',
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const { url, token } = base();
    const target = new URL(`${url.pathname.replace(/\/+$/, '')}/v1/${transit}/${path}`, url);
    const headers: Record<string, string> = { 'X-Vault-Token': token };
    if (env.VAULT_NAMESPACE) headers['X-Vault-Namespace'] = env.VAULT_NAMESPACE;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchWithRetry(
        target,
        { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
        { what: `Vault at ${url.host}`, policy: options.policy, fetch: options.fetch },
      );
    } catch (err) {
      if (err instanceof RequestFailure) {
        throw new SignImageError(
          'KMS_UNREACHABLE',
          `Vault at ${url.host} ${describeFailure(err)} (${operation})`,
          { hint: 'Check VAULT_ADDR and the network', cause: err },
        );
      }
      throw err;
    }
    const text = await res.text();
    if (res.status === 200 && text.length <= MAX_BODY) {
      try {
        const json = JSON.parse(text) as { data?: Record<string, unknown> };
        if (json.data && typeof json.data === 'object') return json.data;
      } catch {
        /* reported below */
      }
    }
    // The server's error text is not printed: only the status says what happened.
    if (res.status === 404) {
      throw new SignImageError(
        'KMS_KEY_NOT_FOUND',
        `The Vault transit key ${ref.uri} does not exist`,
        {
          hint: `Check the key name, and TRANSIT_SECRET_ENGINE_PATH if the engine is not mounted at \`transit\``,
        },
      );
    }
    if (res.status === 401 || res.status === 403) {
      throw new SignImageError(
        'KMS_AUTH_FAILED',
        `Vault at ${url.host} refused the token for ${operation} on ${ref.uri} (HTTP ${res.status})`,
        {
          hint: `The token needs \`read\` on ${transit}/keys/${ref.keyName} and \`update\` on ${transit}/sign/${ref.keyName}/*`,
        },
      );
    }
    if (operation === 'Sign' && res.status === 400) {
      throw new SignImageError(
        'KMS_KEY_CANNOT_SIGN',
        `The Vault transit key ${ref.uri} cannot sign (HTTP 400)`,
        { hint: 'Use an ecdsa-p256 transit key' },
      );
    }
    throw new SignImageError(
      'KMS_ERROR',
      `Vault at ${url.host} answered ${operation} on ${ref.uri} with HTTP ${res.status}${res.status === 200 ? ' and no data' : ''}`,
      { hint: 'Re-run on a 5xx answer; otherwise check VAULT_ADDR and the key' },
    );
  };

  return {
    async getPublicKey() {
      const data = await call('GetPublicKey', 'GET', `keys/${ref.keyName}`);
      const type = typeof data.type === 'string' ? data.type : undefined;
      const latest = Number(data.latest_version);
      const entry = (data.keys as Record<string, unknown> | undefined)?.[String(latest)];
      const publicKey = (entry as { public_key?: unknown } | undefined)?.public_key;
      const facts = {
        provider: 'hashivault' as const,
        keySpec: type,
        keyUsage: data.supports_signing === true ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT',
        signingAlgorithms: type === P256 ? ['ECDSA_SHA_256'] : [],
      };
      if (facts.keyUsage !== 'SIGN_VERIFY' || type !== P256)
        return { ...facts, spki: Buffer.alloc(0) };
      if (!Number.isSafeInteger(latest) || latest < 1 || typeof publicKey !== 'string') {
        throw new SignImageError(
          'KMS_ERROR',
          `Vault returned no public key for the latest version of ${ref.uri}`,
          {
            hint: 'Check VAULT_ADDR: it must be a Vault or OpenBao server with the transit engine',
          },
        );
      }
      version = latest;
      return { ...facts, spki: pemToDer(publicKey) };
    },
    async signDigest(digest) {
      const data = await call('Sign', 'POST', `sign/${ref.keyName}/sha2-256`, {
        input: digest.toString('base64'),
        prehashed: true,
        // The version whose public key was reported: a rotation meanwhile cannot split them.
        ...(version ? { key_version: version } : {}),
      });
      const m = typeof data.signature === 'string' ? PREFIX.exec(data.signature) : null;
      if (!m || (version !== undefined && Number(m[1]) !== version)) {
        throw new SignImageError(
          'KMS_ERROR',
          `Vault returned a signature for ${ref.uri} that is not vault:v${version ?? 'N'}:<base64>`,
          {
            hint: 'Check VAULT_ADDR: it must be a Vault or OpenBao server with the transit engine',
          },
        );
      }
      return Buffer.from(m[2]!, 'base64');
    },
  };
}

function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem)?.[1] ?? '';
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}
