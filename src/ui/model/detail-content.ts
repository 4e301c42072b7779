import { lineWidth, type Line, type Segment } from './line.js';

/** A command in the Findings tab: the line it is drawn on and its exact text, what copy and print hand over. */
export interface CommandRef {
  readonly line: number;
  readonly text: string;
}

/**
 * What a detail tab shows. Prose is wrapped to the width; text people copy or read as laid out
 * (commands, log lines, describe and YAML) is kept on one line, never broken, and scrolls
 * sideways behind a fixed prefix.
 */
export interface DetailContent {
  readonly lines: readonly Line[];
  /** Lines that are never wrapped: line index → width of the prefix that stays put while the rest scrolls. */
  readonly wide: ReadonlyMap<number, number>;
  readonly commands: readonly CommandRef[];
}

export const EMPTY_CONTENT: DetailContent = { lines: [], wide: new Map(), commands: [] };

/** Collects the lines of a tab in order. */
export class ContentBuilder {
  private readonly lines: Line[] = [];
  private readonly wide = new Map<number, number>();
  private readonly commands: CommandRef[] = [];

  /** Lines already fitted to the width. */
  push(...lines: Line[]): this {
    this.lines.push(...lines);
    return this;
  }

  /** One line that scrolls sideways after `prefix` instead of wrapping. */
  pushWide(prefix: Line, body: Line): this {
    this.wide.set(this.lines.length, lineWidth(prefix));
    this.lines.push([...prefix, ...body]);
    return this;
  }

  /** A command people copy: one wide line, selectable. */
  pushCommand(prefix: Line, command: string): this {
    this.commands.push({ line: this.lines.length, text: command });
    return this.pushWide(prefix, [{ text: command, tone: 'command' }]);
  }

  get length(): number {
    return this.lines.length;
  }

  build(): DetailContent {
    return { lines: this.lines, wide: this.wide, commands: this.commands };
  }
}

/** The segments before and after column `at`. */
export function splitAt(line: Line, at: number): [Line, Line] {
  const head: Segment[] = [];
  const tail: Segment[] = [];
  let used = 0;
  for (const segment of line) {
    const room = at - used;
    if (room >= segment.text.length) head.push(segment);
    else if (room <= 0) tail.push(segment);
    else {
      head.push({ ...segment, text: segment.text.slice(0, room) });
      tail.push({ ...segment, text: segment.text.slice(room) });
    }
    used += segment.text.length;
  }
  return [head, tail];
}

/** How far the widest line can scroll sideways so its end shows, at this width. */
export function maxSideScroll(content: DetailContent, width: number): number {
  let max = 0;
  for (const [index, prefix] of content.wide) {
    const body = lineWidth(content.lines[index]!) - prefix;
    const room = width - prefix;
    if (body > room) max = Math.max(max, body - room + 1);
  }
  return max;
}

/** How far one sideways step moves: half the room, so every character shows unmarked at some step. */
export function sideScrollStep(width: number): number {
  return Math.max(4, Math.floor(width / 2));
}

const CONTINUES_LEFT = '«';
const CONTINUES_RIGHT = '»';

/**
 * A wide line as it shows at sideways offset `offset` in `width` columns: the prefix, then the
 * body from the offset, `«` where text is hidden on the left and `»` where it continues on the
 * right; `selected` reverses the body (the command copy and print act on).
 */
export function sideScrolled(line: Line, prefix: number, offset: number, width: number, selected: boolean): Line {
  const [head, body] = splitAt(line, prefix);
  const room = Math.max(1, width - prefix);
  const total = lineWidth(body);
  const start = Math.min(offset, Math.max(0, total - 1));
  const [, fromStart] = splitAt(body, start);
  let [shown] = splitAt(fromStart, room);
  const hiddenLeft = start > 0;
  const hiddenRight = total - start > room;
  if (hiddenRight) shown = [...splitAt(shown, room - 1)[0], { text: CONTINUES_RIGHT, tone: 'accent' }];
  if (hiddenLeft) shown = [{ text: CONTINUES_LEFT, tone: 'accent' }, ...splitAt(shown, 1)[1]];
  if (selected) shown = shown.map((s) => ({ ...s, inverse: true }));
  return [...head, ...shown];
}

/** The lines of a window onto the content: `rows` lines from `scroll`, wide lines shifted by `offset`. */
export function windowLines(content: DetailContent, scroll: number, rows: number, offset: number, width: number, selectedLine: number | null): Line[] {
  const out: Line[] = [];
  for (let i = scroll; i < Math.min(content.lines.length, scroll + rows); i++) {
    const prefix = content.wide.get(i);
    const line = content.lines[i]!;
    out.push(prefix === undefined ? line : sideScrolled(line, prefix, offset, width, i === selectedLine));
  }
  return out;
}
