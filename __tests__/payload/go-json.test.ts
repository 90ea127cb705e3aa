// Expected strings follow Go's encoding/json rules (encode.go appendString, Go ≥ 1.22), which
// cosign, sigstore and ggcr all marshal with; the byte-exact checks against real cosign output
// are in simple-signing.test.ts and storage/legacy/manifest.test.ts.
import {
  compareGoStrings,
  goInt,
  goString,
  goStringMap,
  goStringSlice,
  goStruct,
  goTime,
} from '../../src/payload/go-json.js';

describe('goString', () => {
  it('escapes <, > and & as Go does by default (HTML-safe)', () => {
    expect(goString('<a&b>')).toBe('"\\u003ca\\u0026b\\u003e"');
  });

  it('escapes U+2028 and U+2029', () => {
    expect(goString('x\u2028y\u2029')).toBe('"x\\u2028y\\u2029"');
  });

  it('uses short escapes for \\b \\f \\n \\r \\t " \\\\ and \\u00XX for other controls', () => {
    expect(goString('\b\f\n\r\t"\\')).toBe('"\\b\\f\\n\\r\\t\\"\\\\"');
    expect(goString('\u0000\u0001\u001f')).toBe('"\\u0000\\u0001\\u001f"');
  });

  it('writes DEL, "/", non-ASCII and astral characters as they are', () => {
    expect(goString('\u007f/é€😀')).toBe('"\u007f/é€😀"');
  });

  it('replaces a lone surrogate (not encodable as UTF-8) with \\ufffd', () => {
    expect(goString('a\ud800b\udc00')).toBe('"a\\ufffdb\\ufffd"');
    expect(goString('\ufffd')).toBe('"\ufffd"');
  });
});

describe('compareGoStrings', () => {
  it('orders by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF5E is EF BD 9E in UTF-8, U+1F600 is F0 9F 98 80: Go puts U+FF5E first,
    // JavaScript's default sort (0xFF5E vs surrogate 0xD83D) would not.
    expect(['😀', '～'].sort(compareGoStrings)).toEqual(['～', '😀']);
    expect(['b', 'B', 'a', '10', '9'].sort(compareGoStrings)).toEqual(['10', '9', 'B', 'a', 'b']);
  });
});

describe('goStringMap / goStruct / goStringSlice / goInt', () => {
  it('sorts map keys and keeps struct order, omitting undefined fields', () => {
    expect(goStringMap({ b: '2', a: '<1>', '9': 'x', '10': 'y' })).toBe(
      '{"10":"y","9":"x","a":"\\u003c1\\u003e","b":"2"}',
    );
    expect(goStringMap({})).toBe('{}');
    expect(
      goStruct([
        ['z', '1'],
        ['skip', undefined],
        ['a', 'null'],
      ]),
    ).toBe('{"z":1,"a":null}');
    expect(goStringSlice(undefined)).toBe('null');
    expect(goStringSlice(['a', '&'])).toBe('["a","\\u0026"]');
    expect(goInt(239)).toBe('239');
    expect(() => goInt(1.5)).toThrow(RangeError);
  });
});

describe('goTime', () => {
  it.each([
    ['0001-01-01T00:00:00Z', '"0001-01-01T00:00:00Z"'],
    ['2026-11-21T23:10:08.500000000Z', '"2026-11-21T23:10:08.5Z"'],
    ['2026-11-21T23:10:08.000Z', '"2026-11-21T23:10:08Z"'],
    ['2026-11-21T23:10:08.123456789123Z', '"2026-11-21T23:10:08.123456789Z"'],
    ['2026-11-21T23:10:08+00:00', '"2026-11-21T23:10:08Z"'],
    ['2026-11-21T23:10:08+02:00', '"2026-11-21T23:10:08+02:00"'],
  ])('%s re-marshals as %s', (input, output) => {
    expect(goTime(input)).toBe(output);
  });

  it('refuses what is not RFC 3339', () => {
    expect(() => goTime('2026-11-21 23:10:08')).toThrow(RangeError);
  });
});
