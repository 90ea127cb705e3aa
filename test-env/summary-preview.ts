// Renders a job summary to HTML the way a reviewer sees it on GitHub, for a headless-browser
// look: a minimal Markdown converter covering what summary.ts writes (headings, paragraphs with
// `code`, **bold**, links and hard breaks, tables, fenced code, blockquotes, raw <details>).
//   npx tsx test-env/summary-preview.ts SUMMARY.md OUT.html   (an action run's step summary)
//   npx tsx test-env/summary-preview.ts --demo OUT_DIR        (the four signer × format cases)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSummary } from '../src/report/summary.js';
import { resultsFor, signerFor } from '../__tests__/helpers/report-results.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Inline Markdown: code spans first (their content is literal), then bold and links. */
function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${esc(part.slice(1, -1))}</code>`;
      if (/^<\/?(?:b|code|summary|details)>/.test(part)) return part;
      return esc(part)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
        .replace(/(^|[\s(])(https:\/\/[^\s<)]+)/g, '$1<a href="$2">$2</a>');
    })
    .join('');
}

const cells = (row: string) =>
  row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** Markdown → HTML body. */
export function markdownToHtml(md: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```(\w*)$/.exec(line);
    if (fence) {
      const code: string[] = [];
      for (i++; i < lines.length && lines[i] !== '```'; i++) code.push(lines[i]!);
      out.push(`<pre lang="${fence[1]}"><code>${esc(code.join('\n'))}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(' ');
      out.push(`<h${level}>${inline(line.slice(level + 1))}</h${level}>`);
    } else if (line.startsWith('|') && /^\|[-| ]+\|$/.test(lines[i + 1] ?? '')) {
      const head = cells(line)
        .map((c) => `<th>${inline(c)}</th>`)
        .join('');
      const body: string[] = [];
      for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
        body.push(
          `<tr>${cells(lines[i]!)
            .map((c) => `<td>${inline(c)}</td>`)
            .join('')}</tr>`,
        );
      }
      i--;
      out.push(`<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`);
    } else if (line.startsWith('> ')) {
      out.push(`<blockquote><p>${inline(line.slice(2))}</p></blockquote>`);
    } else if (/^<\/?details/.test(line)) {
      out.push(
        line.replace(/<summary>(.*)<\/summary>/, (_, s: string) => `<summary>${s}</summary>`),
      );
    } else if (line.trim() !== '') {
      const para: string[] = [line];
      while (
        i + 1 < lines.length &&
        /^[^#|`<>\s]/.test(lines[i + 1]!) &&
        lines[i + 1]!.trim() !== ''
      )
        para.push(lines[++i]!);
      out.push(
        `<p>${para.map((l) => inline(l.replace(/ {2}$/, '')) + (l.endsWith('  ') ? '<br>' : '')).join('\n')}</p>`,
      );
    }
  }
  return out.join('\n');
}

// GitHub's look, approximately: system font, 14px, bordered tables, grey code blocks.
const CSS = `body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;margin:24px;max-width:1150px}
h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}code{font:12px ui-monospace,monospace;background:#eff1f3;padding:.2em .4em;border-radius:6px}
pre{background:#f6f8fa;padding:16px;border-radius:6px;overflow:auto}pre code{background:none;padding:0}
table{border-collapse:collapse;display:block;overflow:auto}th,td{border:1px solid #d1d9e0;padding:6px 13px}tr:nth-child(2n){background:#f6f8fa}
blockquote{color:#59636e;border-left:.25em solid #d1d9e0;margin:0;padding:0 1em}details{margin:8px 0}summary{cursor:pointer}a{color:#0969da}`;

/** A whole HTML page; `open` expands every <details> so a screenshot shows the policies. */
export function htmlPage(md: string, open = false): string {
  const body = markdownToHtml(md);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>${open ? body.replace(/<details>/g, '<details open>') : body}</body></html>\n`;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--demo') {
    const dir = args[1] ?? '.';
    mkdirSync(dir, { recursive: true });
    for (const mode of ['key', 'keyless'] as const) {
      const signer = await signerFor(mode);
      for (const format of ['legacy', 'bundle'] as const) {
        for (const count of [1, 3]) {
          const md = buildSummary(resultsFor(signer, format, count), signer);
          const base = path.join(dir, `${mode}-${format}-${count}`);
          writeFileSync(`${base}.md`, md);
          writeFileSync(`${base}.html`, htmlPage(md));
          writeFileSync(`${base}-open.html`, htmlPage(md, true));
        }
      }
    }
    return;
  }
  const [input, output] = args;
  if (!input || !output)
    throw new Error('usage: summary-preview.ts SUMMARY.md OUT.html | --demo OUT_DIR');
  writeFileSync(output, htmlPage(readFileSync(input, 'utf8'), true));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  await main(process.argv.slice(2));
}
