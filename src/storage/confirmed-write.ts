// The one read-merge-PUT-confirm loop behind every shared tag we extend: the `.sig` manifest
// (legacy/legacy-store.ts) and the `sha256-<hex>` referrers fallback index
// (bundle/bundle-store.ts).
//
// Several jobs may extend one tag at once (a matrix signing one digest with several keys). A
// registry that honours `If-Match` refuses a stale write with 412; docker-registry 2.8 ignores
// it, so the last writer wins and may drop an entry written since its read. Hence the loop: read
// fresh, merge, PUT, wait a little, read back; if our entry is gone, someone else's stale write
// replaced ours, so merge again (keeping their entry) and retry with jittered backoff. Every
// writer that does this ends up present, unless another writer's read-to-PUT takes longer than
// our wait (the wait scales with our own read-to-PUT time to cover writers like us).
import type { SignImageError } from '../errors.js';
import { RegistryError } from '../registry/errors.js';
import type { Limiter } from '../util/limit.js';
import { backoffMs } from '../util/retry.js';
import { trace } from '../util/trace.js';

/** Tuning of the loop; the stores' defaults suit real registries, tests shorten them. */
export interface ConfirmedWriteOptions {
  /** Bounds registry work shared with other writers; waiting between attempts holds no slot. */
  limit: Limiter;
  /** Read-merge-PUT rounds before giving up. */
  maxAttempts: number;
  /** Backoff between rounds: base·2^n, capped, jittered. */
  backoff: { baseMs: number; maxMs: number };
  /** Least wait between our PUT and the read-back that confirms it. */
  settleMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Told why a round is retried; absent: nothing is said. */
  log?: (line: string) => void;
}

/** One writer's part of the loop: how to merge and PUT, and how to see that it stuck. */
export interface ConfirmedWrite<Base> {
  /** Named in the retry log line: `Writing <what> again …`. */
  what: string;
  /**
   * Runs until it succeeds once, before the first round (e.g. pushing what the tag will list);
   * returning true ends the write there. Does its own limiting.
   */
  setup?(): Promise<boolean>;
  /**
   * One round, under the limit: fresh read → merge onto it → PUT (If-Match when the registry gave
   * an ETag). `previous` is the base the last round merged onto (initially the caller's recent
   * read), `wrote` whether any round of ours was PUT. Returns the base it merged onto and how long
   * its read-to-PUT window was, 0 when ours was already there (nothing PUT).
   */
  round(
    previous: Base | undefined,
    wrote: boolean,
  ): Promise<{ base: Base | undefined; putMs: number }>;
  /** The read-back, under the limit: true when our entry is still there. */
  confirm(): Promise<boolean>;
  /** Why a failed read-back is retried (one line). */
  replaced: string;
  /** The error once every attempt is spent. */
  conflict(attempts: number, lastProblem: unknown): SignImageError;
}

/** How the write ended: in `setup`, with ours already there, or confirmed by the read-back. */
export interface ConfirmedWriteResult {
  endedBy: 'setup' | 'present' | 'confirmed';
  /** True when a PUT of ours is what made the entry present. */
  wrote: boolean;
}

// Answers docker-registry 2.8 gives under concurrent writers to one repository, and the 412
// of registries that honour If-Match: all mean "try again", none that the request was wrong.
const TRANSIENT_CODES = [
  'DIGEST_INVALID',
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
];

/**
 * A tag seen before (or written by us) now answers 404: a torn read during someone's write, not
 * an empty tag. Treating it as empty would write a merge without their entries.
 */
export class VanishedError extends Error {}

/** True for a registry answer worth retrying inside the loop. */
export function isTransientWriteError(err: unknown): boolean {
  if (err instanceof VanishedError) return true;
  if (!(err instanceof RegistryError)) return false;
  // 408, 429 and 5xx were already retried by the transport (util/http-retry.ts): once it gives
  // up, another round would only multiply the retries, so only a lost race (412) is retried.
  if (err.status === 412) return true;
  return (
    (err.status === 400 || err.status === 404) && TRANSIENT_CODES.some((c) => err.hasDiagnostic(c))
  );
}

/** Runs `w` until its entry is present and confirmed; throws `w.conflict(…)` after the last attempt. */
export async function confirmedWrite<Base>(
  w: ConfirmedWrite<Base>,
  initial: Base | undefined,
  o: ConfirmedWriteOptions,
): Promise<ConfirmedWriteResult> {
  let base = initial;
  let setUp = !w.setup;
  let wrote = false;
  let lastProblem: unknown;
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    if (attempt > 1) {
      o.log?.(
        `Writing ${w.what} again (attempt ${attempt} of ${o.maxAttempts}): ${describe(lastProblem)}`,
      );
      await o.sleep(backoffMs(attempt - 1, o.backoff, o.random));
    }
    try {
      if (!setUp) {
        const done = await w.setup!();
        setUp = true;
        if (done) return { endedBy: 'setup', wrote: true };
      }
      // A write under way goes ahead of queued uploads: its settle wait then overlaps them.
      const round = await o.limit(() => w.round(base, wrote), 'first');
      base = round.base;
      if (!round.putMs) return { endedBy: 'present', wrote };
      wrote = true;
      // Long enough for a writer slower than we were to land a stale PUT, which the read-back then
      // sees: three times our own window, as writers started together on a loaded machine differ
      // by more than 2× (six concurrent attesters lost one layer in 1 of 7 full runs with 2×).
      const settle = Math.min(3000, Math.max(o.settleMs, 3 * round.putMs));
      trace(`settle ${settle} (put ${round.putMs}) ${w.what}`);
      await o.sleep(Math.round(settle * (0.75 + o.random() / 2)));
      trace(`settled ${w.what}`);
      if (await o.limit(() => w.confirm(), 'first')) return { endedBy: 'confirmed', wrote: true };
      lastProblem = new Error(w.replaced);
    } catch (err) {
      if (!isTransientWriteError(err)) throw err;
      lastProblem = err;
    }
  }
  throw w.conflict(o.maxAttempts, lastProblem);
}

function describe(problem: unknown): string {
  return problem instanceof Error ? problem.message : String(problem);
}
