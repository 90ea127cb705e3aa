// Pieces of Go's encoding/json output, byte for byte. cosign and go-containerregistry write every
// byte we must reproduce (payloads, manifests, configs) with json.Marshal, which differs from
// JSON.stringify: it escapes <, >, &, U+2028 and U+2029, replaces invalid UTF-16/UTF-8 with
// \ufffd, and sorts map keys by their UTF-8 bytes. https://pkg.go.dev/encoding/json#Marshal

const HEX = '0123456789abcdef';
const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
};

/** A string as Go json.Marshal writes it (HTML-safe escaping, Go ≥ 1.22 `\b`/`\f`). */
export function goString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
      out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u202${HEX[c & 0xf]}`;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < s.length &&
      isLowSurrogate(s.charCodeAt(i + 1))
    ) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate cannot be UTF-8; Go writes invalid UTF-8 bytes as \ufffd.
      out += '\\ufffd';
    } else out += s[i]!;
  }
  return `${out}"`;
}

/** Go's map key order: byte-wise comparison of the UTF-8 encodings (strings.Compare). */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A Go map[string]string: keys sorted as Go sorts them, values as Go strings. */
export function goStringMap(map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map).sort(compareGoStrings);
  return `{${keys.map((k) => `${goString(k)}:${goString(map[k]!)}`).join(',')}}`;
}

/** A Go struct: fields in declaration order; `undefined` values are omitted (omitempty). */
export function goStruct(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const present = fields.filter((f): f is readonly [string, string] => f[1] !== undefined);
  return `{${present.map(([k, v]) => `${goString(k)}:${v}`).join(',')}}`;
}

/** A Go integer (int64), refusing anything that is not a safe integer. */
export function goInt(n: number): string {
  if (!Number.isSafeInteger(n))
    throw new RangeError(`${n} is not an integer Go can marshal exactly`);
  return String(n);
}

/** A Go []string; `null` for an absent slice, as Go writes a nil slice without omitempty. */
export function goStringSlice(list: readonly string[] | undefined): string {
  return list === undefined ? 'null' : `[${list.map(goString).join(',')}]`;
}

/**
 * A time.Time as Go re-marshals a parsed RFC 3339 value: RFC3339Nano, trailing fractional zeros
 * dropped, a zero offset written `Z`. Throws on text Go's time.Time.UnmarshalJSON would refuse.
 */
export function goTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not an RFC 3339 time`);
  const fraction = (m[2] ?? '').slice(0, 9).replace(/0+$/, '');
  const zone = m[3] === '+00:00' || m[3] === '-00:00' ? 'Z' : m[3];
  return `"${m[1]}${fraction ? `.${fraction}` : ''}${zone}"`;
}

/** Go's zero time.Time, which `created` fields carry unless a time was recorded. */
export const GO_ZERO_TIME = '"0001-01-01T00:00:00Z"';

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
