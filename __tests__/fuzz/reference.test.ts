// Fuzz-style tests of the reference parsers, which read what users paste into `image` and
// `digest`: thousands of random and mutated inputs (seeded, see harness.ts). Each must parse into
// something well formed that reads back the same, or throw a SignImageError of its stage, fast.
import { parseDigest, parseImageReference, repositoryName } from '../../src/reference/parse.js';
import { splitList } from '../../src/inputs/parse.js';
import { resolveTargets } from '../../src/reference/targets.js';
import { fuzz, mutate, pick, randomText } from '../helpers/fuzz-harness.js';

const REFERENCE_CODES = ['REFERENCE_INVALID', 'DIGEST_INVALID', 'DIGEST_MISSING'];
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const REFERENCES = [
  'ghcr.io/acme/app',
  'ghcr.io/acme/app:1.2.3',
  `ghcr.io/acme/app:v1@${DIGEST}`,
  `localhost:5000/a/b@${DIGEST}`,
  '127.0.0.1:41213/e2e/x:latest',
  '[::1]:5000/ns/repo:tag',
  'busybox',
  'docker.io/library/nginx:1.27',
  `registry.example.com:443/very/deep/path/name_with__under-dash.dot@${DIGEST}`,
];

describe('reference parsers', () => {
  it('parse or refuse 3000 random and mutated references; what parses is well formed', () => {
    const seen = fuzz(
      'parseImageReference',
      3000,
      (r) => (r() < 0.25 ? randomText(r, 60) : mutate(pick(r, REFERENCES), r)),
      (text) => {
        const ref = parseImageReference(text);
        expect(ref.registry).toMatch(/^[\w.-]+(:\d+)?$|^\[[0-9a-fA-F:.]+\](:\d+)?$/);
        expect(ref.repository).toMatch(
          /^[a-z0-9]+([._-]+[a-z0-9]+)*(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/,
        );
        if (ref.digest) expect(ref.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        // Written back out, it reads the same.
        const again = `${repositoryName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
        expect(parseImageReference(again)).toEqual(ref);
      },
      REFERENCE_CODES,
    );
    expect(seen.returned).toBeGreaterThan(300); // the mutations keep many inputs valid
    expect(seen.codes).toEqual(new Set(['REFERENCE_INVALID', 'DIGEST_INVALID']));
    expect(seen.slowestMs).toBeLessThan(50); // no pathological backtracking
  });

  it('resolve or refuse 1500 mutated image lists and digest inputs', () => {
    const seen = fuzz(
      'resolveTargets',
      1500,
      (r) => ({
        image: Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
          const ref = pick(r, REFERENCES);
          return r() < 0.5 ? ref : mutate(ref, r, 2);
        }).join(pick(r, ['\n', ',', ' , ', '\r\n'])),
        digest: r() < 0.2 ? '' : r() < 0.7 ? DIGEST : mutate(DIGEST, r, 1),
      }),
      ({ image, digest }) => {
        for (const t of resolveTargets(splitList(image), digest || undefined)) {
          expect(t.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
          expect(t.ref.digest).toBe(t.digest);
        }
      },
      [...REFERENCE_CODES],
    );
    expect(seen.returned).toBeGreaterThan(100);
    expect(seen.codes).toEqual(new Set(REFERENCE_CODES));
  });

  it('parseDigest accepts exactly sha256:<64 lowercase hex>', () => {
    const seen = fuzz(
      'parseDigest',
      1000,
      (r) => mutate(DIGEST, r, 1),
      (d) => {
        expect(parseDigest(d)).toMatch(/^sha256:[0-9a-f]{64}$/);
      },
      ['DIGEST_INVALID'],
    );
    expect(seen.codes).toEqual(new Set(['DIGEST_INVALID']));
  });
});
