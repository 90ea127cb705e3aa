// Pure: what Fulcio answered becomes the certificate this run signs with, checked before any
// signature depends on it. The PEM text is re-encoded the way cosign writes it (Go's
// pem.EncodeToMemory, which @sigstore/core's pem.fromDER matches byte for byte), whatever line
// layout the CA used.
// https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
import { ASN1Obj, pem, X509Certificate } from '@sigstore/core';
import { createPublicKey } from 'node:crypto';
import { SignImageError } from '../../errors.js';

/** Fulcio's "Issuer (V2)" extension: a DER UTF8String holding the OIDC issuer URL. */
export const OID_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';
/** The deprecated "Issuer" extension: the raw URL bytes (older Fulcio leaves carry only this). */
export const OID_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';

/** Who a Fulcio leaf certifies: what `cosign verify --certificate-identity/-oidc-issuer` match. */
export interface CertificateIdentity {
  /** The SAN, e.g. `https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main`. */
  identity: string;
  /** The OIDC issuer, e.g. `https://token.actions.githubusercontent.com`. */
  issuer: string;
}

/** A signing certificate as this run uses it. */
export interface SigningCertificate extends CertificateIdentity {
  /** Leaf PEM: the `dev.sigstore.cosign/certificate` annotation and the Rekor entry's key. */
  leafPem: string;
  /** The rest of the chain Fulcio returned (intermediates, root), PEM; '' when it sent the leaf only. */
  chainPem: string;
  /** notAfter − notBefore: how long the leaf is valid from its issue. */
  lifetimeMs: number;
}

/** Checks Fulcio's chain (leaf first) against the key we asked it to certify. */
export function toSigningCertificate(
  chain: readonly string[],
  publicKeyPem: string,
): SigningCertificate {
  const ders = chain.flatMap(pemBlocks);
  const leafDer = ders[0];
  if (!leafDer) throw invalid('Fulcio returned no certificate');
  const leaf = parse(leafDer);
  const ours = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  if (!ours.equals(leaf.publicKey)) throw invalid('Fulcio returned a certificate for another key');
  const lifetimeMs = leaf.notAfter.getTime() - leaf.notBefore.getTime();
  if (!(lifetimeMs > 0)) throw invalid('the certificate Fulcio returned has no validity period');
  return {
    ...identityOf(leaf),
    leafPem: pem.fromDER(leafDer),
    chainPem: ders
      .slice(1)
      .map((der) => pem.fromDER(der))
      .join(''),
    lifetimeMs,
  };
}

/** The SAN and OIDC issuer of a Fulcio leaf (PEM or DER). */
export function certificateIdentity(certificate: string | Buffer): CertificateIdentity {
  return identityOf(
    parse(
      typeof certificate === 'string'
        ? (pemBlocks(certificate)[0] ?? Buffer.alloc(0))
        : certificate,
    ),
  );
}

function identityOf(leaf: X509Certificate): CertificateIdentity {
  const identity = leaf.subjectAltName;
  if (!identity) throw invalid('the certificate Fulcio returned has no subject alternative name');
  const issuer = issuerOf(leaf);
  if (!issuer) throw invalid('the certificate Fulcio returned names no OIDC issuer');
  return { identity, issuer };
}

function issuerOf(leaf: X509Certificate): string | undefined {
  const v2 = leaf.extension(OID_ISSUER_V2)?.value;
  if (v2) {
    try {
      return ASN1Obj.parseBuffer(v2 as Buffer<ArrayBuffer>).value.toString('utf8');
    } catch {
      return undefined;
    }
  }
  return leaf.extension(OID_ISSUER_V1)?.value.toString('utf8');
}

function parse(der: Buffer): X509Certificate {
  try {
    return X509Certificate.parse(der as Buffer<ArrayBuffer>);
  } catch (cause) {
    throw invalid('the certificate Fulcio returned cannot be parsed', cause);
  }
}

// Each element of Fulcio's chain is one PEM certificate; tolerate several blocks in one string.
function pemBlocks(text: string): Buffer[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
    (m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'),
  );
}

function invalid(message: string, cause?: unknown): SignImageError {
  return new SignImageError('CERTIFICATE_INVALID', message, {
    cause,
    hint: 'Check that `fulcio-url` points at a Fulcio CA (e.g. https://fulcio.sigstore.dev); nothing was signed or written',
  });
}
