// A GitHub Actions-style OIDC token endpoint (what core.getIDToken and cosign's GitHub provider
// call): GET /token?api-version=2.0&audience=sigstore with `Authorization: Bearer <request
// token>` → {"value":"<RS256 JWT>"}. The claims mirror a real GitHub workflow token.
import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { Route } from './http.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

// Query parameters a test may add to the request URL to change who the token is for.
export interface IdentityParams {
  repository?: string; // owner/name, default acme/app
  ref?: string; // default refs/heads/main
  workflow?: string; // workflow file name, default release.yml
  ttl?: string; // seconds until exp (negative: already expired)
}

export function githubClaims(
  p: IdentityParams,
  audience: string,
  now = Math.floor(Date.now() / 1000),
) {
  const repository = p.repository ?? 'acme/app';
  const ref = p.ref ?? 'refs/heads/main';
  const workflow = p.workflow ?? 'release.yml';
  const [owner] = repository.split('/');
  const sha = 'f'.repeat(40);
  const workflowRef = `${repository}/.github/workflows/${workflow}@${ref}`;
  return {
    jti: randomUUID(),
    sub: `repo:${repository}:ref:${ref}`,
    aud: audience,
    ref,
    sha,
    repository,
    repository_owner: owner,
    repository_owner_id: '1000',
    repository_visibility: 'public',
    repository_id: '2000',
    actor_id: '3000',
    actor: 'octocat',
    workflow: 'Release',
    head_ref: '',
    base_ref: '',
    event_name: 'push',
    ref_protected: 'true',
    ref_type: 'branch',
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    runner_environment: 'github-hosted',
    run_id: '4000',
    run_number: '7',
    run_attempt: '1',
    iss: GITHUB_ISSUER,
    nbf: now - 5,
    exp: now + Number(p.ttl ?? 3600),
    iat: now,
  };
}

export class OidcIssuer {
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid = randomUUID();

  constructor(readonly requestToken: string) {
    const kp = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = kp.privateKey;
    this.publicKey = kp.publicKey;
  }

  mint(claims: object): string {
    const input = `${b64url({ typ: 'JWT', alg: 'RS256', kid: this.kid })}.${b64url(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }

  // Checks signature, issuer, audience and time as Fulcio does; returns the claims.
  verify(token: string, audience: string): Record<string, unknown> {
    const [h, p, s] = token.split('.');
    if (!h || !p || s === undefined) throw new Error('token is not a JWT');
    if (!verify('sha256', Buffer.from(`${h}.${p}`), this.publicKey, Buffer.from(s, 'base64url'))) {
      throw new Error('token signature does not verify with the issuer key');
    }
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const now = Date.now() / 1000;
    if (claims.iss !== GITHUB_ISSUER) throw new Error(`unknown issuer ${String(claims.iss)}`);
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(audience)) throw new Error(`token audience is not ${audience}`);
    if (typeof claims.exp !== 'number' || claims.exp < now) throw new Error('token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60)
      throw new Error('token is not valid yet');
    return claims;
  }

  routes(): Route[] {
    const jwk = {
      ...this.publicKey.export({ format: 'jwk' }),
      kid: this.kid,
      alg: 'RS256',
      use: 'sig',
    };
    return [
      {
        method: 'GET',
        path: '/token',
        handle: (req) => {
          const auth = req.headers.authorization ?? '';
          if (!/^bearer /i.test(auth) || auth.slice(7) !== this.requestToken) {
            return { status: 403, body: { message: 'invalid ACTIONS_ID_TOKEN_REQUEST_TOKEN' } };
          }
          const q = Object.fromEntries(req.url.searchParams) as IdentityParams & {
            audience?: string;
          };
          const value = this.mint(
            githubClaims(
              q,
              q.audience ?? `https://github.com/${(q.repository ?? 'acme/app').split('/')[0]}`,
            ),
          );
          return { status: 200, body: { count: 1, value } };
        },
      },
      {
        method: 'GET',
        path: '/.well-known/jwks',
        handle: () => ({ status: 200, body: { keys: [jwk] } }),
      },
    ];
  }
}
