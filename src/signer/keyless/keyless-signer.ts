// Keyless signing: an ephemeral P-256 key, certified by Fulcio for the job's OIDC identity.
// One certificate serves the whole run, however many images; a fresh one is asked for only
// when the current one could expire before a signature made now is logged in Rekor.
//
// The certificate request (fulcio.ts) sends what @sigstore/sign's CAClient sends (`POST
// /api/v2/signingCert`, proof of possession) under the action's retry policy, which honours
// Retry-After. FulcioSigner itself cannot serve: it asks for a new certificate on every sign()
// call, keeps only the leaf (cosign's `dev.sigstore.cosign/chain` wants the rest), and puts the
// raw token into its error message when the token does not parse.
import type { IdentityProvider, Signature, Signer } from '@sigstore/sign';
import { generateKeyPairSync } from 'node:crypto';
import { SignImageError } from '../../errors.js';
import { describeFailure, RequestFailure } from '../../util/http-retry.js';
import type { RetryPolicy } from '../../util/retry.js';
import { KeySigner } from '../key/key-signer.js';
import { toSigningCertificate, type SigningCertificate } from './certificate.js';
import { FulcioStatusError, requestSigningCertificate } from './fulcio.js';
import { tokenClaims, tokenSubject, workflowIdentity } from './oidc.js';

/**
 * Renew this long before expiry. A signature is logged right after it is made, and Rekor's
 * integratedTime must fall inside the leaf's validity: under the retry policy (util/retry.ts)
 * one Rekor call can last up to 8 tries of 30 s plus back-off, about 4.5 minutes, and no call
 * outlives the run's deadline (5 minutes by default). Fulcio's 10-minute leaves therefore need
 * no renewal in a run that keeps the default deadline.
 */
export const REFRESH_MARGIN_MS = 300_000;

export interface KeylessSignerOptions {
  fulcioUrl: string;
  identityProvider: IdentityProvider;
  /** Milliseconds clock for the renewal decision; Date.now by default. */
  now?: () => number;
  /** How the certificate request is retried (default: the action's one policy). */
  retry?: RetryPolicy;
  /** GITHUB_SERVER_URL: with the token's `job_workflow_ref`, the SAN the leaf must carry. */
  serverUrl?: string;
  /** Checks a new leaf before anything is signed with it (its chain against the trusted root). */
  checkCertificate?: (certificate: SigningCertificate) => Promise<void> | void;
}

interface Issued {
  certificate: SigningCertificate;
  /** Local time the answer arrived: expiry is judged on our clock, so Fulcio's skew is harmless. */
  receivedAt: number;
}

/** Signs with an ephemeral key and the Fulcio leaf currently certifying it. */
export class KeylessSigner implements Signer {
  readonly #key = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  readonly #fulcioUrl: string;
  readonly #retry?: RetryPolicy;
  readonly #identityProvider: IdentityProvider;
  readonly #now: () => number;
  readonly #fulcioHost: string;
  readonly #serverUrl?: string;
  readonly #check?: (certificate: SigningCertificate) => Promise<void> | void;
  #current?: Promise<Issued>;
  /** Every leaf this signer was issued, PEM → its chain PEM. */
  readonly #chains = new Map<string, string>();

  constructor(options: KeylessSignerOptions) {
    this.#fulcioUrl = options.fulcioUrl;
    this.#retry = options.retry;
    this.#identityProvider = options.identityProvider;
    this.#now = options.now ?? Date.now;
    this.#fulcioHost = new URL(options.fulcioUrl).host;
    this.#serverUrl = options.serverUrl;
    this.#check = options.checkCertificate;
  }

