import { detailHeaderLine } from '../model/detail-header-line.js';
import type { PodRow } from '../model/pod-entry.js';
import { StyledLine } from './StyledLine.js';

export interface DetailHeaderProps {
  /** The pod as of the snapshot shown. */
  readonly row: PodRow;
  readonly width: number;
}

/** The open pod in one line: name, namespace, status, ready, restarts, age, as many as fit. */
export function DetailHeader({ row, width }: DetailHeaderProps) {
  return <StyledLine line={detailHeaderLine(row, width)} />;
}
