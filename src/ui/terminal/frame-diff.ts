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
