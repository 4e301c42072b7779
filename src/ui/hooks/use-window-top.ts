import { useRef } from 'react';

/**
 * The first row of a window that keeps the selected row in view, moving only when the selection
 * leaves it (as a pager does), not recentring on every key.
 */
export function useWindowTop(selected: number, count: number, rows: number): number {
  const top = useRef(0);
  let next = top.current;
  if (selected < next) next = selected;
  else if (selected >= next + rows) next = selected - rows + 1;
  next = Math.max(0, Math.min(next, count - rows));
  top.current = next;
  return next;
}
