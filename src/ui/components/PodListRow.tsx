import { memo } from 'react';
import type { Column } from '../model/list-columns.js';
import type { PodRow } from '../model/pod-entry.js';
import { podRowLine } from '../model/pod-row-line.js';
import { StyledLine } from './StyledLine.js';

export interface PodListRowProps {
  readonly row: PodRow;
  readonly columns: readonly Column[];
  readonly selected: boolean;
}

/** One pod in the list. Memoised: moving the selection redraws only the two rows it touches. */
export const PodListRow = memo(function PodListRow({ row, columns, selected }: PodListRowProps) {
  return <StyledLine line={podRowLine(row, columns)} inverse={selected} />;
});
