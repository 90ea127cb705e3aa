// RegistryClient: the OCI distribution API for one repository, as the stages need it.
//
// Decision: a small client of our own instead of deep-importing @sigstore/oci's unexported
// RegistryClient. Its public API cannot push a plain tag, fails on registries that answer
// without an auth challenge, and reads neither DOCKER_CONFIG nor credential helpers; a deep
// import pinned to an exact version would be more fragile than code we own and test against
// the real registry (Debian docker-registry 2.8.2). That code is this folder: ~1,400
// formatted lines in 13 files, of which ~360 read the Docker config and credential helpers.
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md

import * as core from '../util/runner.js';
import { SignImageError } from '../errors.js';
import { Authenticator } from './auth.js';
import type { Challenge } from './challenge.js';
import type { Keychain } from './credentials.js';
import { expectStatus } from './errors.js';
import { DEFAULT_TIMEOUT_MS, type FetchFn, bodyOf } from './http.js';
import { MANIFEST_ACCEPT, OCI_INDEX } from './media-types.js';
import {
  baseType,
  checkDigest,
  checkReference,
  DIGEST,
  embeddedMediaType,
  parseIndex,
  checkRegistry,
  checkRepository,
  isLoopbackRegistry,
  sha256Digest,
  verifyDigest,
} from './names.js';
import { Transport } from './transport.js';
import type { RetryPolicy } from '../util/retry.js';
import type { Descriptor, ImageIndex } from './types.js';

export type { Descriptor, ImageIndex, ImageManifest, Platform } from './types.js';
export { sha256Digest } from './names.js';

/** A manifest as the registry stored it; `digest` is the sha256 of exactly these bytes. */
export interface ManifestResponse {
  bytes: Buffer;
  mediaType: string;
  digest: string;
  /** For a later `putManifest(…, { ifMatch })`; absent when the registry sends none. */
  etag?: string;
}

/** A blob in the repository; `uploaded` is false when the registry already had it. */
export interface BlobRef {
  digest: string;
  size: number;
  uploaded: boolean;
}

export interface ReferrersResult {
  /** False when the registry has no referrers API (404/400): use the `sha256-<hex>` tag. */
  supported: boolean;
  index?: ImageIndex;
}

/** What a manifest PUT returned. */
export interface PutManifestResult {
  digest: string;
  /** `OCI-Subject`: the registry processed the manifest's `subject` (OCI 1.1). */
  subject?: string;
}

// A digest just pushed can be unknown to a registry's read path for a few seconds (replicas,
// caches): ask again for about 5 s before calling it missing.
export const LAG_DELAYS_MS: readonly number[] = [250, 500, 1000, 1500, 2000];

/** Pages of a referrers list followed through `Link: <…>; rel="next"` before giving up. */
export const MAX_REFERRERS_PAGES = 20;

export interface RegistryClientOptions {
  /** host[:port] as in the image reference: '127.0.0.1:5000', 'ghcr.io', 'index.docker.io'. */
  registry: string;
  /** 'acme/app'. */
  repository: string;
  keychain: Keychain;
  fetch?: FetchFn;
  /** Default: http for loopback (localhost, *.localhost, 127.0.0.0/8, [::1]), else https. */
  scheme?: 'http' | 'https';
  /** Deadline per request, body included (default 30 s). */
  timeoutMs?: number;
  /** Challenges answered by the run's other clients, by registry (auth.ts); default: none shared. */
  challenges?: Map<string, Challenge>;
  /** How requests are retried (default: the action's one policy, util/retry.ts). */
  retry?: RetryPolicy;
  /** Token scope; `pull` for read-only use (default `pull,push`). */
  access?: 'pull' | 'pull,push';
  /** Registers tokens from the token endpoint as secrets (default core.setSecret). */
  maskSecret?: (secret: string) => void;
  /** One line per request (default core.debug when the runner debugs). */
  debug?: (line: string) => void;
}

export class RegistryClient {
  readonly registry: string;
  readonly repository: string;
  readonly scheme: 'http' | 'https';
  private readonly transport: Transport;
  /** Single flight per blob: the empty config or a shared payload goes up once per client. */
  private readonly blobs = new Map<string, Promise<BlobRef>>();

