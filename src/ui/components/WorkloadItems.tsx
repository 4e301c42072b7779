import { useUiState } from '../state/UiStateContext.js';
import type { ListItem } from '../model/workload-groups.js';
import { EmptyListMessage } from './EmptyListMessage.js';
import { PodListRow } from './PodListRow.js';
import { WorkloadListRow } from './WorkloadListRow.js';

export interface WorkloadItemsProps {
  readonly items: readonly ListItem[];
  /** The first row in view. */
  readonly top: number;
}

/** The list grouped by workload: one line per workload, its pods under it when expanded. */
export function WorkloadItems({ items, top }: WorkloadItemsProps) {
  const { list, size } = useUiState();
  const shown = items.slice(top, top + list.viewportRows);
  if (shown.length === 0) return <EmptyListMessage />;
  const showNamespace = new Set(items.flatMap((i) => (i.kind === 'workload' ? [i.group.namespace] : []))).size > 1;
  return (
    <>
      {shown.map((item, i) =>
        item.kind === 'workload' ? (
          <WorkloadListRow key={item.key} group={item.group} width={size.columns} showNamespace={showNamespace} selected={top + i === list.selectedIndex} />
        ) : (
          <PodListRow key={item.key} row={item.entry.row} columns={list.columns} selected={top + i === list.selectedIndex} />
        ),
      )}
    </>
  );
}
