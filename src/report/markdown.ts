// Pure: values from outside (image references, tags, certificate identities, service URLs) as
// job-summary Markdown that shows them as text and nothing else. GitHub renders the summary as
// GitHub-flavoured Markdown with inline HTML, so a certificate SAN from a crafted branch name
// (git allows `` ` ``, `<`, `>`, `|`, `[`, `]`) could otherwise close a code span and emit
// headings, links or table cells of its own.

/** Control characters (line breaks included) as visible escapes: a value stays on its line. */
function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
  return String(text).replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * A code span holding `text` literally (CommonMark §6.1): delimited by one backtick more than
 * the longest run inside it, padded with a space when the text starts or ends with a backtick.
 * Inside a code span `<`, `>`, `&`, `[`, `]` are literal already. In a table row (`inTable`) a
 * `|` would still end the cell, so it is escaped as GFM tables require (`\|`, even in spans).
 */
export function code(text: string, opts: { inTable?: boolean } = {}): string {
  let value = flatten(text);
  if (opts.inTable) value = value.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

/**
 * `text` as plain Markdown/HTML text: every character Markdown or HTML could act on becomes a
 * numeric character reference, which renders as the character itself and is never markup.
 */
export function text(value: string): string {
  return flatten(value).replace(/[&<>"'`|[\]\\*_~#!()]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A fenced block whose fence no line of `content` can close (one backtick more than any run). */
export function fenced(content: string, info = ''): string[] {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, content, fence];
}
