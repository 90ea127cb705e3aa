// Pure: who signed, in the terms a verifier is told. Key mode: the public key and its
// fingerprint. Keyless: the certificate identity (SAN) and OIDC issuer that `cosign verify` and
// the admission controllers match, plus what the Fulcio leaf says about the run, for reviewers.
// https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { createHash } from 'node:crypto';
import type { SignatureResult, SignerIdentity } from './result.js';

/** Fulcio "Build Config URI": the top-level workflow of the run (the caller of a reusable one). */
const OID_BUILD_CONFIG_URI = '1.3.6.1.4.1.57264.1.18';
/** Fulcio "Run Invocation URI": a link to the run that signed. */
const OID_RUN_INVOCATION_URI = '1.3.6.1.4.1.57264.1.21';

/** One certificate identity: exactly what `--certificate-identity`/`-oidc-issuer` compare. */
export interface KeylessIdentity {
  identity: string;
  issuer: string;
}

/** What the report says about the signer. */
export type SignerFacts =
  | { mode: 'key'; publicKeyPem: string; fingerprint: string; keyRef?: string }
  | {
      mode: 'keyless';
      /** Distinct identities over all signatures (one per run in practice), first seen first. */
      identities: KeylessIdentity[];
      /** The run's top-level workflow when it differs from the identity (a reusable workflow). */
      callerWorkflow?: string;
      runUrl?: string;
    };

/** The signer's facts; keyless identities come from each result, else from the signer. */
export function describeSigner(
  results: readonly SignatureResult[],
  signer: SignerIdentity,
): SignerFacts {
  if (signer.mode === 'key') {
    const publicKeyPem = signer.publicKeyPem.endsWith('\n')
      ? signer.publicKeyPem
      : `${signer.publicKeyPem}\n`;
    return {
      mode: 'key',
      publicKeyPem,
      fingerprint: publicKeyFingerprint(publicKeyPem),
      ...(signer.keyRef ? { keyRef: signer.keyRef } : {}),
    };
  }
  const identities: KeylessIdentity[] = [];
  const add = (identity: string, issuer: string) => {
    if (!identities.some((i) => i.identity === identity && i.issuer === issuer)) {
      identities.push({ identity, issuer });
    }
  };
  for (const r of results) add(r.identity ?? signer.subject, r.issuer ?? signer.issuer);
  if (identities.length === 0) add(signer.subject, signer.issuer);
  const leaf = parseLeaf(signer.certificatePem);
  const buildConfig = leaf && utf8Extension(leaf, OID_BUILD_CONFIG_URI);
  const runUrl = leaf && utf8Extension(leaf, OID_RUN_INVOCATION_URI);
  return {
    mode: 'keyless',
    identities,
    ...(buildConfig && !identities.some((i) => i.identity === buildConfig)
      ? { callerWorkflow: buildConfig }
      : {}),
    ...(runUrl ? { runUrl } : {}),
  };
}

/** Hex SHA-256 of the SubjectPublicKeyInfo DER inside a `PUBLIC KEY` PEM. */
export function publicKeyFingerprint(pem: string): string {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return createHash('sha256').update(Buffer.from(body, 'base64')).digest('hex');
}

// The report must never fail a run that signed: an unreadable leaf only loses the extras.
function parseLeaf(pem: string): X509Certificate | undefined {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) return undefined;
  try {
    return X509Certificate.parse(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  } catch {
    return undefined;
  }
}

// Fulcio's newer extensions hold a DER UTF8String; only URLs are read here, so check the shape.
function utf8Extension(leaf: X509Certificate, oid: string): string | undefined {
  const value = leaf.extension(oid)?.value;
  if (!value) return undefined;
  try {
    const text = ASN1Obj.parseBuffer(value as Buffer<ArrayBuffer>).value.toString('utf8');
    return /^https:\/\/[^\s`'"<>]+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
