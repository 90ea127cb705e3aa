// Partial failure. Problems found before anything is written (inputs, references, a missing
// digest, the key) stop the whole run, and nothing is written; so does a signing failure that
// says a service cannot be trusted (a Rekor entry that is not what was sent, a certificate for
// another key) or that nobody foresaw. A service that is unavailable for one target (Rekor,
// the TSA, Fulcio, the registry, after every retry) fails that target alone: each signature
// that was made and logged is stored and reported, and the step then fails with one error
// naming exactly the digests left unsigned and why.
import { asSignImageError, SignImageError, type ErrorCode } from '../errors.js';
import { repositoryName } from '../reference/parse.js';
import type { SignTarget } from '../reference/targets.js';
import type { FormatName } from '../formats/format.js';
import { mapLimit } from '../util/limit.js';

/** What came of one stage over many items: the results, and each failure with its item. */
export interface Settled<T, R> {
  ok: R[];
  failed: { item: T; error: SignImageError }[];
}

/** Runs `fn` over `items`, at most `parallel` at once, collecting failures instead of throwing. */
export async function settleEach<T, R>(
  items: readonly T[],
  parallel: number,
  fn: (item: T) => Promise<R>,
): Promise<Settled<T, R>> {
  const outcomes = await mapLimit(items, Math.max(1, parallel), async (item) => {
    try {
      return { item, value: await fn(item) };
    } catch (err) {
      return { item, error: asSignImageError(err) };
    }
  });
  const settled: Settled<T, R> = { ok: [], failed: [] };
  for (const o of outcomes) {
    if (o.error) settled.failed.push({ item: o.item, error: o.error });
    else settled.ok.push(o.value as R);
  }
  return settled;
}

// Failures of one target's signing that do not stop the others: the service was unavailable or
// refused (after every retry), which says nothing about the signatures it did make.
const TARGET_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'TLOG_UNREACHABLE',
  'TLOG_ERROR',
  'TSA_UNREACHABLE',
  'TSA_ERROR',
  'FULCIO_UNREACHABLE',
  'FULCIO_ERROR',
  'OIDC_TOKEN_FAILED',
]);

/** The first signing failure that must stop the whole run before any write, if any. */
export function runStopper(
  failed: readonly { error: SignImageError }[],
): SignImageError | undefined {
  return failed.find((f) => !TARGET_FAILURES.has(f.error.code))?.error;
}

/** A signature that was not made or not stored. */
export interface Unsigned {
  target: SignTarget;
  format: FormatName;
  error: SignImageError;
}

/** The failures of one stage as Unsigned records; `targetOf` finds each item's target. */
export function unsignedFrom<T>(
  failed: Settled<T, unknown>['failed'],
  format: Unsigned['format'],
  targetOf: (item: T) => SignTarget,
): Unsigned[] {
  return failed.map(({ item, error }) => ({ target: targetOf(item), format, error }));
}

/**
 * The step's one error for what is unsigned. With a single signature asked for, its own error
 * (message and hint unchanged); otherwise SIGNING_INCOMPLETE listing every unsigned digest,
 * grouped by reason, in one line.
 */
export function unsignedError(
  unsigned: readonly Unsigned[],
  asked: number,
  bothFormats: boolean,
): SignImageError {
  const first = unsigned[0];
  if (!first) throw new SignImageError('INTERNAL', 'unsignedError called without a failure');
  if (asked === 1 && unsigned.length === 1) return first.error;
  const groups = new Map<string, string[]>();
  for (const u of unsigned) {
    const name = `${repositoryName(u.target.ref)}@${u.target.digest}${bothFormats ? ` (${u.format})` : ''}`;
    const reason = u.error.message;
    groups.set(reason, [...(groups.get(reason) ?? []), name]);
  }
  const reasons = [...groups].map(([reason, names]) => `${names.join(', ')}: ${reason}`);
  const what = `${unsigned.length} of ${asked} signature${asked === 1 ? '' : 's'} could not be made or stored`;
  const signed =
    unsigned.length < asked
      ? 'The others were stored and are listed in the `signatures` output; re-run the job to sign the rest'
      : 'Nothing was signed';
  return new SignImageError('SIGNING_INCOMPLETE', `${what}: ${reasons.join('; ')}`, {
    hint: first.error.hint ? `${first.error.hint}. ${signed}` : signed,
    cause: first.error,
  });
}
