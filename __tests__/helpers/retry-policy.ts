// Retry policies for tests: the action's own policy (src/util/retry.ts) with short waits, so a
// test of a failure path does not sit through the real backoff and deadline.
import { Deadline, RETRY_DEFAULTS, type RetryPolicy } from '../../src/util/retry.js';

// The real policy's numbers with waits of a few milliseconds; `overrides` change any of them.
export function quickPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    attempts: RETRY_DEFAULTS.attempts,
    backoff: { baseMs: 1, maxMs: 5 },
    maxRetryAfterMs: RETRY_DEFAULTS.maxRetryAfterMs,
    timeoutMs: RETRY_DEFAULTS.timeoutMs,
    deadline: new Deadline(RETRY_DEFAULTS.deadlineMs),
    ...overrides,
  };
}

// One attempt only: for tests that check the message of a single failed request.
export function oneTry(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return quickPolicy({ attempts: 1, ...overrides });
}
