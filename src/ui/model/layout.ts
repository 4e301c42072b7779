/*
 * How many lines each part of the screen takes, so views show exactly what fits and the frame
 * never grows past the terminal's height.
 */

/** Lines of the frame that are not the current screen's body: title bar, error lines, hint bar. */
function chromeLines(errorLines: number): number {
  return 1 + errorLines + 1;
}

/** Rows of pods that fit: the body minus the filter line, the column titles and the selection line. */
export function listViewportRows(terminalRows: number, errorLines: number, filterShown: boolean): number {
  return Math.max(1, terminalRows - chromeLines(errorLines) - (filterShown ? 1 : 0) - 2);
}

/** Lines of tab content that fit: the body minus the pod header, timeline lines and the tab bar. */
export function detailViewportRows(terminalRows: number, errorLines: number, timelineLines: number): number {
  return Math.max(1, terminalRows - chromeLines(errorLines) - 2 - timelineLines);
}

/** Lines of the help screen's key table that fit under its title. */
export function helpViewportRows(terminalRows: number, errorLines: number): number {
  return Math.max(1, terminalRows - chromeLines(errorLines) - 1);
}
