// The one way to print text that came from outside the action (registry and Sigstore answers,
// image references, annotations, index contents). The runner reads every stdout line whose
// start (after leading blanks) is `::` (or the older `##[`) as a workflow command, and
// core.info prints its argument raw: a registry's error body holding `::add-mask::…` or
// `::set-output …` would otherwise be obeyed. Escaped here as the runner's own escapeData
// escapes command data (% → %25, CR → %0D, LF → %0A), so outside text is always one line, and
// a leading command marker is broken up (`:` → %3A, `#` → %23), so no line can start a command.
import * as core from './runner.js';

/** `text` as one log line that can never be read as a workflow command. */
export function escapeOutside(text: string): string {
  const oneLine = String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  // Other line breaks some log viewers honour: never let them start a line either.
  const flat = oneLine.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
    /[\u000b\u000c\u0085\u2028\u2029]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  const lead = /^\s*/.exec(flat)![0];
  const rest = flat.slice(lead.length);
  if (rest.startsWith('::')) return `${lead}%3A${rest.slice(1)}`;
  if (rest.startsWith('##[')) return `${lead}%23${rest.slice(1)}`;
  return flat;
}

/** core.info of a line that holds outside text anywhere in it. */
export function info(line: string): void {
  core.info(escapeOutside(line));
}

/** core.warning of a line that holds outside text (core escapes the data; this keeps it one line). */
export function warning(line: string): void {
  core.warning(escapeOutside(line));
}

/** A raw stdout line (the retry policy's), escaped the same way. */
export function stdoutLine(line: string): void {
  process.stdout.write(`${escapeOutside(line)}\n`);
}