  constructor(opts: RegistryClientOptions) {
    this.registry = checkRegistry(opts.registry);
    this.repository = checkRepository(opts.repository);
    this.scheme = opts.scheme ?? (isLoopbackRegistry(opts.registry) ? 'http' : 'https');
    const fetchFn = opts.fetch ?? fetch;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const auth = new Authenticator({
      ...opts,
      fetch: fetchFn,
      scheme: this.scheme,
      access: opts.access ?? 'pull,push',
      timeoutMs,
      maskSecret: opts.maskSecret ?? core.setSecret,
    });
    const debug = opts.debug ?? ((line: string) => core.isDebug() && core.debug(line));
    // Docker Hub's API answers at index.docker.io (cosign's name for it); docker.io has none.
    const host = opts.registry === 'docker.io' ? 'index.docker.io' : opts.registry;
    const origin = new URL(`${this.scheme}://${host}`).origin;
    this.transport = new Transport({ ...opts, origin, fetch: fetchFn, auth, timeoutMs, debug });
  }

  /** The descriptor of a manifest by tag or digest; undefined when the registry has none. */
  async headManifest(reference: string): Promise<Descriptor | undefined> {
    const url = this.path('manifests', checkReference(reference));
    const res = await this.transport.send('HEAD', url, { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) return undefined;
    await expectStatus(res, { method: 'HEAD', url }, 200);
    const mediaType = baseType(res.headers.get('content-type'));
    const size = Number(res.headers.get('content-length') ?? NaN);
    const digest =
      res.headers.get('docker-content-digest') ?? (DIGEST.test(reference) ? reference : undefined);
    if (mediaType && digest && Number.isSafeInteger(size)) return { mediaType, size, digest };
    // Some registries omit the headers on HEAD; the manifest itself always tells.
    const manifest = await this.getManifest(reference);
    return (
      manifest && {
        mediaType: manifest.mediaType,
        size: manifest.bytes.length,
        digest: manifest.digest,
      }
    );
  }

  /** A manifest by tag or digest (verified against a digest reference); undefined on 404. */
  async getManifest(
    reference: string,
    accept: string = MANIFEST_ACCEPT,
  ): Promise<ManifestResponse | undefined> {
    const url = this.path('manifests', checkReference(reference));
    const res = await this.transport.send('GET', url, { headers: { Accept: accept } });
    if (res.status === 404) {
      return undefined;
    }
    await expectStatus(res, { method: 'GET', url }, 200);
    const bytes = bodyOf(res);
    if (DIGEST.test(reference)) verifyDigest(reference, bytes, url);
    const mediaType = baseType(res.headers.get('content-type'));
    return {
      bytes,
      mediaType:
        mediaType && mediaType !== 'application/json' ? mediaType : embeddedMediaType(bytes),
      digest: sha256Digest(bytes),
      etag: res.headers.get('etag') ?? undefined,
    };
  }

  /**
   * PUT a manifest under a tag or its digest; Content-Type must equal its `mediaType`.
   * `subject` is the registry's `OCI-Subject` answer: the digest of the manifest's `subject`
   * when the registry processed it (OCI 1.1 referrers API), else undefined.
   */
  async putManifest(
    reference: string,
    bytes: Buffer,
    mediaType: string,
    opts: { ifMatch?: string } = {},
  ): Promise<PutManifestResult> {
    const url = this.path('manifests', checkReference(reference));
    const headers: Record<string, string> = { 'Content-Type': mediaType };
    if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
    const res = await this.transport.send('PUT', url, { headers, body: bytes });
    await expectStatus(res, { method: 'PUT', url }, 201, 200, 202, 204);
    // Only a well-formed digest counts: the header is server text, never logged or trusted raw.
    const subject = res.headers.get('oci-subject')?.trim();
    return {
      digest: sha256Digest(bytes),
      ...(subject && DIGEST.test(subject) ? { subject } : {}),
    };
  }

  /** True when the repository has the blob. */
  async blobExists(digest: string): Promise<boolean> {
    const url = this.path('blobs', checkDigest(digest));
    const res = await this.transport.send('HEAD', url);
    if (res.status === 404) return false;
    await expectStatus(res, { method: 'HEAD', url }, 200);
    return true;
  }

  /**
   * Uploads a blob unless the registry has it; concurrent calls for one digest share the work.
   * `fresh` skips asking first, for a blob that is new almost surely (a just-merged `.sig` config).
   */
  uploadBlob(bytes: Buffer, opts: { fresh?: boolean } = {}): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    let pending = this.blobs.get(digest);
    if (!pending) {
      pending = this.pushBlob(digest, bytes, opts.fresh === true);
      this.blobs.set(digest, pending);
      pending.catch(() => this.blobs.delete(digest));
    }
    return pending;
  }

