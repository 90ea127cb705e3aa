import { SignImageError } from '../../src/errors.js';
import { indexChildren } from '../../src/reference/expand.js';
import { resolveTargets } from '../../src/reference/targets.js';
import { TARGET_LIMITS } from '../../src/util/bounded-body.js';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SignImageError) return err.code;
    throw err;
  }
  return undefined;
}

describe('target caps', () => {
  it('signs up to the per-run cap and refuses one more', () => {
    const images = (n: number) =>
      Array.from({ length: n }, (_, i) => `ghcr.io/acme/app@${digest(i + 1)}`);
    expect(resolveTargets(images(TARGET_LIMITS.perRun), undefined)).toHaveLength(
      TARGET_LIMITS.perRun,
    );
    expect(codeOf(() => resolveTargets(images(TARGET_LIMITS.perRun + 1), undefined))).toBe(
      'TOO_MANY_TARGETS',
    );
  });

  it('refuses an index listing more children than the cap', () => {
    const index = (n: number) =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: Array.from({ length: n }, (_, i) => ({
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: digest(i + 1),
            size: 1,
          })),
        }),
      );
    expect(indexChildren(index(TARGET_LIMITS.childrenPerIndex), 'r@x').sign).toHaveLength(
      TARGET_LIMITS.childrenPerIndex,
    );
    expect(codeOf(() => indexChildren(index(10_000), 'r@x'))).toBe('TOO_MANY_TARGETS');
  });
});
