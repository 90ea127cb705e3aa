// The fuzz harness: seeded generators of random text, mutations of valid inputs (edits,
// truncation, repetition, swaps, JSON fields of another shape, flipped bytes) and `fuzz()`, which
// runs a parser over them. FUZZ_SEED=… replays a run; a failure names its seed and case.
import { SignImageError } from '../../src/errors.js';
import { seededRandom } from './fault-proxy.js';

export const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
// Separators and look-alikes the parsers split on, plus whitespace, control, non-ASCII and case.
const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789',
  ...'ABCDEFXYZ',
  ...'/:@.-_,+=%~!*?#[]{}()<>"\'\\|^$&;`',
  ' ',
  '\t',
  '\n',
  '\r',
  '\0',
  '\u00a0',
  'é',
  'ß',
  '\u200b',
  '😀',
  '－',
  '／',
  '-----',
  'sha256:',
  'sha512:',
  '://',
  '\\n',
  '=',
  '==',
];

/** One element of `items`, chosen with `r`. */
export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** Up to `max` random pieces of the alphabet. */
export function randomText(r: () => number, max: number): string {
  return Array.from({ length: Math.floor(r() * max) }, () => pick(r, ALPHABET)).join('');
}

/** `text` after 1..`maxEdits` random edits. */
export function mutate(text: string, r: () => number, maxEdits = 4): string {
  let out = text;
  const edits = 1 + Math.floor(r() * maxEdits);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (out.length + 1));
    const op = r();
    if (op < 0.3) out = out.slice(0, at) + pick(r, ALPHABET) + out.slice(at);
    else if (op < 0.5) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 3));
    else if (op < 0.7) out = out.slice(0, at) + pick(r, ALPHABET) + out.slice(at + 1);
    else if (op < 0.78) out = out.slice(0, at);
    else if (op < 0.84) out = out.slice(at) + out.slice(0, at);
    else if (op < 0.9) {
      const chunk = out.slice(at, at + 1 + Math.floor(r() * 12));
      out = out.slice(0, at) + chunk.repeat(2 + Math.floor(r() * 400)) + out.slice(at);
    } else if (op < 0.95) out = out.toUpperCase();
    else out = out.replace(/\n/g, pick(r, ['\r\n', '\\n', ' ', '', '\n\n']));
  }
  return out;
}

/** A random JSON value: numbers of every kind, strings (some base64), arrays, objects, null. */
export function randomJson(r: () => number, depth = 0): unknown {
  const kind = Math.floor(r() * 10);
  if (kind === 0) return null;
  if (kind === 1) return r() < 0.5;
  if (kind === 2)
    return pick(r, [0, -1, 1, 8, 32768, 65536, 131072, 2 ** 31, 2 ** 53, 1e308, 0.5, -0]);
  if (kind === 3) return Math.floor(r() * 2 ** 20);
  if (kind === 4) return Buffer.from(randomText(r, 40)).toString('base64');
  if (kind === 5) return randomText(r, 20);
  if (kind === 6) return 'A'.repeat(Math.floor(r() * 5000));
  if (kind === 7 && depth < 2)
    return Array.from({ length: Math.floor(r() * 3) }, () => randomJson(r, depth + 1));
  if (kind === 8 && depth < 2)
    return { name: 'scrypt', N: randomJson(r, depth + 1), x: randomJson(r, depth + 1) };
  return '';
}

// Calls `fn` on `cases` inputs; each must return or throw a SignImageError with an allowed code.
export function fuzz<T>(
  name: string,
  cases: number,
  input: (random: () => number) => T,
  fn: (value: T) => void,
  codes: string[],
  forbidden: (value: T) => string[] = () => [],
): { returned: number; codes: Set<string>; slowestMs: number } {
  const random = seededRandom(SEED ^ hash(name));
  const seen = { returned: 0, codes: new Set<string>(), slowestMs: 0 };
  for (let i = 0; i < cases; i++) {
    const value = input(random);
    const started = performance.now();
    try {
      fn(value);
      seen.returned++;
    } catch (err) {
      const where = `${name} case ${i} (FUZZ_SEED=${SEED}): ${JSON.stringify(value).slice(0, 300)}`;
      const problem = !(err instanceof SignImageError)
        ? `threw ${String(err)}`
        : !codes.includes(err.code)
          ? `threw ${err.code}: ${err.message}`
          : !err.message.trim()
            ? 'threw an empty message'
            : forbidden(value).some((secret) => err.toLine().includes(secret))
              ? 'the error quotes the key'
              : undefined;
      if (problem) throw new Error(`${where}: ${problem}`, { cause: err });
      seen.codes.add((err as SignImageError).code);
    }
    seen.slowestMs = Math.max(seen.slowestMs, performance.now() - started);
  }
  return seen;
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

// Replaces, removes or adds one field somewhere in the envelope with a value of another shape.
export function mutateJson(doc: Record<string, unknown>, r: () => number): void {
  const holders = [doc, doc.kdf, (doc.kdf as Record<string, unknown>)?.params, doc.cipher].filter(
    (h): h is Record<string, unknown> => typeof h === 'object' && h !== null,
  );
  const holder = pick(r, holders);
  const keys = Object.keys(holder);
  const name = r() < 0.85 && keys.length > 0 ? pick(r, keys) : randomText(r, 6);
  if (r() < 0.15) delete holder[name];
  else holder[name] = randomJson(r);
}

export function mutateBytes(bytes: Buffer, r: () => number): number[] {
  const out = [...bytes];
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * out.length);
    const op = r();
    if (op < 0.5) out[at] = Math.floor(r() * 256);
    else if (op < 0.75) out.splice(at, 1 + Math.floor(r() * 8));
    else out.length = at;
  }
  return out;
}
