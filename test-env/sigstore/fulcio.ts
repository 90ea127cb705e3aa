// Fulcio in front of @sigstore/mock's fulcioHandler. The mock reads the token only from the
// body, checks neither its signature nor the proof of possession, names the subject after a
// claim and answers 201; real Fulcio (and cosign 3, which sends only `Authorization: Bearer`
// and accepts only 200) differ. This front checks the token with the OIDC issuer's key and the
// proof of possession, sets the SAN the way Fulcio does for GitHub, and serves both the v2 JSON
// API (cosign 3, sigstore-js) and the legacy v1 API (cosign 2: 201, PEM chain).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { fulcioHandler, type HandlerFn } from '@sigstore/mock';
import type { Reply, Request, Route } from './http.js';
import type { OidcIssuer } from './oidc.js';

type CA = Parameters<typeof fulcioHandler>[0];

const grpcError = (status: number, code: number, message: string): Reply => ({
  status,
  body: { code, message, details: [] },
});

function parseKey(bytes: Buffer): KeyObject {
  const text = bytes.toString();
  return text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: bytes, format: 'der', type: 'spki' });
}

export class Fulcio {
  private readonly issue: HandlerFn;

  constructor(
    ca: CA,
    private readonly oidc: OidcIssuer,
  ) {
    // The mock takes the SAN from one claim; we hand it a claim holding the SAN we computed.
    this.issue = fulcioHandler(ca, { subjectClaim: '__san' }).fn;
  }

  private token(req: Request, body: Record<string, unknown>): string | undefined {
    const auth = req.headers.authorization;
    if (auth && /^bearer /i.test(auth)) return auth.slice(7).trim();
    const creds = body.credentials as { oidcIdentityToken?: string } | undefined;
    return creds?.oidcIdentityToken;
  }

  // Checks token and proof, asks the mock CA; returns the PEM chain [leaf, root] or an error.
  private async certify(
    req: Request,
    body: Record<string, unknown>,
    key: KeyObject | undefined,
    proof: string | undefined,
  ) {
    const token = this.token(req, body);
    if (!token) return grpcError(401, 16, 'The OIDC token was not provided');
    let claims: Record<string, unknown>;
    try {
      claims = this.oidc.verify(token, 'sigstore');
    } catch (e) {
      return grpcError(401, 16, `Error processing the identity token: ${(e as Error).message}`);
    }
    // The proof signs the email claim if there is one, else `sub` (sigstore oauthflow).
    const subject = String(claims.email ?? claims.sub);
    if (key) {
      if (!proof || !verify('sha256', Buffer.from(subject), key, Buffer.from(proof, 'base64'))) {
        return grpcError(400, 3, 'The signature supplied in the request could not be verified');
      }
    }
    const san = `https://github.com/${String(claims.job_workflow_ref)}`;
    const unsigned = [{ alg: 'none' }, { ...claims, __san: san }].map((o) =>
      Buffer.from(JSON.stringify(o)).toString('base64url'),
    );
    const forward = { ...body, credentials: { oidcIdentityToken: `${unsigned.join('.')}.x` } };
    const res = await this.issue(JSON.stringify(forward));
    if (res.statusCode !== 201) return grpcError(400, 3, String(res.response));
    const chain = (
      JSON.parse(String(res.response)) as {
        signedCertificateEmbeddedSct: { chain: { certificates: string[] } };
      }
    ).signedCertificateEmbeddedSct.chain.certificates;
    return chain;
  }

  routes(): Route[] {
    return [
      {
        method: 'POST',
        path: '/api/v2/signingCert',
        handle: async (req) => {
          const body = JSON.parse(req.body.toString()) as Record<string, unknown>;
          const pkr = body.publicKeyRequest as
            { publicKey?: { content?: string }; proofOfPossession?: string } | undefined;
          if (!pkr && !body.certificateSigningRequest)
            return grpcError(400, 3, 'missing public key or CSR');
          // With a CSR the CSR's own signature is the proof; the mock parses it.
          const key = pkr?.publicKey?.content
            ? parseKey(Buffer.from(pkr.publicKey.content))
            : undefined;
          const out = await this.certify(req, body, key, pkr?.proofOfPossession);
          if (!Array.isArray(out)) return out;
          return {
            status: 200,
            body: { signedCertificateEmbeddedSct: { chain: { certificates: out } } },
          };
        },
      },
      {
        method: 'POST',
        path: '/api/v1/signingCert',
        handle: async (req) => {
          const body = JSON.parse(req.body.toString()) as {
            publicKey?: { content?: string };
            signedEmailAddress?: string;
          };
          if (!body.publicKey?.content) return grpcError(400, 3, 'missing public key');
          const key = parseKey(Buffer.from(body.publicKey.content, 'base64'));
          const pem = key.export({ type: 'spki', format: 'pem' }).toString();
          const forward = { publicKeyRequest: { publicKey: { content: pem } } };
          const out = await this.certify(req, forward, key, body.signedEmailAddress);
          if (!Array.isArray(out)) return out;
          return {
            status: 201,
            body: out.join(''),
            headers: { 'Content-Type': 'application/pem-certificate-chain' },
          };
        },
      },
    ];
  }
}
