import { jest } from '@jest/globals';
import {
  githubIdentityProvider,
  tokenClaims,
  tokenRequestError,
  tokenSubject,
} from '../../../src/signer/keyless/oidc.js';
import { startLocalFulcio, type LocalFulcio } from '../../helpers/local-fulcio.js';
import { errorOf } from '../../helpers/errors.js';

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('tokenSubject', () => {
  it('is `sub` for a GitHub Actions token (it has no email)', () => {
    expect(tokenSubject(tokenClaims(jwt({ sub: 'repo:acme/app:ref:refs/heads/main' })))).toBe(
      'repo:acme/app:ref:refs/heads/main',
    );
  });
  it('is the email when there is a verified one', () => {
    expect(tokenSubject({ sub: '123', email: 'a@example.com', email_verified: true })).toBe(
      'a@example.com',
    );
  });
  it('refuses an unverified email and a missing subject', () => {
    expect(
      errorOf(() => tokenSubject({ sub: '1', email: 'a@example.com', email_verified: false })).code,
    ).toBe('OIDC_TOKEN_INVALID');
    expect(() => tokenSubject({ aud: 'sigstore' })).toFailWith('OIDC_TOKEN_INVALID');
  });
});

describe('tokenClaims', () => {
  it('refuses what is not a JWT without echoing it', () => {
    for (const token of [
      'not-a-jwt-secret',
      'a.b',
      `x.${Buffer.from('[1]').toString('base64url')}.y`,
      'x.%%%.y',
    ]) {
      const err = errorOf(() => tokenClaims(token));
      expect(err.code).toBe('OIDC_TOKEN_INVALID');
      expect(err.message).not.toContain(token);
    }
  });
});

describe('tokenRequestError', () => {
  // The shape of @actions/core's error for a refused request.
  const coreError = (status: number) =>
    new Error(
      `Error message: Failed to get ID Token. \n \n        Error Code : ${status}\n \n        Error Message: Forbidden`,
    );

  it('403 and 401 say to grant id-token: write', () => {
    for (const status of [401, 403]) {
      const err = tokenRequestError(coreError(status));
      expect(err.code).toBe('OIDC_TOKEN_FAILED');
      expect(err.message).toContain(`HTTP ${status}`);
      expect(err.hint).toMatch(/permissions: id-token: write/);
    }
  });
  it('other statuses and network failures say to re-run', () => {
    expect(tokenRequestError(coreError(503)).message).toContain('HTTP 503');
    expect(tokenRequestError(new Error('connect ECONNREFUSED')).hint).toMatch(/Re-run/);
  });
});

describe('githubIdentityProvider', () => {
  let fulcio: LocalFulcio;
  const saved = { ...process.env };

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    fulcio = await startLocalFulcio();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await fulcio.close();
  });
  afterEach(() => {
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = saved.ACTIONS_ID_TOKEN_REQUEST_URL;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = saved.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (saved.ACTIONS_ID_TOKEN_REQUEST_URL === undefined)
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    if (saved.ACTIONS_ID_TOKEN_REQUEST_TOKEN === undefined)
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  });

  function useEndpoint(requestToken: string): NodeJS.ProcessEnv {
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = fulcio.tokenUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = requestToken;
    return process.env;
  }

  it('gets a token for the audience sigstore through @actions/core', async () => {
    const token = await githubIdentityProvider(useEndpoint(fulcio.requestToken)).getToken();
    expect(tokenClaims(token)).toMatchObject({
      aud: 'sigstore',
      iss: 'https://token.actions.githubusercontent.com',
    });
    expect(() => fulcio.issuer.verify(token, 'sigstore')).not.toThrow();
  });

  it('masks the request token and the token it gets', async () => {
    const write = jest.spyOn(process.stdout, 'write'); // calls through: only records
    const token = await githubIdentityProvider(useEndpoint(fulcio.requestToken)).getToken();
    const lines = write.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain(`::add-mask::${fulcio.requestToken}\n`);
    expect(lines).toContain(`::add-mask::${token}\n`);
  });

  it('a 403 from the endpoint is OIDC_TOKEN_FAILED naming the permission', async () => {
    const err = await githubIdentityProvider(useEndpoint('wrong-request-token'))
      .getToken()
      .then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string; hint: string },
      );
    expect(err).toMatchObject({
      code: 'OIDC_TOKEN_FAILED',
      message: expect.stringContaining('HTTP 403'),
    });
    expect(err!.hint).toMatch(/id-token: write/);
    expect(`${err!.message} ${err!.hint}`).not.toContain('wrong-request-token');
  });
});
