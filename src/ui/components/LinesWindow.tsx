import { Box } from 'ink';
import type { Line } from '../model/line.js';
import { StyledLine } from './StyledLine.js';

export interface LinesWindowProps {
  readonly lines: readonly Line[];
  /** Index of the first line shown. */
  readonly scroll: number;
  /** Height of the window; the box keeps it even when there are fewer lines. */
  readonly rows: number;
}

/** A fixed-height window onto a long list of lines: only the visible ones are drawn. */
export function LinesWindow({ lines, scroll, rows }: LinesWindowProps) {
  const visible = lines.slice(scroll, scroll + rows);
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {visible.map((line, i) => (
        <StyledLine key={scroll + i} line={line} />
      ))}
    </Box>
  );
}
