// The job's identity for keyless signing: a GitHub Actions OIDC token for the audience
// `sigstore` (what Fulcio accepts), fetched as @actions/core's getIDToken does but under the
// action's one retry policy (which honours Retry-After), and the subject Fulcio wants a proof
// of possession over. No message here ever carries a token, only what went wrong.
import * as core from '../../util/runner.js';
import type { IdentityProvider } from '@sigstore/sign';
import { SignImageError } from '../../errors.js';
import {
  attemptsNote,
  describeFailure,
  fetchWithRetry,
  RequestFailure,
  type HttpAnswer,
} from '../../util/http-retry.js';
import type { RetryPolicy } from '../../util/retry.js';
import { BODY_LIMITS } from '../../util/bounded-body.js';

/** The audience Fulcio requires (cosign and sigstore-js ask for the same). */
export const SIGSTORE_AUDIENCE = 'sigstore';

/** Fetches the OIDC token; fetchIdToken by default. */
export type GetIdToken = (audience: string) => Promise<string>;

/**
 * The job's OIDC token for `audience` from the Actions token endpoint
 * (`ACTIONS_ID_TOKEN_REQUEST_URL`, request token as Bearer), masked before it is returned.
 */
export async function fetchIdToken(
  audience: string,
  env: NodeJS.ProcessEnv = process.env,
  policy?: RetryPolicy,
): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !requestToken) {
    throw new SignImageError(
      'OIDC_TOKEN_FAILED',
      'The job has no OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL is not set)',
      {
        hint: 'Give the job `permissions: id-token: write`, or sign with a key (`COSIGN_PRIVATE_KEY`)',
      },
    );
  }
  let res: HttpAnswer;
  try {
    res = await fetchWithRetry(
      `${url}&audience=${encodeURIComponent(audience)}`,
      { headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' } },
      {
        what: `the job's OIDC token endpoint at ${new URL(url).host}`,
        policy,
        maxBodyBytes: BODY_LIMITS.service,
      },
    );
  } catch (err) {
    throw tokenRequestError(err, new URL(url).host);
  }
  if (res.status !== 200) throw tokenStatusError(res.status, attemptsNote(res), new URL(url).host);
  let token: unknown;
  try {
    token = ((await res.json()) as { value?: unknown }).value;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new SignImageError(
      'OIDC_TOKEN_FAILED',
      "The job's OIDC token endpoint answered without a token",
      {
        hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
      },
    );
  }
  core.setSecret(token);
  return token;
}

/** An IdentityProvider over the Actions token endpoint (`permissions: id-token: write`). */
export function githubIdentityProvider(
  env: NodeJS.ProcessEnv = process.env,
  getIdToken: GetIdToken = (audience) => fetchIdToken(audience, env),
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
export function tokenRequestError(err: unknown, host?: string): SignImageError {
  if (err instanceof SignImageError) return err;
  if (err instanceof RequestFailure) {
    return new SignImageError(
      'OIDC_TOKEN_FAILED',
      `The job's OIDC token endpoint${host ? ` at ${host}` : ''} ${describeFailure(err)}`,
      {
        cause: err,
        hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
      },
    );
  }
  // @actions/core only gives a message: "… Error Code : 403 …" (no status property).
  const text = err instanceof Error ? err.message : String(err);
  const status = /Error Code\s*:\s*(\d{3})/.exec(text)?.[1];
  const error = status ? tokenStatusError(Number(status)) : undefined;
  return (
    error ??
    new SignImageError('OIDC_TOKEN_FAILED', "The job's OIDC token could not be fetched", {
      cause: err,
      hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
    })
  );
}

/** The error for a status other than 200 from the token endpoint; `note` follows the status. */
export function tokenStatusError(code: number, note = '', host?: string): SignImageError {
  const endpoint = `The job's OIDC token endpoint${host ? ` at ${host}` : ''}`;
  const status = String(code);
  if (status === '401' || status === '403') {
    return new SignImageError(
      'OIDC_TOKEN_FAILED',
      `${endpoint} refused to issue a token (HTTP ${status})${note}`,
      {
        hint: 'Give the job `permissions: id-token: write`; workflows run for pull requests from forks get no token, so sign those with a key (`COSIGN_PRIVATE_KEY`) or not at all',
      },
    );
  }
  return new SignImageError('OIDC_TOKEN_FAILED', `${endpoint} answered HTTP ${status}${note}`, {
    hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
  });
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

/**
 * The certificate identity Fulcio must write for a GitHub Actions token: the server URL and the
 * `job_workflow_ref` claim (`https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main`;
 * in a reusable workflow, the called workflow). Undefined for a token without that claim.
 */
export function workflowIdentity(
  claims: Record<string, unknown>,
  serverUrl = 'https://github.com',
): string | undefined {
  const ref = claims.job_workflow_ref;
  if (typeof ref !== 'string' || ref === '') return undefined;
  return `${serverUrl.replace(/\/+$/, '')}/${ref}`;
}
