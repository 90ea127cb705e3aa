// The pure parts of the retry policy: which statuses are retried, Retry-After, the deadline.
import {
  Deadline,
  DEADLINE_ENV,
  isRetryableStatus,
  parseRetryAfter,
  RETRY_DEFAULTS,
} from '../../src/util/retry.js';

describe('isRetryableStatus', () => {
  it('is true for 408, 429 and 500–504 only', () => {
    const retried = Array.from({ length: 500 }, (_, i) => i + 100).filter(isRetryableStatus);
    expect(retried).toEqual([408, 429, 500, 501, 502, 503, 504]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0); // already past
  });
  it('is undefined without a usable value', () => {
    for (const v of [null, '', '-1', '1.5', 'soon', '12abc'])
      expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});

describe('Deadline', () => {
  it('counts down from its start', () => {
    const d = new Deadline(300_000, 1_000);
    expect([d.at, d.remainingMs(1_000), d.remainingMs(301_500)]).toEqual([301_000, 300_000, -500]);
  });
});

describe('defaultRetryPolicy', () => {
  it('is shared by every caller (one deadline) and takes the deadline from the environment', async () => {
    const { defaultRetryPolicy } = await import('../../src/util/retry.js');
    const policy = defaultRetryPolicy({ [DEADLINE_ENV]: '42' });
    expect(defaultRetryPolicy()).toBe(policy);
    expect(policy.deadline.totalMs).toBe(42_000);
    expect(policy).toMatchObject({
      attempts: RETRY_DEFAULTS.attempts,
      timeoutMs: RETRY_DEFAULTS.timeoutMs,
      maxRetryAfterMs: RETRY_DEFAULTS.maxRetryAfterMs,
    });
  });
});
