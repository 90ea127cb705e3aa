import { resolveTargets } from '../../src/reference/targets.js';
import { errorOf } from '../helpers/errors.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('resolveTargets', () => {
  it('uses the digest input for images without one, never signing the tag', () => {
    expect(resolveTargets(['ghcr.io/acme/app:v1'], A)).toEqual([
      { ref: { registry: 'ghcr.io', repository: 'acme/app', digest: A }, digest: A, tags: ['v1'] },
    ]);
  });

  it("uses an image's own digest, also when the digest input agrees", () => {
    const [target] = resolveTargets([`ghcr.io/acme/app:v1@${B}`], B);
    expect(target).toEqual({
      ref: { registry: 'ghcr.io', repository: 'acme/app', digest: B },
      digest: B,
      tags: ['v1'],
    });
    expect(resolveTargets([`ghcr.io/acme/app@${B}`], undefined)[0]?.digest).toBe(B);
    expect(resolveTargets([`ghcr.io/acme/app@${B}`], '')[0]?.digest).toBe(B);
  });

  it('dedupes by repository@digest, merging tags in first-seen order', () => {
    const targets = resolveTargets(
      [
        'ghcr.io/acme/app:v1',
        'docker.io/library/ubuntu:22.04',
        'ghcr.io/acme/app:latest',
        `ghcr.io/acme/app:stable@${A}`,
        'ghcr.io/acme/app:v1',
        'ubuntu',
      ],
      A,
    );
    expect(
      targets.map((t) => [`${t.ref.registry}/${t.ref.repository}@${t.digest}`, t.tags]),
    ).toEqual([
      [`ghcr.io/acme/app@${A}`, ['v1', 'latest', 'stable']],
      [`index.docker.io/library/ubuntu@${A}`, ['22.04']],
    ]);
    const two = resolveTargets([`ghcr.io/acme/app@${A}`, `ghcr.io/acme/app@${B}`], undefined);
    expect(two.map((t) => t.digest)).toEqual([A, B]);
  });

  it('refuses a digest input that contradicts the image digest', () => {
    const e = errorOf(() => resolveTargets([`ghcr.io/acme/app@${B}`], A));
    expect(e.code).toBe('REFERENCE_INVALID');
    expect(e.message).toContain(A);
    expect(e.message).toContain(B);
  });

  it('names the image and the fix when no digest is known', () => {
    const e = errorOf(() => resolveTargets(['ghcr.io/acme/app:v1'], undefined));
    expect(e.code).toBe('DIGEST_MISSING');
    expect(e.message).toContain('ghcr.io/acme/app:v1');
    expect(e.hint).toContain('digest: ${{ steps.<build-step-id>.outputs.digest }}');
    expect(e.hint).toMatch(/docker\/build-push-action/);
    expect(e.hint).toMatch(/tag is never signed.*mutable/);
  });

  it('validates the digest input and refuses an empty image list', () => {
    expect(() => resolveTargets(['ghcr.io/a/b'], 'sha256:abc')).toFailWith('DIGEST_INVALID');
    expect(() => resolveTargets([], A)).toFailWith('REFERENCE_INVALID');
  });
});
