import { memo } from 'react';
import { workloadLine, type WorkloadGroup } from '../model/workload-groups.js';
import { StyledLine } from './StyledLine.js';

export interface WorkloadListRowProps {
  readonly group: WorkloadGroup;
  readonly width: number;
  readonly showNamespace: boolean;
  readonly selected: boolean;
}

/** One workload in the grouped list; Enter opens or closes it. */
export const WorkloadListRow = memo(function WorkloadListRow({ group, width, showNamespace, selected }: WorkloadListRowProps) {
  return <StyledLine line={workloadLine(group, width, showNamespace)} inverse={selected} />;
});
