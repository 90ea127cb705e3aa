import { escapeOutside } from '../../src/util/log.js';

// The runner treats a stdout line as a command when, after leading blanks, it starts with `::`
// (or the older `##[`). Whatever comes in, every line printed must not.
const isCommandLine = (line: string) => /^\s*(::|##\[)/.test(line);

describe('escapeOutside', () => {
  it.each([
    '::add-mask::secret',
    '::set-output name=x::y',
    '::warning title=t::w',
    '  ::error::indented',
    '\t::stop-commands::tok',
    '##[set-output name=x;]y',
    'ok\n::add-mask::second line',
    'ok\r::warning::after CR',
    'ok\r\n::set-env name=A::B',
    'ok\u2028::error::after a Unicode line separator',
    'ok\u000b::error::after a vertical tab',
  ])('never lets %j start a workflow command', (text) => {
    const out = escapeOutside(text);
    expect(out.split(/\r\n|\r|\n/)).toHaveLength(1);
    expect(isCommandLine(out)).toBe(false);
    // eslint-disable-next-line no-control-regex -- line breaks are exactly what is split on
    for (const line of out.split(/[\n\r\u2028\u2029\u000b\u000c\u0085]/))
      expect(isCommandLine(line)).toBe(false);
  });

  it('escapes as the runner escapes command data, and leaves plain text alone', () => {
    expect(escapeOutside('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeOutside('Writing r:sha256-x.sig again: 400 DIGEST_INVALID')).toBe(
      'Writing r:sha256-x.sig again: 400 DIGEST_INVALID',
    );
    expect(escapeOutside('a::b in the middle')).toBe('a::b in the middle');
  });
});
