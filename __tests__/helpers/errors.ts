// The one way tests look at the action's errors. `expect(x).toFailWith('CODE')` (registered for
// every test by helpers/matchers.ts) takes a function (called; awaited if it returns a promise),
// a promise, or an error already caught, and passes when that is a SignImageError with the code
// (and, when given, a message or hint matching). errorOf / rejectionOf return the error itself
// for tests that read its message or hint.
import { SignImageError, type ErrorCode } from '../../src/errors.js';

/** What the error's message and hint must contain (string) or match (RegExp). */
export interface FailureDetails {
  message?: string | RegExp;
  hint?: string | RegExp;
}

/** The SignImageError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): SignImageError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  return asSignImageError(thrown);
}

/** The SignImageError a promise rejects with, or a function throws or rejects with; fails the test otherwise. */
export async function rejectionOf(p: Promise<unknown> | (() => unknown)): Promise<SignImageError> {
  let thrown: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    thrown = err;
  }
  return asSignImageError(thrown);
}

function asSignImageError(thrown: unknown): SignImageError {
  if (thrown instanceof SignImageError) return thrown;
  if (thrown === undefined) throw new Error('expected a SignImageError, but nothing was thrown');
  throw new Error(`expected a SignImageError, got ${String(thrown)}`, { cause: thrown });
}

/** The verdict of toFailWith on what was thrown (undefined: nothing). */
export function judgeFailure(
  thrown: unknown,
  code: ErrorCode,
  details: FailureDetails = {},
): { pass: boolean; message: () => string } {
  const want = `a SignImageError ${code}${details.message ? ` with message ${String(details.message)}` : ''}${details.hint ? ` and hint ${String(details.hint)}` : ''}`;
  if (!(thrown instanceof SignImageError)) {
    const got = thrown === undefined ? 'nothing was thrown' : `got ${String(thrown)}`;
    return { pass: false, message: () => `expected ${want}, but ${got}` };
  }
  const fits = (text: string | undefined, m: string | RegExp | undefined) =>
    m === undefined || (typeof m === 'string' ? (text ?? '').includes(m) : m.test(text ?? ''));
  const pass =
    thrown.code === code &&
    fits(thrown.message, details.message) &&
    fits(thrown.hint, details.hint);
  const got = `${thrown.code}: ${thrown.message}${thrown.hint ? ` (hint: ${thrown.hint})` : ''}`;
  return {
    pass,
    message: () =>
      pass ? `expected anything but ${want}, got ${got}` : `expected ${want}, got ${got}`,
  };
}

/** Runs or awaits what toFailWith was given and returns what it threw (undefined: nothing). */
export function thrownBy(received: unknown): unknown | Promise<unknown> {
  if (received instanceof Error) return received;
  const settle = (p: PromiseLike<unknown>) =>
    Promise.resolve(p).then(
      () => undefined,
      (err: unknown) => err ?? new Error('rejected with undefined'),
    );
  if (typeof received === 'function') {
    let result: unknown;
    try {
      result = (received as () => unknown)();
    } catch (err) {
      return err;
    }
    return isThenable(result) ? settle(result) : undefined;
  }
  if (isThenable(received)) return settle(received);
  throw new Error('toFailWith expects a function, a promise or an error');
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}
