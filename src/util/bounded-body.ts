// Bounded response reads. fetch's arrayBuffer()/text() read a body whole, however large: a
// registry answering with a 1 GiB manifest (or a body that never ends) would take the runner's
// memory with it. Every body the action reads goes through readBounded: refused at once when
// Content-Length is over the limit, and cut off while streaming when the bytes are, so at most
// `limit` bytes (plus one network chunk) are ever held. Written here because fetch has no limit
// option and no well-kept library adds one to WHATWG Response bodies.
import { SignImageError } from '../errors.js';
import type { FetchAnswer } from './fetch.js';

const MiB = 1024 * 1024;

/** Largest bodies accepted, by what is asked. */
export const BODY_LIMITS = {
  /** Manifests, indexes, `.sig` configs and payloads, referrers lists (the registry's answers). */
  registry: 4 * MiB,
  /** Token endpoints, Rekor, Fulcio, TSA and the OIDC endpoint: small JSON or DER answers. */
  service: 1 * MiB,
} as const;

/** Signing caps of one run (generous for real multi-arch images, small enough for the public log). */
export const TARGET_LIMITS = {
  /** Digests one run signs, index children included. */
  perRun: 1000,
  /** Manifests one image index may list. */
  childrenPerIndex: 256,
} as const;

/** RESPONSE_TOO_LARGE for an answer of `what` (e.g. "registry ghcr.io") over `limit` bytes. */
export function tooLarge(what: string, limit: number, size?: number): SignImageError {
  const said = size === undefined ? 'more than' : `${size} bytes, more than`;
  return new SignImageError(
    'RESPONSE_TOO_LARGE',
    `${what} answered with ${said} the ${limit} bytes this action reads`,
    {
      hint: 'A manifest, index or service answer that large is not something this action signs or trusts; check the reference and the service URL (nothing was written)',
    },
  );
}

/**
 * The body of `res`, at most `limit` bytes; RESPONSE_TOO_LARGE (and the connection given up)
 * when the server announces or sends more.
 */
export async function readBounded(res: FetchAnswer, limit: number, what: string): Promise<Buffer> {
  const announced = res.headers.get('content-length');
  if (announced !== null && /^\d+$/.test(announced.trim()) && Number(announced) > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(what, limit, Number(announced));
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value === undefined) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, limit);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}
