import { Box } from 'ink';
import type { Line } from '../model/line.js';
import { StyledLine } from './StyledLine.js';

export interface LinesWindowProps {
  /** The lines in view, already cut to the window. */
  readonly lines: readonly Line[];
  /** Index of the first of them in the whole content, so unchanged lines keep their identity while scrolling. */
  readonly first: number;
  /** Height of the window; the box keeps it even when there are fewer lines. */
  readonly rows: number;
}

/** A fixed-height window onto a long list of lines: only the visible ones are drawn. */
export function LinesWindow({ lines, first, rows }: LinesWindowProps) {
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {lines.map((line, i) => (
        <StyledLine key={first + i} line={line} />
      ))}
    </Box>
  );
}
