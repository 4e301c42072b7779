/*
 * Turning one full screen frame into the bytes that change the previous one into it. Pure, so the
 * byte counts the UI promises (a selection move sends a few hundred bytes, not the whole screen)
 * are tested without a terminal.
 */

const CSI = '\u001B[';
const CLEAR_SCREEN = `${CSI}H${CSI}2J`;
/** Erases the whole line first: erasing after the text would clear the last column of a full-width line. */
const ERASE_LINE = `${CSI}2K`;
const RESET_STYLE = `${CSI}0m`;

function moveTo(row: number): string {
  return `${CSI}${row + 1};1H`;
}

/** The frame's lines, at most `rows` of them: nothing is ever written below the last row, so the screen never scrolls. */
export function frameLines(frame: string, rows: number): string[] {
  return frame.split('\n').slice(0, Math.max(0, rows));
}

/**
 * The bytes that turn `previous` into `next` on a screen of `rows` lines: each changed line is
 * addressed absolutely, erased and written; lines that are the same are not touched. With no
 * previous frame (the first one, or after a resize reflowed the screen) the screen is cleared and
 * painted whole. Every written line ends with its styles reset, so no colour leaks into the next.
 */
export function frameDiff(previous: readonly string[] | null, next: readonly string[], rows: number): string {
  const out: string[] = [];
  if (previous === null) out.push(CLEAR_SCREEN);
  const height = Math.min(rows, Math.max(next.length, previous?.length ?? 0));
  for (let row = 0; row < height; row++) {
    const line = next[row] ?? '';
    if (previous !== null && previous[row] === line) continue;
    if (previous === null && line === '') continue;
    out.push(moveTo(row), ERASE_LINE, line, line.includes('\u001B') ? RESET_STYLE : '');
  }
  return out.join('');
}

/** SGR, cursor and OSC sequences: they take no columns on screen. */
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]{0,64}[ -/]{0,8}[@-~]|\][^\u0007\u001B]{0,4096}(?:\u0007|\u001B\\)?)/g;

/** East Asian wide and emoji ranges: two columns each. Counting a narrow one as wide only costs a repaint. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/**
 * Whether a frame has a line wider than the screen. Such a line wraps, and the rows below it (or
 * the whole screen, when it scrolls) no longer hold what the frame says: it happens for the one
 * frame ink draws at the old layout right after a terminal shrinks, before the new size reaches
 * the components.
 */
export function overflows(lines: readonly string[], columns: number): boolean {
  for (const line of lines) {
    // No line of this length can be wider, even all in two-column characters.
    if (line.length * 2 <= columns) continue;
    let width = 0;
    for (const char of line.replace(ESCAPE_SEQUENCE, '')) {
      width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
      if (width > columns) return true;
    }
  }
  return false;
}
