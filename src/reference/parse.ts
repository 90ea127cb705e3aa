// Image references parsed the way go-containerregistry's `pkg/name` does (what cosign uses), so
// the repository we sign into the payload is the one `cosign verify` derives from the same text.
// https://github.com/google/go-containerregistry/tree/main/pkg/name
import { SignImageError } from '../errors.js';
import { SHA256_DIGEST } from '../util/encoding.js';

export { isLoopbackRegistry } from '../registry/names.js';

/** A parsed reference. `registry` and `repository` are normalized as ggcr normalizes them. */
export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Docker Hub's canonical host: ggcr rewrites `docker.io` (and an absent registry) to it. */
export const DEFAULT_REGISTRY = 'index.docker.io';

const TAG = /^[\w][\w.-]{0,127}$/;
// One path component, as the distribution registry accepts it (ggcr checks only the alphabet,
// a registry then refuses e.g. `a//b` or `-a`; refusing here gives a clearer message).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?';
const REGISTRY = new RegExp(
  `^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`,
);
const EXAMPLE =
  'e.g. ghcr.io/owner/app, ghcr.io/owner/app:1.2.3 or ghcr.io/owner/app@sha256:<64 hex>';

/** Parses `[registry/]repository[:tag][@sha256:hex]`; throws REFERENCE_INVALID / DIGEST_INVALID. */
export function parseImageReference(text: string): ImageRef {
  const input = text.trim();
  if (input === '') throw invalid('the image reference is empty');
  if (/\s/.test(input)) throw invalid(`image reference "${input}" contains whitespace`);
  if (input.includes('://')) {
    throw invalid(
      `image reference "${input}" has a URL scheme; write it without http:// or https://`,
    );
  }

  const parts = input.split('@');
  if (parts.length > 2) throw invalid(`image reference "${input}" has more than one "@"`);
  let name = parts[0] ?? '';
  const digest = parts.length === 2 ? parseDigest(parts[1] ?? '') : undefined;
  if (name === '') throw invalid(`image reference "${input}" has no repository before "@"`);

  // A ":" starts a tag only when no "/" follows it; otherwise it is a registry port (ggcr NewTag).
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && !name.slice(colon + 1).includes('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) {
      throw invalid(
        `tag "${tag}" in "${input}" is not valid: a tag is 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"`,
      );
    }
  }

  // The first component is a registry only if it looks like a host (ggcr NewRepository).
  let registry = '';
  let repository = name;
  const slash = name.indexOf('/');
  const first = slash > 0 ? name.slice(0, slash) : '';
  if (first === 'localhost' || /[.:]/.test(first)) {
    registry = first;
    repository = name.slice(slash + 1);
  }
  if (registry !== '' && !REGISTRY.test(registry)) {
    throw invalid(`registry "${registry}" in "${input}" is not a valid host[:port]`);
  }
  checkRepository(repository, input);

  if (registry === '' || registry === 'docker.io') registry = DEFAULT_REGISTRY;
  // Official Docker Hub images live under `library/` (ggcr hasImplicitNamespace).
  if (registry === DEFAULT_REGISTRY && !repository.includes('/'))
    repository = `library/${repository}`;

  const ref: ImageRef = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `registry/repository` exactly as ggcr `Repository.Name()`: what cosign puts in `docker-reference`. */
export function repositoryName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** Validates a manifest digest: `sha256:` and 64 lower-case hex digits; else DIGEST_INVALID. */
export function parseDigest(text: string): string {
  const digest = text.trim();
  if (SHA256_DIGEST.test(digest)) return digest;
  const shown = digest.length > 80 ? `${digest.slice(0, 80)}…` : digest;
  throw new SignImageError('DIGEST_INVALID', `"${shown}" is not a manifest digest`, {
    hint:
      'A digest is "sha256:" followed by 64 lower-case hex digits (cosign and the registry accept only sha256), ' +
      'the manifest digest the registry reported when the image was pushed: docker/build-push-action ' +
      'outputs it as `digest`, `docker buildx imagetools inspect <image>` prints it',
  });
}

function checkRepository(repository: string, input: string): void {
  if (repository === '') throw invalid(`image reference "${input}" has no repository`);
  if (/[A-Z]/.test(repository)) {
    throw invalid(
      `repository "${repository}" in "${input}" contains uppercase letters, which are not allowed in a repository name`,
      'Write the repository in lower case: registries and cosign refuse uppercase letters (for GHCR, lower-case the owner name too)',
    );
  }
  if (repository.length > 255)
    throw invalid(`repository in "${input}" is longer than 255 characters`);
  for (const component of repository.split('/')) {
    if (!COMPONENT.test(component)) {
      throw invalid(
        `repository "${repository}" in "${input}" is not valid: each "/"-separated part must be lower-case letters ` +
          'and digits, joined by single ".", "_", "__" or runs of "-"',
      );
    }
  }
}

function invalid(message: string, hint = `Give an image reference, ${EXAMPLE}`): SignImageError {
  return new SignImageError('REFERENCE_INVALID', message, { hint });
}
