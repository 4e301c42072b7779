import type { Tone } from '../theme/theme.js';

/** A run of text in one tone; tones are resolved to colours by the theme when drawn. */
export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
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

/**
 * Splits text into lines at spaces: the first line at most `firstWidth` characters, the others at
 * most `width`; words longer than a line are cut.
 */
export function wrapWords(text: string, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => Math.max(1, lines.length === 0 ? firstWidth : width);
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length <= limit()) {
        line = `${line} ${word}`;
        continue;
      }
      if (line) lines.push(line);
      while (word.length > limit()) {
        const cut = limit();
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A labelled paragraph: `prefix` segments, then `text` wrapped to the width, continuation lines
 * indented by `hang` spaces. Long evidence and commands stay whole and never run past the edge.
 */
export function paragraph(prefix: Line, text: string, width: number, tone?: Tone, hang = lineWidth(prefix)): Line[] {
  const [head = '', ...rest] = wrapWords(text, Math.max(8, width - hang), Math.max(8, width - lineWidth(prefix)));
  const segment = (t: string): Segment => (tone ? { text: t, tone } : { text: t });
  return [[...prefix, segment(head)], ...rest.map((t) => [{ text: ' '.repeat(hang) }, segment(t)])];
}
