// The Vault client's refusals that happen before any request: nothing may be sent (the token
// least of all) without an address, over plain http off loopback, or without a token.
import { vaultClient } from '../../../src/signer/kms/vault-client.js';
import type { FetchFn } from '../../../src/util/http-retry.js';

const REF = { provider: 'hashivault' as const, uri: 'hashivault://k', keyName: 'k' };
const noFetch: FetchFn = async () => {
  throw new Error('no request may be made');
};

async function failure(env: NodeJS.ProcessEnv): Promise<{ code?: string; message: string }> {
  try {
    await vaultClient(REF, { env, fetch: noFetch }).getPublicKey();
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a failure');
}

describe('vaultClient before any request', () => {
  it('needs VAULT_ADDR', async () => {
    expect(await failure({ VAULT_TOKEN: 't' })).toMatchObject({
      code: 'KMS_CREDENTIALS_MISSING',
      message: 'VAULT_ADDR is not set, so the Vault key hashivault://k cannot be reached',
    });
  });

  it('needs VAULT_TOKEN (or BAO_TOKEN)', async () => {
    expect(await failure({ VAULT_ADDR: 'https://vault.example.com' })).toMatchObject({
      code: 'KMS_CREDENTIALS_MISSING',
    });
  });

  it.each(['http://vault.example.com:8200', 'http://10.0.0.5:8200'])(
    'refuses plain http off loopback: %s',
    async (addr) => {
      const e = await failure({ VAULT_ADDR: addr, VAULT_TOKEN: 'secret-token-1' });
      expect(e.code).toBe('INPUT_INVALID');
      expect(e.message).toContain('would send the Vault token in clear');
      expect(e.message).not.toContain('secret-token-1');
    },
  );

  it('refuses credentials in VAULT_ADDR without echoing them', async () => {
    const e = await failure({ VAULT_ADDR: 'https://u:pw-77@vault.example.com', VAULT_TOKEN: 't' });
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).not.toContain('pw-77');
  });
});
