/**
 * Untrusted text in Markdown (CommonMark and GitHub's dialect) renders only as text: no HTML,
 * no images, no links that show one thing and point to another, no headings, lists, quotes or
 * table cells of its own, no emphasis. (GitHub still turns a bare `https://x`, `www.x` or
 * `a@b.c` into a link to exactly what it shows, whatever the escaping, as in any comment.) Text
 * handed here is already terminal-safe (visibleControls); these add the Markdown layer.
 */

/**
 * Characters that start inline Markdown or HTML (`<img onerror=…>`, `[x](url)`, `*em*`,
 * `` `code` ``, `|` cells, `~~strike~~`, `&lt;` entities, `$math$`, `#` at a line start),
 * each escaped with a backslash, which CommonMark allows before any ASCII punctuation.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>#|~&!$@]/g;
/** At the start of a line these make a list item, a heading underline or a code block. */
const LINE_START = /^(\s*)(?:([-+=])|(\d{1,9})([.)]))/;

/**
 * Line breaks and the white space around them as one space. Split and trimmed rather than
 * matched with `\s*\n\s*`: that pattern rescans a run of spaces from every position in it
 * (200,000 spaces took 13 s).
 */
function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const parts = text.split('\n');
  const last = parts.length - 1;
  const kept: string[] = [];
  parts.forEach((part, i) => {
    const trimmed = i === 0 ? part.trimEnd() : i === last ? part.trimStart() : part.trim();
    if (trimmed !== '' || i === 0 || i === last) kept.push(trimmed);
  });
  return kept.join(' ');
}

/**
 * Inline text: one line (line breaks become spaces, so nothing can start a block), every
 * Markdown and HTML character escaped. `atLineStart` also escapes what only matters there.
 */
export function markdownText(text: string, atLineStart = false): string {
  let out = joinLines(text)
    .replace(/\t/g, ' ')
    .replace(INLINE_SPECIAL, '\\$&');
  if (atLineStart) out = out.trimStart().replace(LINE_START, (_m, space: string, mark?: string, digits?: string, dot?: string) => (mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`));
  return out;
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === character ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A code span that shows `text` verbatim: delimited by more backticks than any run inside, with
 * a space inside the delimiters when the text starts or ends with a backtick or a space.
 * `inTable` escapes `|`, which GitHub's tables split cells on even inside code.
 */
export function markdownCode(text: string, inTable = false): string {
  const oneLine = joinLines(text);
  if (oneLine.trim() === '') return markdownText(oneLine) || '(empty)';
  const fence = '`'.repeat(longestRun(oneLine, '`') + 1);
  const pad = /^[` ]|[` ]$/.test(oneLine) ? ' ' : '';
  const body = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A fenced code block showing `text` verbatim, its fence longer than any backtick run inside (so
 * nothing in the text can close it), every line indented by `indent` so the block stays inside
 * the list item it belongs to.
 */
export function markdownFence(text: string, language = '', indent = ''): string[] {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const lines = text.replace(/\n+$/, '').split('\n');
  return [`${indent}${fence}${language}`, ...lines.map((line) => `${indent}${line}`), `${indent}${fence}`];
}
