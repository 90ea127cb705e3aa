// Loaded before every test file (jest.config.js setupFilesAfterEnv): the error-code matcher.
import type { ErrorCode } from '../../src/errors.js';
import { judgeFailure, thrownBy, type FailureDetails } from './errors.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * Passes when the function (awaited if async), promise or error fails with a SignImageError
       * of `code`, its message and hint matching `details` when given. Await it for a promise.
       */
      toFailWith(code: ErrorCode, details?: FailureDetails): R;
    }
  }
}

expect.extend({
  toFailWith(received: unknown, code: ErrorCode, details?: FailureDetails) {
    const thrown = thrownBy(received);
    return thrown instanceof Promise
      ? thrown.then((t) => judgeFailure(t, code, details))
      : judgeFailure(thrown, code, details);
  },
});
