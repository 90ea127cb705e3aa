// The error-code matcher itself: it must fail for the wrong code, for no error and for an error
// that is not a SignImageError, sync and async alike.
import { SignImageError } from '../../src/errors.js';
import { errorOf, rejectionOf } from './errors.js';

const fail = (code: 'TLOG_ERROR' | 'TSA_ERROR') => () => {
  throw new SignImageError(code, 'the log answered 503', { hint: 're-run later' });
};

describe('toFailWith', () => {
  it('passes for the code thrown, with message and hint matching', () => {
    expect(fail('TLOG_ERROR')).toFailWith('TLOG_ERROR');
    expect(fail('TLOG_ERROR')).toFailWith('TLOG_ERROR', { message: '503', hint: /re-run/ });
    expect(errorOf(fail('TLOG_ERROR'))).toFailWith('TLOG_ERROR');
    expect(fail('TLOG_ERROR')).not.toFailWith('TSA_ERROR');
  });

  it('fails for another code, another message, no error, or a plain Error', () => {
    expect(() => expect(fail('TSA_ERROR')).toFailWith('TLOG_ERROR')).toThrow(/got TSA_ERROR/);
    expect(() => expect(fail('TLOG_ERROR')).toFailWith('TLOG_ERROR', { message: '500' })).toThrow();
    expect(() => expect(() => 1).toFailWith('TLOG_ERROR')).toThrow(/nothing was thrown/);
    expect(() =>
      expect(() => {
        throw new Error('TLOG_ERROR');
      }).toFailWith('TLOG_ERROR'),
    ).toThrow(/got Error: TLOG_ERROR/);
  });

  it('awaits promises and async functions', async () => {
    const rejecting = () => Promise.reject(new SignImageError('TSA_ERROR', 'no'));
    await expect(rejecting()).toFailWith('TSA_ERROR');
    await expect(rejecting).toFailWith('TSA_ERROR');
    await expect(expect(Promise.resolve(1)).toFailWith('TSA_ERROR')).rejects.toThrow(
      /nothing was thrown/,
    );
    await expect(expect(rejecting()).toFailWith('TLOG_ERROR')).rejects.toThrow(/got TSA_ERROR/);
    expect((await rejectionOf(rejecting)).code).toBe('TSA_ERROR');
    await expect(rejectionOf(Promise.resolve(1))).rejects.toThrow(/nothing was thrown/);
  });
});
