// Answers registry 401 challenges, once per client: Basic sends the credentials; Bearer trades
// them for a token at the realm (distribution token auth). The resulting Authorization value is
// cached and sent preemptively from then on, which saves a round trip on every later request.
// https://distribution.github.io/distribution/spec/auth/token/

import { SignImageError } from '../errors.js';
import { type Challenge, parseChallenges } from './challenge.js';
import type { Credentials, Keychain } from './credentials.js';
import {
  authHint,
  deniedHint,
  errorFromResponse,
  type RegistryError,
  type RequestLabel,
} from './errors.js';
import { type FetchFn, bodyOf } from './http.js';
import { basicAuth, fetchToken } from './token.js';
import type { RetryPolicy } from '../util/retry.js';
import type { HttpAnswer } from '../util/http-retry.js';

export interface AuthenticatorOptions {
  /** host[:port] as the keychain and the messages know it. */
  registry: string;
  repository: string;
  keychain: Keychain;
  fetch: FetchFn;
  /** The registry's own scheme; a token realm may not be weaker. */
  scheme: 'http' | 'https';
  /** Token scope actions; the action writes, so `pull,push` by default. */
  access: 'pull' | 'pull,push';
  timeoutMs: number;
  /** The action's retry policy unless a test gives another (token requests follow it too). */
  retry?: RetryPolicy;
  maskSecret: (secret: string) => void;
  /**
   * Challenges answered so far, by registry, shared by the clients of one run: a client for
   * another repository of a registry that already challenged answers the same challenge (for
   * its own repository) before its first request, instead of after a 401.
   */
  challenges?: Map<string, Challenge>;
}

/** Per-client authentication state: the cached header and a single-flight refresh. */
export class Authenticator {
  private header?: string;
  private refreshing?: Promise<string>;
  private credentials?: Promise<Credentials | undefined>;
  /** Whether the last 401 was answered with credentials (changes the hint of a final 401). */
  private usedCredentials = false;

  constructor(private readonly opts: AuthenticatorOptions) {}

  /** The Authorization value to send preemptively, once a challenge has been answered. */
  current(): string | undefined {
    return this.header;
  }

  /**
   * Before the first request: the Authorization value for the challenge another client of the
   * run already answered for this registry, or undefined (no such challenge, or answering it
   * failed: the request then goes out without, and its 401 is answered as usual).
   */
  async preempt(): Promise<string | undefined> {
    if (this.header) return this.header;
    const known = this.opts.challenges?.get(this.opts.registry);
    if (!known) return undefined;
    this.refreshing ??= this.answerChallenge(known, undefined).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing.catch(() => undefined);
  }

  /**
   * Answers a 401 that carried `sent` (undefined when the request went out without
   * credentials) and returns the Authorization value to retry with. Concurrent 401s share one
   * answer; a request that raced an answer just retries with it.
   */
  async respond(res: HttpAnswer, sent: string | undefined): Promise<string> {
    if (this.header && this.header !== sent) return this.header;
    this.refreshing ??= this.answer(res.headers.get('www-authenticate') ?? '', sent).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The error for a 401 that persists after `respond`: wrong credentials, or none found. */
  async rejected(req: RequestLabel, res: HttpAnswer): Promise<RegistryError> {
    const body = req.method === 'HEAD' ? '' : bodyOf(res).toString('utf8');
    const bearer = pick(parseChallenges(res.headers.get('www-authenticate') ?? ''));
    const text = body.slice(0, 4096);
    if (!this.usedCredentials)
      return errorFromResponse(req, res.status, text, { hint: this.noCredentialsHint() });
    // Distribution answers a token that lacks `push` with 401 insufficient_scope, not 403.
    if (bearer?.params.error === 'insufficient_scope') {
      return errorFromResponse(req, res.status, text, {
        code: 'REGISTRY_DENIED',
        hint: deniedHint(this.opts.registry),
      });
    }
    return errorFromResponse(req, res.status, text);
  }

  private async answer(header: string, sent: string | undefined): Promise<string> {
    const challenge = pick(parseChallenges(header));
    if (!challenge) {
      throw new SignImageError(
        'REGISTRY_AUTH_FAILED',
        `${this.what()} answered 401 without a challenge this action can answer`,
        {
          hint: authHint(this.opts.registry),
        },
      );
    }
    const next = await this.answerChallenge(challenge, sent);
    // For the run's other repositories of this registry: the realm and service, not the scope
    // (each asks for its own repository) or an error about this request.
    if (!challenge.params.error) {
      const params = { ...challenge.params };
      delete params.scope;
      this.opts.challenges?.set(this.opts.registry, { scheme: challenge.scheme, params });
    }
    return next;
  }

  private async answerChallenge(challenge: Challenge, sent: string | undefined): Promise<string> {
    const credentials = await this.resolveCredentials();
    this.usedCredentials = credentials !== undefined;
    // Our token already asked for every scope we need: a new one would be refused the same way.
    if (sent && credentials && challenge.params.error === 'insufficient_scope') {
      throw new SignImageError(
        'REGISTRY_DENIED',
        `${this.what()} refused access to ${this.opts.repository} (insufficient_scope)`,
        {
          hint: deniedHint(this.opts.registry),
        },
      );
    }
    let next: string;
    if (credentials && 'registryToken' in credentials) {
      next = `Bearer ${credentials.registryToken}`;
    } else if (challenge.scheme === 'basic') {
      if (!credentials || !('username' in credentials)) {
        throw new SignImageError(
          'REGISTRY_AUTH_FAILED',
          `${this.what()} requires credentials and none were found`,
          {
            hint: this.noCredentialsHint(),
          },
        );
      }
      next = basicAuth(credentials.username, credentials.password);
    } else {
      const token = await fetchToken(challenge, credentials, this.opts);
      if (!token.ok) throw token.error(credentials ? undefined : this.noCredentialsHint());
      this.opts.maskSecret(token.token);
      next = `Bearer ${token.token}`;
    }
    if (next === sent) {
      throw new SignImageError('REGISTRY_AUTH_FAILED', `${this.what()} rejected the credentials`, {
        hint: authHint(this.opts.registry),
      });
    }
    this.header = next;
    return next;
  }

  private resolveCredentials(): Promise<Credentials | undefined> {
    this.credentials ??= this.opts.keychain.resolve(this.opts.registry, this.opts.repository);
    return this.credentials;
  }

  private what(): string {
    return `registry ${this.opts.registry}`;
  }

  private noCredentialsHint(): string {
    return (
      `No credentials for ${this.opts.registry} were found in the inputs or the Docker config ` +
      `(DOCKER_CONFIG or ~/.docker/config.json); set \`registry-username\`/\`registry-password\` ` +
      `or run docker/login-action before this step`
    );
  }
}

/** Bearer when offered (stronger, scoped), else Basic; other schemes are not spoken. */
function pick(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic')
  );
}
