// Partial failure: every item is tried, failures are collected, and the step's one error names
// exactly the unsigned digests.
import { SignImageError } from '../../src/errors.js';
import { parseImageReference } from '../../src/reference/parse.js';
import type { SignTarget } from '../../src/reference/targets.js';
import {
  runStopper,
  settleEach,
  unsignedError,
  type Unsigned,
} from '../../src/pipeline/unsigned.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const target = (image: string, c: string): SignTarget => ({
  ref: parseImageReference(`${image}@${digest(c)}`),
  digest: digest(c),
  tags: [],
});
const rekor503 = new SignImageError(
  'TLOG_ERROR',
  'Rekor at r.test answered 503 when recording the signature after 8 attempts',
  {
    hint: 'The log is failing or throttling; re-run the job later (for the public log see https://status.sigstore.dev)',
  },
);
const conflict = new SignImageError('SIGNATURE_WRITE_CONFLICT', 'the .sig kept changing');

describe('settleEach', () => {
  it('runs every item, keeps results in order and collects each failure with its item', async () => {
    const seen: number[] = [];
    const settled = await settleEach([1, 2, 3, 4], 2, async (n) => {
      seen.push(n);
      if (n % 2 === 0) throw n === 2 ? conflict : new Error('plain');
      return n * 10;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
    expect(settled.ok).toEqual([10, 30]);
    expect(settled.failed.map((f) => [f.item, f.error.code])).toEqual([
      [2, 'SIGNATURE_WRITE_CONFLICT'],
      [4, 'INTERNAL'],
    ]);
  });
});

describe('unsignedError', () => {
  const a = target('ghcr.io/acme/a', 'a');
  const b = target('ghcr.io/acme/b', 'b');
  const c = target('ghcr.io/acme/c', 'c');

  it('is the error itself when the run asked for one signature', () => {
    expect(unsignedError([{ target: a, format: 'legacy', error: rekor503 }], 1, false)).toBe(
      rekor503,
    );
  });

  it('lists exactly the unsigned digests, grouped by reason, in one line', () => {
    const unsigned: Unsigned[] = [
      { target: a, format: 'legacy', error: rekor503 },
      { target: c, format: 'legacy', error: rekor503 },
      { target: b, format: 'legacy', error: conflict },
    ];
    const err = unsignedError(unsigned, 5, false);
    expect(err.code).toBe('SIGNING_INCOMPLETE');
    expect(err.message).toBe(
      `3 of 5 signatures could not be made or stored: ghcr.io/acme/a@${digest('a')}, ghcr.io/acme/c@${digest('c')}: ${rekor503.message}; ghcr.io/acme/b@${digest('b')}: the .sig kept changing`,
    );
    expect(err.toLine()).not.toContain('\n');
    expect(err.hint).toMatch(
      /status\.sigstore\.dev.*The others were stored and are listed in the `signatures` output/,
    );
  });

  it('names the format when both were asked for, and says when nothing was signed', () => {
    const err = unsignedError(
      [
        { target: a, format: 'legacy', error: rekor503 },
        { target: a, format: 'bundle', error: rekor503 },
      ],
      2,
      true,
    );
    expect(err.message).toContain(
      `ghcr.io/acme/a@${digest('a')} (legacy), ghcr.io/acme/a@${digest('a')} (bundle): `,
    );
    expect(err.hint).toMatch(/Nothing was signed$/);
  });
});

describe('runStopper', () => {
  it('lets an unavailable service fail its targets alone', () => {
    expect(
      runStopper([{ error: rekor503 }, { error: new SignImageError('TSA_UNREACHABLE', 'x') }]),
    ).toBeUndefined();
  });
  it('stops the run for a log or CA that cannot be trusted, or an unforeseen error', () => {
    const lie = new SignImageError('TLOG_ENTRY_MISMATCH', "the Rekor entry's body differs");
    expect(runStopper([{ error: rekor503 }, { error: lie }])).toBe(lie);
    const bug = new SignImageError('INTERNAL', 'oops');
    expect(runStopper([{ error: bug }])).toBe(bug);
  });
});
