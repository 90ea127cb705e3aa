// An in-process Fulcio and GitHub-style token endpoint on 127.0.0.1: the test bed's own
// classes (token signature, audience and proof of possession checked as the real Fulcio does),
// started per test file so unit tests need no running bed and count only their own requests.
import { initializeCA, initializeCTLog } from '@sigstore/mock';
import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import { Fulcio } from '../../test-env/sigstore/fulcio.js';
import { Control, serve } from '../../test-env/sigstore/http.js';
import { githubClaims, OidcIssuer, type IdentityParams } from '../../test-env/sigstore/oidc.js';

export interface LocalFulcio {
  url: string;
  tokenUrl: string; // ACTIONS_ID_TOKEN_REQUEST_URL
  requestToken: string; // ACTIONS_ID_TOKEN_REQUEST_TOKEN
  rootPem: string;
  issuer: OidcIssuer;
  /** POST /api/v2/signingCert calls so far. */
  certificateRequests: () => number;
  /** A token for the audience `sigstore`, as the Actions endpoint would mint it. */
  token: (params?: IdentityParams) => string;
  close: () => Promise<void>;
}

export async function startLocalFulcio(): Promise<LocalFulcio> {
  const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const clock = new Date(Math.floor(Date.now() / 1000) * 1000);
  const ctlog = await initializeCTLog(p256(), clock);
  const ca = await initializeCA(p256(), ctlog, clock);
  const issuer = new OidcIssuer('unit-request-token');
  const control = new Control();
  const servers: Server[] = [];
  const fulcio = await serve('fulcio', new Fulcio(ca, issuer).routes(), control);
  const oidc = await serve('oidc', issuer.routes(), control);
  servers.push(fulcio.server, oidc.server);
  const der = Buffer.from(ca.rootCertificate.buffer);
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    url: fulcio.url,
    tokenUrl: `${oidc.url}/token?api-version=2.0`,
    requestToken: issuer.requestToken,
    rootPem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    issuer,
    certificateRequests: () => control.counts.fulcio?.['POST /api/v2/signingCert'] ?? 0,
    token: (params = {}) => issuer.mint(githubClaims(params, 'sigstore')),
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
