import type { Tone } from '../theme/theme.js';

/** A run of text in one tone; tones are resolved to colours by the theme when drawn. */
export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
  /** Drawn reversed: the selected command. */
  readonly inverse?: boolean;
}

/** One screen line. Views build lists of these already fitted to the width, so nothing wraps on its own. */
export type Line = readonly Segment[];

export const blankLine: Line = [];

export function lineWidth(line: Line): number {
  return line.reduce((sum, s) => sum + s.text.length, 0);
}

/** Cuts or pads text to exactly `width` characters; a cut shows an ellipsis at the end, or in the middle (pod names keep their unique suffix). */
export function fit(text: string, width: number, cut: 'end' | 'middle' = 'end'): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  if (width === 1) return '…';
  if (cut === 'middle') {
    const tail = Math.floor((width - 1) / 2);
    return `${text.slice(0, width - 1 - tail)}…${text.slice(text.length - tail)}`;
  }
  return `${text.slice(0, width - 1)}…`;
}

/** Where a word too long for a line may break: after these, so a path or URL splits at a boundary. */
const BREAK_AFTER = new Set(['/', '.', ',', ';', ':', '=', '&', '?', '-', '_', ']', ')', '}', '|']);

/** Where to cut a run without spaces: after the last boundary character in the second half of the line, else at the width. */
function wordCut(text: string, limit: number): number {
  for (let i = limit - 1; i >= Math.floor(limit / 2); i--) if (BREAK_AFTER.has(text[i]!)) return i + 1;
  return limit;
}

/**
 * Splits text into lines of at most `width` characters (the first at most `firstWidth`) without
 * losing a character: lines break at spaces (the space at a break is the only thing dropped), a
 * word longer than a line breaks after a boundary (`/`, `.`, `-`, ...) or at the width, runs of
 * spaces and leading indentation inside a line are kept, and every `\n` starts a new line.
 */
export function wrapText(text: string, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => Math.max(1, lines.length === 0 ? firstWidth : width);
  for (const paragraph of text.split('\n')) {
    let rest = paragraph.trimEnd();
    if (rest === '') lines.push('');
    while (rest !== '') {
      const max = limit();
      if (rest.length <= max) {
        lines.push(rest);
        break;
      }
      const space = rest.lastIndexOf(' ', max);
      const beforeSpace = space > 0 ? rest.slice(0, space).trimEnd() : '';
      // A break inside the leading indentation would leave an empty line: cut the word instead.
      const cut = beforeSpace.trim() !== '' ? space : wordCut(rest, max);
      lines.push(cut === space ? beforeSpace : rest.slice(0, cut));
      rest = cut === space ? rest.slice(space).trimStart() : rest.slice(cut);
    }
  }
  return lines;
}

/** Expands tabs to the next multiple of eight columns, as a terminal shows them. */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

/**
 * A labelled paragraph: `prefix` segments, then `text` wrapped to the width, continuation lines
 * indented by `hang` spaces. Long evidence and commands stay whole and never run past the edge.
 */
export function paragraph(prefix: Line, text: string, width: number, tone?: Tone, hang = lineWidth(prefix)): Line[] {
  const [head = '', ...rest] = wrapText(text, Math.max(8, width - hang), Math.max(8, width - lineWidth(prefix)));
  const segment = (t: string): Segment => (tone ? { text: t, tone } : { text: t });
  return [[...prefix, segment(head)], ...rest.map((t) => [{ text: ' '.repeat(hang) }, segment(t)])];
}
