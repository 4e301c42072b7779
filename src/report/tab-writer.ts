/**
 * Aligns tab-separated cells the way Go's text/tabwriter does with kubectl's settings (minwidth 0,
 * padding 2, spaces): a column block is a run of adjacent lines that all have a tab-terminated cell
 * at that column, and every cell in it is padded to the widest one plus two. A line without that
 * cell ends the block, which is why describe's alignment restarts after `Containers:`.
 */
export function alignTabs(text: string): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] ?? [];
      let line = '';
      cells.forEach((cell, column) => {
        const last = column === cells.length - 1;
        line += last ? cell : cell.padEnd(widths[column] ?? cell.length);
      });
      out.push(line);
    }
  };

  const format = (start: number, end: number) => {
    const column = widths.length;
    let blockStart = start;
    for (let i = start; i < end; i++) {
      if (column >= (lines[i]?.length ?? 0) - 1) continue;
      writeLines(blockStart, i);
      blockStart = i;
      let width = 0;
      for (; i < end && column < (lines[i]?.length ?? 0) - 1; i++) {
        width = Math.max(width, (lines[i]?.[column]?.length ?? 0) + 2);
      }
      widths.push(width);
      format(blockStart, i);
      widths.pop();
      blockStart = i;
      i--;
    }
    writeLines(blockStart, end);
  };

  format(0, lines.length);
  return out.join('\n');
}
