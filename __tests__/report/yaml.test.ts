import { toYaml } from '../../src/report/yaml.js';
import { parseYaml } from '../helpers/crd-schema.js';

// What YAML 1.1 (go-yaml v2 behind sigs.k8s.io/yaml, i.e. kubectl) resolves a plain scalar to
// other than a string: booleans, null, numbers in any base, sexagesimals, timestamps.
const YAML11_NON_STRING =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)|[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*)$/;

const tricky = [
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'true',
  'null',
  '~',
  '',
  ' lead',
  'trail ',
  '1',
  '0o17',
  '1e3',
  '.5',
  '12:30',
  '2026-01-01',
  '*',
  'ghcr.io/acme/app:*',
  'a: b',
  '# not a comment',
  '- item',
  '@x',
  '`x`',
  '!tag',
  '&anchor',
  '{a}',
  '[a]',
  "it's",
  'say "hi"',
  'tab\there',
  'ünïcode',
  'a\\b',
  'https://rekor.sigstore.dev',
  'kyverno.io/v1',
  'sha256',
  'Pod',
];

describe('toYaml', () => {
  it.each(tricky)('writes %j so that YAML reads back the same string', (text) => {
    const out = toYaml({ key: text, list: [text, { inner: text }] });
    expect(parseYaml(out)).toEqual({ key: text, list: [text, { inner: text }] });
    // Any unquoted scalar must also be a string for a YAML 1.1 reader.
    for (const m of out.matchAll(/(?::|-) ([^"|\n][^\n]*)$/gm))
      expect(m[1]).not.toMatch(YAML11_NON_STRING);
  });

  it('writes multi-line text (a PEM key) as a literal block that keeps every line and the final newline', () => {
    const pem =
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
    const out = toYaml({ a: { publicKeys: pem, noNewline: pem.trimEnd() } });
    expect(out).toBe(
      'a:\n  publicKeys: |\n    -----BEGIN PUBLIC KEY-----\n    MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n    -----END PUBLIC KEY-----\n' +
        '  noNewline: |-\n    -----BEGIN PUBLIC KEY-----\n    MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n    -----END PUBLIC KEY-----\n',
    );
    expect(parseYaml(out)).toEqual({ a: { publicKeys: pem, noNewline: pem.trimEnd() } });
  });

  it('quotes multi-line text a block would change (indented or trailing-space lines)', () => {
    for (const text of ['  indented\nline', 'trailing \nline', '\nleading newline']) {
      expect(parseYaml(toYaml({ t: text }))).toEqual({ t: text });
    }
  });

  it('writes nested lists of maps, booleans, numbers, empty containers, and skips undefined', () => {
    const value = {
      a: [{ b: true, c: [1, 2], d: { e: 'f' } }, 'g'],
      h: [],
      i: {},
      j: undefined,
      k: 30,
    };
    const out = toYaml(value);
    expect(out).toBe(
      'a:\n  - b: true\n    c:\n      - 1\n      - 2\n    d:\n      e: f\n  - g\nh: []\ni: {}\nk: 30\n',
    );
    expect(parseYaml(out)).toEqual({
      a: [{ b: true, c: [1, 2], d: { e: 'f' } }, 'g'],
      h: [],
      i: {},
      k: 30,
    });
  });
});
