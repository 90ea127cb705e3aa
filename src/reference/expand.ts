// `recursive: true`: an image index is signed together with every manifest it lists, walking
// nested indexes, as `cosign sign --recursive` does (cosign-format §7) with one difference:
// BuildKit attestation manifests are skipped. They are provenance/SBOM carriers, not runnable
// images; nobody verifies a signature on them and cosign's signing them only adds Rekor entries.
// `sign-buildkit-attestations: true` signs those attestation manifests as well (with or without
// `recursive`), so that the SBOM and provenance docker/build-push-action attaches are verifiable
// by `cosign verify` as docker/github-builder's are. The registry is read only through the
// functions the caller passes in.
import { hasCode, SignImageError } from '../errors.js';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  OCI_INDEX,
  OCI_MANIFEST,
} from '../registry/media-types.js';
import type { Descriptor } from '../registry/types.js';
import { mapLimit } from '../util/limit.js';
import { repositoryName } from './parse.js';
import type { SignTarget } from './targets.js';
import { SHA256_DIGEST } from '../util/encoding.js';

/** BuildKit marks attestation manifests with this annotation (value `attestation-manifest`). */
export const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type';
/** Real images nest an index at most once; a deeper chain is malformed or hostile. */
export const MAX_INDEX_DEPTH = 4;

/** True for an OCI image index or a Docker manifest list. */
export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

/** A BuildKit attestation manifest: annotated as one, or on the `unknown/unknown` platform. */
export function isAttestationManifest(d: Descriptor): boolean {
  if (d.annotations?.[REFERENCE_TYPE_ANNOTATION] === 'attestation-manifest') return true;
  return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown';
}

/** Which children of an index are signed: its platform manifests, its BuildKit attestation manifests. */
export interface ChildSelection {
  platforms: boolean;
  attestations: boolean;
}

/** `recursive` alone: every image of the index except BuildKit attestation manifests. */
export const RECURSIVE: ChildSelection = { platforms: true, attestations: false };

/** The children of an index (its exact bytes): those to sign, and those skipped. */
export function indexChildren(
  bytes: Buffer,
  where: string,
  select: ChildSelection = RECURSIVE,
): { sign: Descriptor[]; skipped: Descriptor[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw invalid(where, 'it is not JSON', cause);
  }
  const manifests = (doc as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(manifests)) throw invalid(where, 'it has no `manifests` list');
  const sign: Descriptor[] = [];
  const skipped: Descriptor[] = [];
  for (const [i, m] of manifests.entries()) {
    const d = m as Partial<Descriptor> | null;
    if (
      typeof d?.mediaType !== 'string' ||
      typeof d.digest !== 'string' ||
      !SHA256_DIGEST.test(d.digest)
    ) {
      throw invalid(where, `its manifests[${i}] has no media type or sha256 digest`);
    }
    const signable =
      [OCI_MANIFEST, DOCKER_MANIFEST].includes(d.mediaType) || isIndexMediaType(d.mediaType);
    // Other media types (e.g. a Helm chart in the index) are not images cosign verifies.
    const wanted = isAttestationManifest(d as Descriptor) ? select.attestations : select.platforms;
    if (!signable || !wanted) skipped.push(d as Descriptor);
    else if (!sign.some((s) => s.digest === d.digest)) sign.push(d as Descriptor);
  }
  return { sign, skipped };
}

/** A target for `digest` in the repository of `parent`: an index's children live beside it. */
export function childTarget(parent: SignTarget, digest: string): SignTarget {
  return {
    ref: { registry: parent.ref.registry, repository: parent.ref.repository, digest },
    digest,
    tags: [],
  };
}

/** What the walk needs from the caller: a check of one target and a read of an index. */
export interface IndexWalker<T extends { target: SignTarget; descriptor: Descriptor }> {
  check(target: SignTarget): Promise<T>;
  readIndex(checked: T): Promise<Buffer>;
  onSkip?(parent: T, child: Descriptor): void;
  parallel: number;
  /** Which children are signed (default RECURSIVE); nested indexes are walked only with `platforms`. */
  select?: ChildSelection;
}

/**
 * Adds, after the checked roots, every manifest their indexes list (breadth first, in index
 * order). Each repository@digest appears once, so a child also named in `image` is signed once.
 */
export async function expandIndexes<T extends { target: SignTarget; descriptor: Descriptor }>(
  roots: readonly T[],
  walker: IndexWalker<T>,
): Promise<T[]> {
  const key = (t: SignTarget) => `${repositoryName(t.ref)}@${t.digest}`;
  const seen = new Set(roots.map((r) => key(r.target)));
  const all = [...roots];
  let level = roots.filter((r) => isIndexMediaType(r.descriptor.mediaType));
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > MAX_INDEX_DEPTH)
      throw invalid(key(level[0]!.target), `indexes nest deeper than ${MAX_INDEX_DEPTH} levels`);
    const lists = await mapLimit(level, walker.parallel, async (parent) => {
      const { sign, skipped } = indexChildren(
        await walker.readIndex(parent),
        key(parent.target),
        walker.select,
      );
      for (const child of skipped) walker.onSkip?.(parent, child);
      return sign.map((d) => ({ parent, target: childTarget(parent.target, d.digest) }));
    });
    const fresh = lists
      .flat()
      .filter(({ target }) => !seen.has(key(target)) && seen.add(key(target)));
    const checked = await mapLimit(fresh, walker.parallel, ({ parent, target }) =>
      walker.check(target).catch((err: unknown) => {
        throw hasCode(err, 'DIGEST_NOT_FOUND')
          ? missingChild(key(target), key(parent.target), err)
          : err;
      }),
    );
    all.push(...checked);
    level = checked.filter((c) => isIndexMediaType(c.descriptor.mediaType));
  }
  return all;
}

function missingChild(child: string, parent: string, cause: unknown): SignImageError {
  return new SignImageError(
    'DIGEST_NOT_FOUND',
    `${child}, listed in the index ${parent}, is not in the registry`,
    {
      hint: 'Push every platform of the index (docker buildx --push, `skopeo copy --all`) before signing, or set `recursive: false` to sign the index alone',
      cause,
    },
  );
}

function invalid(where: string, why: string, cause?: unknown): SignImageError {
  return new SignImageError(
    'INDEX_INVALID',
    `the image index ${where} cannot be expanded: ${why}`,
    {
      hint: 'Set `recursive: false` to sign the index digest alone, or rebuild and push the index',
      cause,
    },
  );
}