  /** The certificate to sign with now: the current one, or a fresh one when it is about to expire. */
  async certificate(): Promise<SigningCertificate> {
    const pending = this.#current;
    if (!pending) return (await (this.#current = this.#issue())).certificate;
    const issued = await pending;
    const expiresAt = issued.receivedAt + issued.certificate.lifetimeMs;
    if (this.#now() + REFRESH_MARGIN_MS < expiresAt) return issued.certificate;
    // Concurrent callers that found the same stale leaf share one new request.
    if (this.#current === pending) this.#current = this.#issue();
    return (await this.#current!).certificate;
  }

  /** The rest of the chain Fulcio sent with `leafPem` ('' if unknown or none). */
  chainFor(leafPem: string): string {
    return this.#chains.get(leafPem) ?? '';
  }

  async sign(data: Buffer): Promise<Signature> {
    const certificate = await this.certificate();
    const { signature } = await this.#key.sign(data);
    return { signature, key: { $case: 'x509Certificate', certificate: certificate.leafPem } };
  }

  async #issue(): Promise<Issued> {
    const token = await this.#identityProvider.getToken();
    const claims = tokenClaims(token);
    // Proof of possession: our key's signature over the token's subject (cosign-format §5).
    const challenge = await this.#key.sign(Buffer.from(tokenSubject(claims)));
    let chain: string[];
    try {
      chain = await requestSigningCertificate({
        fulcioUrl: this.#fulcioUrl,
        token,
        publicKeyPem: this.#key.publicKeyPem,
        proofOfPossession: challenge.signature,
        policy: this.#retry,
      });
    } catch (err) {
      throw fulcioError(this.#fulcioHost, err);
    }
    const certificate = toSigningCertificate(chain, this.#key.publicKeyPem);
    // The leaf must name the job that asked for it, or verifiers pinning the workflow refuse it.
    const expected = workflowIdentity(claims, this.#serverUrl);
    if (expected !== undefined && certificate.identity !== expected) {
      throw untrustedLeaf(
        `names the identity ${JSON.stringify(certificate.identity)}, not the job's ${expected}`,
      );
    }
    if (typeof claims.iss === 'string' && certificate.issuer !== claims.iss) {
      throw untrustedLeaf(
        `names the issuer ${JSON.stringify(certificate.issuer)}, not the token's ${claims.iss}`,
      );
    }
    await this.#check?.(certificate);
    this.#chains.set(certificate.leafPem, certificate.chainPem);
    return { certificate, receivedAt: this.#now() };
  }
}

/** Names Fulcio's answer and the fix; Fulcio's own reason is kept (it never echoes the token). */
export function fulcioError(host: string, err: unknown): SignImageError {
  if (err instanceof SignImageError) return err; // RESPONSE_TOO_LARGE
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const status = (cause as { statusCode?: number })?.statusCode;
  if (typeof status !== 'number') {
    const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
    return new SignImageError('FULCIO_UNREACHABLE', `Fulcio at ${host} ${how}`, {
      cause: err,
      hint: 'Check `fulcio-url` and the network (for the public instance see https://status.sigstore.dev); nothing was signed or written',
    });
  }
  // HTTPError's message is "(status) <Fulcio's message>".
  const reason =
    cause instanceof Error ? cause.message.replace(/^\(\d+\)\s*/, '').slice(0, 300) : '';
  return new SignImageError(
    'FULCIO_ERROR',
    `Fulcio at ${host} answered ${status} to the certificate request${cause instanceof FulcioStatusError ? cause.note : ''}${reason ? `: ${reason}` : ''}`,
    {
      cause: err,
      hint:
        status >= 500 || status === 429 || status === 408
          ? 'The CA is failing or throttling; re-run the job later (for the public instance see https://status.sigstore.dev); nothing was written'
          : status === 401 || status === 403
            ? "Fulcio did not accept the job's OIDC token: check `fulcio-url` and that the token comes from GitHub Actions; nothing was written"
            : 'Check `fulcio-url`; nothing was written',
    },
  );
}

function untrustedLeaf(why: string): SignImageError {
  return new SignImageError('CERTIFICATE_UNTRUSTED', `the certificate Fulcio returned ${why}`, {
    hint: 'Check that `fulcio-url` points at a Fulcio CA that certifies GitHub Actions tokens; nothing was signed or written',
  });
}
