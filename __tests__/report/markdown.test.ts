import { code, fenced, text } from '../../src/report/markdown.js';

describe('code', () => {
  it('keeps ordinary values as plain code spans', () => {
    expect(code('ghcr.io/acme/app')).toBe('`ghcr.io/acme/app`');
  });

  it('cannot be closed by backticks inside', () => {
    const san = 'https://github.com/a/b/.github/workflows/x.yml@refs/heads/`<h2>x</h2>`';
    const span = code(san);
    expect(span.startsWith('``')).toBe(true);
    expect(span.endsWith('``')).toBe(true);
    // The inner run is shorter than the delimiter, so the span ends only at the end.
    const inner = span.slice(2, -2);
    expect(inner).not.toMatch(/(^|[^`])``([^`]|$)/);
    expect(code('`x`')).toBe('`` `x` ``');
  });

  it('escapes | in table cells and keeps a value on its line', () => {
    expect(code('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(code('a\nb')).toBe('`a\\u000ab`');
  });
});

describe('text', () => {
  it('turns every markup character into a character reference', () => {
    const out = text('<a href="x">[y](z)</a> | `c` *d* _e_ & \\');
    expect(out).not.toMatch(/[<>"`|[\]*_\\]/);
    expect(out).toContain('&#60;a href=&#34;x&#34;&#62;');
  });
});

describe('fenced', () => {
  it('uses a fence no line of the content can close', () => {
    const [open, , close] = fenced('a\n```\nb', 'yaml');
    expect(open).toBe('````yaml');
    expect(close).toBe('````');
    expect(fenced('plain', 'sh')).toEqual(['```sh', 'plain', '```']);
  });
});
