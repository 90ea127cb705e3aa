// Pure: a small YAML writer for the admission policies in the summary. Only what Kubernetes
// manifests need: maps, lists, strings, booleans, numbers. Strings that YAML 1.1 or 1.2 could
// read as anything but the same string (yes, on, 1e3, *glob, a: b) are double-quoted as JSON,
// which both parse identically; multi-line strings (PEM keys) become literal block scalars.

/** A value the writer can emit; `undefined` map entries are left out. */
export type YamlValue = string | number | boolean | YamlValue[] | YamlMap;
/** A YAML mapping, keys in insertion order. */
export interface YamlMap {
  [key: string]: YamlValue | undefined;
}

const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;

/** The YAML document for `value`, ending in a newline. */
export function toYaml(value: YamlMap): string {
  return `${writeMap(value, 0).join('\n')}\n`;
}

function writeMap(map: YamlMap, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    out.push(...withHead(`${pad}${key}:`, value, indent));
  }
  return out;
}

// `head` is "key:" or "-"; the value follows inline (scalars) or on the next lines.
function withHead(head: string, value: YamlValue, indent: number): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    return [head, ...value.flatMap((item) => writeItem(item, indent + 2))];
  }
  if (typeof value === 'object') {
    const inner = writeMap(value, indent + 2);
    return inner.length === 0 ? [`${head} {}`] : [head, ...inner];
  }
  if (typeof value === 'string' && isBlock(value)) {
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    const pad = ' '.repeat(indent + 2);
    return [
      `${head} ${value.endsWith('\n') ? '|' : '|-'}`,
      ...body.split('\n').map((l) => (l ? pad + l : '')),
    ];
  }
  return [`${head} ${scalar(value)}`];
}

function writeItem(item: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
    // "- key: value" then the other keys aligned under the first one.
    const lines = writeMap(item, indent + 2);
    return [`${pad}- ${lines[0]!.trimStart()}`, ...lines.slice(1)];
  }
  return withHead(`${pad}-`, item, indent);
}

// A literal block keeps every character but needs lines that YAML will not re-indent or trim.
function isBlock(text: string): boolean {
  if (!text.includes('\n')) return false;
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  return lines.every((l) => !/^\s|\s$|[\r\t]/.test(l)) && lines[0] !== '';
}

function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}
