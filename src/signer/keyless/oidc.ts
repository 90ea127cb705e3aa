// The job's identity for keyless signing: a GitHub Actions OIDC token for the audience
// `sigstore` (what Fulcio accepts), fetched through @actions/core, and the subject Fulcio wants
// a proof of possession over. No message here ever carries a token, only what went wrong.
import * as core from '@actions/core';
import type { IdentityProvider } from '@sigstore/sign';
import { SignImageError } from '../../errors.js';

/** The audience Fulcio requires (cosign and sigstore-js ask for the same). */
export const SIGSTORE_AUDIENCE = 'sigstore';

/** Fetches the OIDC token; `core.getIDToken` by default. */
export type GetIdToken = (audience: string) => Promise<string>;

/** An IdentityProvider over the Actions token endpoint (`permissions: id-token: write`). */
export function githubIdentityProvider(
  env: NodeJS.ProcessEnv = process.env,
  getIdToken: GetIdToken = core.getIDToken,
): IdentityProvider {
  return {
    getToken: async () => {
      // The runner masks it too; masking it here keeps it out of our own debug lines regardless.
      if (env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) core.setSecret(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
      try {
        return await getIdToken(SIGSTORE_AUDIENCE);
      } catch (err) {
        throw tokenRequestError(err);
      }
    },
  };
}

/** Maps a failed token request to an error that says which permission or step is missing. */
export function tokenRequestError(err: unknown): SignImageError {
  // @actions/core only gives a message: "… Error Code : 403 …" (no status property).
  const text = err instanceof Error ? err.message : String(err);
  const status = /Error Code\s*:\s*(\d{3})/.exec(text)?.[1];
  if (status === '401' || status === '403') {
    return new SignImageError(
      'OIDC_TOKEN_FAILED',
      `The job's OIDC token endpoint refused to issue a token (HTTP ${status})`,
      {
        cause: err,
        hint: 'Give the job `permissions: id-token: write`; workflows run for pull requests from forks get no token, so sign those with a key (`COSIGN_PRIVATE_KEY`) or not at all',
      },
    );
  }
  return new SignImageError(
    'OIDC_TOKEN_FAILED',
    status
      ? `The job's OIDC token endpoint answered HTTP ${status}`
      : "The job's OIDC token could not be fetched",
    {
      cause: err,
      hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
    },
  );
}

/** The claims of a JWT, decoded without checking its signature (Fulcio checks that). */
export function tokenClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  let claims: unknown;
  try {
    if (parts.length !== 3) throw new Error('not three parts');
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new SignImageError('OIDC_TOKEN_INVALID', 'The OIDC token the job received is not a JWT', {
      cause,
      hint: 'Check that ACTIONS_ID_TOKEN_REQUEST_URL points at the Actions token service',
    });
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new SignImageError(
      'OIDC_TOKEN_INVALID',
      'The OIDC token the job received has no claims object',
      {
        hint: 'Check that ACTIONS_ID_TOKEN_REQUEST_URL points at the Actions token service',
      },
    );
  }
  return claims as Record<string, unknown>;
}

/**
 * The string the proof of possession signs, as Fulcio computes it: the `email` claim when there
 * is one (and only if `email_verified` is true), else `sub`. GitHub tokens carry no email, so
 * this is `repo:<owner>/<name>:ref:<ref>` and the like.
 */
export function tokenSubject(claims: Record<string, unknown>): string {
  if (claims.email !== undefined) {
    if (typeof claims.email !== 'string' || claims.email_verified !== true) {
      throw new SignImageError(
        'OIDC_TOKEN_INVALID',
        'The OIDC token has an email claim that is not verified',
        {
          hint: 'Fulcio certifies only verified email addresses; use the GitHub Actions token (`permissions: id-token: write`)',
        },
      );
    }
    return claims.email;
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw new SignImageError('OIDC_TOKEN_INVALID', 'The OIDC token has no subject (`sub`) claim', {
      hint: 'Check that ACTIONS_ID_TOKEN_REQUEST_URL points at the Actions token service',
    });
  }
  return claims.sub;
}
