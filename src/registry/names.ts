// Syntax of the names the client puts into URLs, the loopback rule, and small parsers of what
// registries send back. Checked before any request: distribution 2.8 answers a malformed
// digest with a bare 500, and a stray `/` or `..` must never reach a URL path.

import { createHash } from 'node:crypto';
import { SignImageError } from '../errors.js';
import type { ImageIndex } from './types.js';

// https://github.com/distribution/reference/blob/v0.6.0/regexp.go
export const REPOSITORY =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
export const TAG = /^\w[\w.-]{0,127}$/;
export const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** sha256:<hex> of `bytes`. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The registry if it is host[:port] (IPv6 in brackets); REFERENCE_INVALID otherwise. */
export function checkRegistry(registry: string): string {
  if (
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/.test(registry)
  ) {
    return registry;
  }
  throw new SignImageError('REFERENCE_INVALID', `"${registry}" is not a valid registry host`);
}

/** The repository if it is a valid name; REFERENCE_INVALID otherwise. */
export function checkRepository(repository: string): string {
  if (REPOSITORY.test(repository)) return repository;
  throw new SignImageError('REFERENCE_INVALID', `"${repository}" is not a valid repository name`);
}

/** The reference if it is a tag or a digest; REFERENCE_INVALID otherwise. */
export function checkReference(reference: string): string {
  if (TAG.test(reference) || DIGEST.test(reference)) return reference;
  throw new SignImageError(
    'REFERENCE_INVALID',
    `"${reference}" is neither a tag nor a sha256 digest`,
  );
}

/** The digest if well formed; DIGEST_INVALID otherwise. */
export function checkDigest(digest: string): string {
  if (DIGEST.test(digest)) return digest;
  throw new SignImageError('DIGEST_INVALID', `"${digest}" is not a sha256:<64 hex> digest`);
}

/** `application/json; charset=utf-8` → `application/json`. */
export function baseType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim();
}

/** The `mediaType` field of a manifest, for registries that send no Content-Type. */
export function embeddedMediaType(bytes: Buffer): string {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    return typeof parsed.mediaType === 'string' ? parsed.mediaType : '';
  } catch {
    return '';
  }
}

/** An image index, or undefined for anything else. */
export function parseIndex(bytes: Buffer): ImageIndex | undefined {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<ImageIndex>;
    return parsed && Array.isArray(parsed.manifests) ? (parsed as ImageIndex) : undefined;
  } catch {
    return undefined;
  }
}

/** Throws REGISTRY_ERROR unless `bytes` hash to `digest` (sha256 or sha512). */
export function verifyDigest(digest: string, bytes: Buffer, url: URL): void {
  const [algorithm, hex] = digest.split(':') as [string, string];
  if (createHash(algorithm).update(bytes).digest('hex') !== hex) {
    throw new SignImageError(
      'REGISTRY_ERROR',
      `GET ${url.host}${url.pathname}: content does not match ${digest}`,
      {
        hint: 'The registry or a proxy in between altered the content; retry, and report it if it persists',
      },
    );
  }
}

/** True for registries on loopback (spoken to over plain HTTP): localhost, *.localhost, 127/8, [::1]. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = hostOf(registry.trim().toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

function hostOf(registry: string): string {
  if (registry.startsWith('[')) {
    const end = registry.indexOf(']');
    return end > 0 ? registry.slice(0, end + 1) : registry;
  }
  if (registry === '::1') return registry;
  const colon = registry.lastIndexOf(':');
  return colon >= 0 ? registry.slice(0, colon) : registry;
}
