// Writes the local services' trust material where verifiers look for it: PEM files for cosign
// 2.5's SIGSTORE_* variables and skopeo, and a protobuf-specs TrustedRoot (cosign 3.1
// --trusted-root, @sigstore/verify) plus a SigningConfig (cosign 3.1 --signing-config).
import { createHash, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SigningConfig, TrustedRoot } from '@sigstore/protobuf-specs';

export interface TrustInput {
  dir: string;
  validFrom: Date; // before every certificate and entry time
  rekor: { url: string; publicKey: KeyObject };
  ctlog: { publicKey: KeyObject };
  fulcio: { url: string; root: Buffer }; // DER
  tsa: { url: string; chain: Buffer[] }; // DER, leaf-most first, root last
}

export interface TrustPaths {
  rekorPublicKey: string;
  ctlogPublicKey: string;
  fulcioRoot: string;
  fulcioChain: string;
  tsaChain: string;
  trustedRoot: string;
  signingConfig: string;
}

const certPem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

function logInstance(baseUrl: string, key: KeyObject, start: string) {
  const spki = key.export({ type: 'spki', format: 'der' });
  return {
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: spki.toString('base64'),
      keyDetails: 'PKIX_ECDSA_P256_SHA_256',
      validFor: { start },
    },
    logId: { keyId: createHash('sha256').update(spki).digest('base64') },
  };
}

export function writeTrust(t: TrustInput): TrustPaths {
  mkdirSync(t.dir, { recursive: true });
  const p = (name: string): string => path.join(t.dir, name);
  const paths: TrustPaths = {
    rekorPublicKey: p('rekor.pub'),
    ctlogPublicKey: p('ctlog.pub'),
    fulcioRoot: p('fulcio-root.pem'),
    fulcioChain: p('fulcio-chain.pem'),
    tsaChain: p('tsa-chain.pem'),
    trustedRoot: p('trusted_root.json'),
    signingConfig: p('signing_config.json'),
  };
  const spkiPem = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(paths.rekorPublicKey, spkiPem(t.rekor.publicKey));
  writeFileSync(paths.ctlogPublicKey, spkiPem(t.ctlog.publicKey));
  writeFileSync(paths.fulcioRoot, certPem(t.fulcio.root));
  // The mock CA signs leaves with its root: the chain below the leaf is the root alone.
  writeFileSync(paths.fulcioChain, certPem(t.fulcio.root));
  writeFileSync(paths.tsaChain, t.tsa.chain.map(certPem).join(''));

  const start = t.validFrom.toISOString();
  const root = TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logInstance(t.rekor.url, t.rekor.publicKey, start)],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: t.fulcio.url,
        certChain: { certificates: [{ rawBytes: t.fulcio.root.toString('base64') }] },
        validFor: { start },
      },
    ],
    ctlogs: [logInstance(t.fulcio.url, t.ctlog.publicKey, start)],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: t.tsa.url,
        certChain: { certificates: t.tsa.chain.map((c) => ({ rawBytes: c.toString('base64') })) },
        validFor: { start },
      },
    ],
  });
  writeFileSync(paths.trustedRoot, JSON.stringify(TrustedRoot.toJSON(root), null, 2) + '\n');

  // No TSA here: the signatures real cosign makes for the tests carry Rekor v1's integrated
  // time only (the bed's TSA takes DER too now, but no suite asks cosign for a timestamp).
  const service = (url: string) => ({
    url,
    majorApiVersion: 1,
    validFor: { start },
    operator: 'testbed',
  });
  const config = SigningConfig.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [service(t.fulcio.url)],
    oidcUrls: [],
    rekorTlogUrls: [service(t.rekor.url)],
    rekorTlogConfig: { selector: 'ANY' },
    tsaUrls: [],
    tsaConfig: { selector: 'ANY' },
  });
  writeFileSync(paths.signingConfig, JSON.stringify(SigningConfig.toJSON(config), null, 2) + '\n');
  return paths;
}
