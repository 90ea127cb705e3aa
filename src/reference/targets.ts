// Turns the `image` and `digest` inputs into the list of digests to sign. A digest is what gets
// signed, never a tag: tags are mutable, so they are kept only as labels for the report.
import { SignImageError } from '../errors.js';
import { parseDigest, parseImageReference, repositoryName, type ImageRef } from './parse.js';

/** One repository@digest to sign, with every tag the inputs named for it. */
export interface SignTarget {
  /** registry, repository and digest; never a tag. */
  ref: ImageRef;
  digest: string;
  /** Tags seen for this repository@digest in the inputs, first-seen order, no duplicates. */
  tags: string[];
}

/** Pairs each image with its digest (its own `@sha256:` or the `digest` input), deduped by repo@digest. */
export function resolveTargets(images: string[], digest: string | undefined): SignTarget[] {
  if (images.length === 0) {
    throw new SignImageError('REFERENCE_INVALID', 'no image to sign was given', {
      hint: 'Set the `image` input to the pushed repository, e.g. `image: ghcr.io/${{ github.repository }}`',
    });
  }
  const shared = digest === undefined || digest.trim() === '' ? undefined : parseDigest(digest);
  const targets = new Map<string, SignTarget>();
  for (const text of images) {
    const ref = parseImageReference(text);
    const chosen = pickDigest(text, ref, shared);
    const key = `${repositoryName(ref)}@${chosen}`;
    let target = targets.get(key);
    if (!target) {
      target = {
        ref: { registry: ref.registry, repository: ref.repository, digest: chosen },
        digest: chosen,
        tags: [],
      };
      targets.set(key, target);
    }
    if (ref.tag !== undefined && !target.tags.includes(ref.tag)) target.tags.push(ref.tag);
  }
  return [...targets.values()];
}

function pickDigest(text: string, ref: ImageRef, shared: string | undefined): string {
  if (ref.digest !== undefined) {
    if (shared !== undefined && shared !== ref.digest) {
      throw new SignImageError(
        'REFERENCE_INVALID',
        `image "${text.trim()}" carries digest ${ref.digest} but the digest input is ${shared}; which one to sign is ambiguous`,
        {
          hint: 'Remove the `@sha256:…` from the image, or leave the `digest` input empty, or make them the same digest',
        },
      );
    }
    return ref.digest;
  }
  if (shared !== undefined) return shared;
  throw new SignImageError('DIGEST_MISSING', `no digest to sign for image "${text.trim()}"`, {
    hint:
      'Pass the digest the build pushed, e.g. `digest: ${{ steps.<build-step-id>.outputs.digest }}` from ' +
      'docker/build-push-action, or write the image as `repo@sha256:…`. A tag is never signed: tags are mutable, ' +
      'so a signature must name the immutable manifest digest',
  });
}
