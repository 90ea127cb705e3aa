// The token endpoint of a Bearer challenge: GET the realm with Basic credentials (or none), or
// POST an OAuth2 refresh_token grant for an identity token, as docker does.
// https://distribution.github.io/distribution/spec/auth/token/
// https://distribution.github.io/distribution/spec/auth/oauth/

import { SignImageError } from '../errors.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { errorFromResponse, type RegistryError } from './errors.js';
import type { RetryPolicy } from '../util/retry.js';
import { type FetchFn, sendWithRetry, bodyOf } from './http.js';
import { BODY_LIMITS } from '../util/bounded-body.js';

const CLIENT_ID = 'sign-image';

export interface TokenRequestOptions {
  repository: string;
  access: 'pull' | 'pull,push';
  /** The registry's scheme: an http realm is only accepted for an http (loopback) registry. */
  scheme: 'http' | 'https';
  fetch: FetchFn;
  timeoutMs: number;
  retry?: RetryPolicy;
}

/** A token, or the endpoint's refusal (the caller adds the hint that fits its credentials). */
export type TokenResult =
  { ok: true; token: string } | { ok: false; error: (hint?: string) => RegistryError };

/** `Basic base64(user:password)`. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Asks the realm of `challenge` for a token scoped to our repository. */
export async function fetchToken(
  challenge: Challenge,
  credentials: Credentials | undefined,
  opts: TokenRequestOptions,
): Promise<TokenResult> {
  const realm = realmUrl(challenge, opts.scheme);
  const { service } = challenge.params;
  const scopes = [`repository:${opts.repository}:${opts.access}`];
  const asked = challenge.params.scope;
  // Keep a scope the registry asked for about another repository (e.g. a cross-repo mount).
  if (asked && !asked.startsWith(`repository:${opts.repository}:`)) scopes.push(asked);
  const init: RequestInit = { method: 'GET' };
  if (credentials && 'identityToken' in credentials) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.identityToken,
      client_id: CLIENT_ID,
    });
    if (service) form.set('service', service);
    form.set('scope', scopes.join(' '));
    init.method = 'POST';
    init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    init.body = form.toString();
  } else {
    if (service) realm.searchParams.set('service', service);
    for (const scope of scopes) realm.searchParams.append('scope', scope);
    if (credentials && 'username' in credentials) {
      realm.searchParams.set('account', credentials.username);
      init.headers = { Authorization: basicAuth(credentials.username, credentials.password) };
    }
  }
  const what = `token endpoint ${realm.host}`;
  const res = await sendWithRetry(opts.fetch, realm, init, {
    timeoutMs: opts.timeoutMs,
    what,
    retry: opts.retry,
    maxBodyBytes: BODY_LIMITS.service,
  });
  const body = bodyOf(res).toString('utf8');
  if (res.status !== 200) {
    const req = { method: init.method ?? 'GET', url: realm };
    return {
      ok: false,
      error: (hint) => errorFromResponse(req, res.status, body.slice(0, 4096), { hint }),
    };
  }
  let token: unknown;
  try {
    const parsed = JSON.parse(body) as { token?: unknown; access_token?: unknown };
    token = parsed.token || parsed.access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || !token) {
    throw new SignImageError('REGISTRY_ERROR', `${what} answered 200 without a token`);
  }
  return { ok: true, token };
}

// An http realm behind an https registry would send the credentials in clear text.
function realmUrl(challenge: Challenge, scheme: 'http' | 'https'): URL {
  const { realm } = challenge.params;
  let url: URL | undefined;
  try {
    url = realm ? new URL(realm) : undefined;
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && scheme === 'http')) return url;
  throw new SignImageError(
    'REGISTRY_AUTH_FAILED',
    `the token realm ${JSON.stringify(realm ?? '')} named by the registry is not usable`,
    { hint: 'The registry must name an https:// token realm' },
  );
}