  /** A blob's bytes, checked against its digest. */
  async getBlob(digest: string): Promise<Buffer> {
    const url = this.path('blobs', checkDigest(digest));
    const res = await this.transport.send('GET', url);
    await expectStatus(res, { method: 'GET', url }, 200);
    const bytes = bodyOf(res);
    verifyDigest(digest, bytes, url);
    return bytes;
  }

  /**
   * The OCI 1.1 referrers of a digest, or `supported: false` when the API is absent. A list the
   * registry pages (`Link: <…>; rel="next"`, distribution-spec v1.1.0) is read to its end, up to
   * MAX_REFERRERS_PAGES pages, on the registry's own origin only.
   */
  async referrers(digest: string, artifactType?: string): Promise<ReferrersResult> {
    let url = this.path('referrers', checkDigest(digest));
    if (artifactType) url.searchParams.set('artifactType', artifactType);
    let index: ImageIndex | undefined;
    for (let page = 1; ; page++) {
      const res = await this.transport.send('GET', url, { headers: { Accept: OCI_INDEX } });
      // ggcr treats exactly these as "no referrers API" and falls back to the tag schema.
      if (page === 1 && (res.status === 404 || res.status === 400)) {
        return { supported: false };
      }
      await expectStatus(res, { method: 'GET', url }, 200);
      const bytes = bodyOf(res);
      const part = parseIndex(bytes);
      // A 200 that is not an index is some catch-all page, not the API.
      if (!part || baseType(res.headers.get('content-type')) !== OCI_INDEX) {
        if (page === 1) return { supported: false };
        throw new SignImageError(
          'REGISTRY_ERROR',
          `GET ${url.host}${url.pathname}: page ${page} of the referrers list is not an OCI image index`,
        );
      }
      const filtered = res.headers
        .get('oci-filters-applied')
        ?.split(',')
        .map((s) => s.trim())
        .includes('artifactType');
      if (artifactType && !filtered)
        part.manifests = part.manifests.filter((d) => d.artifactType === artifactType);
      if (index) index.manifests.push(...part.manifests);
      else index = part;
      const next = nextLink(res.headers.get('link'), url);
      if (!next) return { supported: true, index };
      if (page >= MAX_REFERRERS_PAGES)
        throw new SignImageError(
          'REGISTRY_ERROR',
          `GET ${url.host}${url.pathname}: the referrers list has more than ${MAX_REFERRERS_PAGES} pages`,
        );
      url = next;
    }
  }

  // HEAD first; then POST for an upload session and one monolithic PUT. A POST carrying the
  // body answers 202 on distribution 2.8 and stores nothing, so the two steps are needed.
  private async pushBlob(digest: string, bytes: Buffer, fresh: boolean): Promise<BlobRef> {
    if (!fresh && (await this.blobExists(digest)))
      return { digest, size: bytes.length, uploaded: false };
    const start = this.transport.url(`/v2/${this.repository}/blobs/uploads/`);
    const res = await this.transport.send('POST', start);
    await expectStatus(res, { method: 'POST', url: start }, 202);
    const location = res.headers.get('location');
    if (!location)
      throw new SignImageError(
        'REGISTRY_ERROR',
        `POST ${start.host}${start.pathname}: 202 without a Location header`,
      );
    const put = new URL(location, start);
    // Append rather than re-encode: the registry's own query (`_state`) must come back verbatim.
    const target = new URL(
      `${put.href}${put.search ? '&' : '?'}digest=${encodeURIComponent(digest)}`,
    );
    const done = await this.transport.send('PUT', target, {
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    await expectStatus(done, { method: 'PUT', url: target }, 201, 204);
    return { digest, size: bytes.length, uploaded: true };
  }

  private path(kind: 'manifests' | 'blobs' | 'referrers', reference: string): URL {
    return this.transport.url(`/v2/${this.repository}/${kind}/${reference}`);
  }
}

/**
 * The `rel="next"` target of a Link header (RFC 8288), resolved against `base`; only a target on
 * the same origin is followed, so a registry cannot send our credentials elsewhere.
 */
export function nextLink(header: string | null, base: URL): URL | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/(^|;)\s*rel\s*=\s*"?next"?\s*(;|$)/i.test(m[2]!)) continue;
    try {
      const url = new URL(m[1]!, base);
      return url.origin === base.origin ? url : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
