// Keyless signing: an ephemeral P-256 key, certified by Fulcio for the job's OIDC identity.
// One certificate serves the whole run, however many images; a fresh one is asked for only
// when the current one could expire before a signature made now is logged in Rekor.
//
// The certificate request goes through @sigstore/sign's CAClient, the part of its FulcioSigner
// that talks to Fulcio (`POST /api/v2/signingCert`, proof of possession, retries). FulcioSigner
// itself cannot serve: it asks for a new certificate on every sign() call, keeps only the leaf
// (cosign's `dev.sigstore.cosign/chain` wants the rest), and puts the raw token into its error
// message when the token does not parse.
import type { IdentityProvider, Signature, Signer } from '@sigstore/sign';
import { CAClient } from '@sigstore/sign/dist/signer/fulcio/ca.js';
import { generateKeyPairSync } from 'node:crypto';
import { SignImageError } from '../../errors.js';
import { KeySigner } from '../key/key-signer.js';
import { toSigningCertificate, type SigningCertificate } from './certificate.js';
import { tokenClaims, tokenSubject } from './oidc.js';

const RETRY = { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2000 };
const TIMEOUT_MS = 30_000;
/**
 * Renew this long before expiry. A signature is logged right after it is made, and Rekor's
 * integratedTime must fall inside the leaf's validity: the Rekor witness may take up to three
 * 30 s attempts plus back-off, so two minutes cover the slowest path.
 */
export const REFRESH_MARGIN_MS = 120_000;

export interface KeylessSignerOptions {
  fulcioUrl: string;
  identityProvider: IdentityProvider;
  /** Milliseconds clock for the renewal decision; Date.now by default. */
  now?: () => number;
}

interface Issued {
  certificate: SigningCertificate;
  /** Local time the answer arrived: expiry is judged on our clock, so Fulcio's skew is harmless. */
  receivedAt: number;
}

/** Signs with an ephemeral key and the Fulcio leaf currently certifying it. */
export class KeylessSigner implements Signer {
  readonly #key = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  readonly #ca: CAClient;
  readonly #identityProvider: IdentityProvider;
  readonly #now: () => number;
  readonly #fulcioHost: string;
  #current?: Promise<Issued>;
  /** Every leaf this signer was issued, PEM → its chain PEM. */
  readonly #chains = new Map<string, string>();

  constructor(options: KeylessSignerOptions) {
    this.#ca = new CAClient({
      fulcioBaseURL: options.fulcioUrl,
      retry: RETRY,
      timeout: TIMEOUT_MS,
    });
    this.#identityProvider = options.identityProvider;
    this.#now = options.now ?? Date.now;
    this.#fulcioHost = new URL(options.fulcioUrl).host;
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
    // Proof of possession: our key's signature over the token's subject (cosign-format §5).
    const challenge = await this.#key.sign(Buffer.from(tokenSubject(tokenClaims(token))));
    let chain: string[];
    try {
      chain = await this.#ca.createSigningCertificate(
        token,
        this.#key.publicKeyPem,
        challenge.signature,
      );
    } catch (err) {
      throw fulcioError(this.#fulcioHost, err);
    }
    const certificate = toSigningCertificate(chain, this.#key.publicKeyPem);
    this.#chains.set(certificate.leafPem, certificate.chainPem);
    return { certificate, receivedAt: this.#now() };
  }
}

/** Names Fulcio's answer and the fix; Fulcio's own reason is kept (it never echoes the token). */
export function fulcioError(host: string, err: unknown): SignImageError {
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const status = (cause as { statusCode?: number })?.statusCode;
  if (typeof status !== 'number') {
    return new SignImageError('FULCIO_UNREACHABLE', `Fulcio at ${host} could not be reached`, {
      cause: err,
      hint: 'Check `fulcio-url` and the network; nothing was signed or written',
    });
  }
  // HTTPError's message is "(status) <Fulcio's message>".
  const reason =
    cause instanceof Error ? cause.message.replace(/^\(\d+\)\s*/, '').slice(0, 300) : '';
  return new SignImageError(
    'FULCIO_ERROR',
    `Fulcio at ${host} answered ${status} to the certificate request${reason ? `: ${reason}` : ''}`,
    {
      cause: err,
      hint:
        status >= 500 || status === 429
          ? 'The CA is failing or throttling; re-run the job later (for the public instance see https://status.sigstore.dev); nothing was written'
          : status === 401 || status === 403
            ? "Fulcio did not accept the job's OIDC token: check `fulcio-url` and that the token comes from GitHub Actions; nothing was written"
            : 'Check `fulcio-url`; nothing was written',
    },
  );
}
