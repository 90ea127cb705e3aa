// The token server of the bed's second docker-registry, which runs distribution's `token` auth
// as GHCR, Docker Hub, ECR and Harbor do, instead of htpasswd: a client trades its credentials
// at the realm for a short-lived JWT scoped to one repository, and the registry then checks an
// ES256 signature per request instead of a bcrypt hash (measured on this bed: ~3 ms of the
// registry's CPU per request, ~70% of a manifest GET; see the README's benchmark).
//
// What it speaks is distribution's token protocol (docs/spec/auth/token.md and jwt.md):
// `GET <realm>?service=S&scope=repository:NAME:ACTIONS[&scope=…]` with Basic credentials answers
// `{"token", "access_token", "expires_in", "issued_at"}`; the JWT names `iss`, `aud` = service,
// `sub`, `exp`/`nbf`/`iat`, `jti` and the granted `access`, and carries its certificate in `x5c`
// (the registry's `rootcertbundle` holds that self-signed certificate). Every scope asked is
// granted to the bed's user; its reader (the same password) gets `pull` only, as a GitHub job
// without `packages: write` does from GHCR; anything else is 401. GET /stats counts the tokens.
//
//   node --import tsx test-env/token-issuer.ts PORT KEY_PEM CERT_PEM ISSUER
//   (TOKEN_USERNAME, TOKEN_READER and TOKEN_PASSWORD in the environment)
import { createPrivateKey, randomBytes, sign, timingSafeEqual, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

/** What the issuer needs: its key and certificate, its name, and the one user it knows. */
export interface IssuerConfig {
  keyPem: string;
  certPem: string;
  issuer: string;
  username: string;
  /** A user with the same password whose tokens grant `pull` only. */
  reader?: string;
  password: string;
  /** Lifetime of a token, in seconds. */
  ttlSeconds?: number;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** `repository:NAME:pull,push` → an access entry; NAME may not hold a colon (no host part). */
export function parseScope(scope: string): Access | undefined {
  const parts = scope.split(':');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  return { type: parts[0], name: parts[1], actions: parts[2] ? parts[2].split(',') : [] };
}

/** A signed JWT granting `access` for `service`, as distribution's token auth verifies it. */
export function issueToken(
  config: IssuerConfig,
  subject: string,
  service: string,
  access: Access[],
  nowSeconds: number,
): string {
  const der = new X509Certificate(config.certPem).raw;
  const header = { typ: 'JWT', alg: 'ES256', x5c: [der.toString('base64')] };
  const claims = {
    iss: config.issuer,
    sub: subject,
    aud: service,
    exp: nowSeconds + (config.ttlSeconds ?? 300),
    nbf: nowSeconds - 10,
    iat: nowSeconds,
    jti: randomBytes(12).toString('hex'),
    access,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  // JWS ES256 is r||s (IEEE P1363), not the DER that Node signs by default.
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: createPrivateKey(config.keyPem),
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${b64url(signature)}`;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The user named by valid Basic credentials, or undefined. */
function authenticated(config: IssuerConfig, header: string | undefined): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const known =
    sameSecret(user, config.username) ||
    (config.reader !== undefined && sameSecret(user, config.reader));
  return known && sameSecret(password, config.password) ? user : undefined;
}

/** Starts the issuer on 127.0.0.1:`port` (0: any free port). */
export function startTokenIssuer(
  config: IssuerConfig,
  port: number,
): Promise<{ server: http.Server; url: string; issued: () => number }> {
  let issued = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/stats') return answer(200, { issued });
    if (url.pathname !== '/token') return answer(404, { error: 'not found' });
    if (req.method !== 'GET') return answer(405, { error: 'only GET with Basic credentials' });
    const user = authenticated(config, req.headers.authorization);
    if (!user)
      return answer(
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] },
        {
          'www-authenticate': 'Basic realm="bed-token-issuer"',
        },
      );
    const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' '));
    const access = scopes
      .map(parseScope)
      .filter((a): a is Access => a !== undefined)
      .map((a) =>
        user === config.username ? a : { ...a, actions: a.actions.filter((x) => x === 'pull') },
      );
    const now = Math.floor(Date.now() / 1000);
    const token = issueToken(config, user, url.searchParams.get('service') ?? '', access, now);
    issued++;
    answer(200, {
      token,
      access_token: token,
      expires_in: config.ttlSeconds ?? 300,
      issued_at: new Date(now * 1000).toISOString(),
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${bound}/token`, issued: () => issued });
    });
  });
}

if (process.argv[1]?.endsWith('token-issuer.ts')) {
  const [port, keyPath, certPath, issuer] = process.argv.slice(2);
  const username = process.env.TOKEN_USERNAME;
  const reader = process.env.TOKEN_READER || undefined;
  const password = process.env.TOKEN_PASSWORD;
  if (!port || !keyPath || !certPath || !issuer || !username || !password) {
    console.error(
      'usage: TOKEN_USERNAME=… [TOKEN_READER=…] TOKEN_PASSWORD=… token-issuer.ts PORT KEY_PEM CERT_PEM ISSUER',
    );
    process.exit(2);
  }
  const { url } = await startTokenIssuer(
    {
      keyPem: readFileSync(keyPath, 'utf8'),
      certPem: readFileSync(certPath, 'utf8'),
      issuer,
      username,
      reader,
      password,
    },
    Number(port),
  );
  console.log(`token issuer at ${url}`);
}
