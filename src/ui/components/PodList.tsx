import { Box } from 'ink';
import { useWindowTop } from '../hooks/use-window-top.js';
import { columnTitlesLine } from '../model/pod-row-line.js';
import { useUiState } from '../state/UiStateContext.js';
import { EmptyListMessage } from './EmptyListMessage.js';
import { FilterBar } from './FilterBar.js';
import { PodListRow } from './PodListRow.js';
import { SelectedPodLine } from './SelectedPodLine.js';
import { StyledLine } from './StyledLine.js';
import { WorkloadItems } from './WorkloadItems.js';

/** The pod table: unhealthy first, only the rows that fit drawn, the selection kept in view. */
export function PodList() {
  const { list } = useUiState();
  const rows = list.items ?? list.visible;
  const top = useWindowTop(list.selectedIndex, rows.length, list.viewportRows);
  const shown = list.visible.slice(top, top + list.viewportRows);
  return (
    <Box flexDirection="column" flexGrow={1}>
      {(list.editingFilter || list.filter !== '') && <FilterBar />}
      <StyledLine line={columnTitlesLine(list.columns)} />
      <Box flexDirection="column" height={list.viewportRows} overflow="hidden">
        {list.items ? <WorkloadItems items={list.items} top={top} /> : shown.length === 0 ? <EmptyListMessage /> : shown.map((entry, i) => (
          <PodListRow key={entry.key} row={entry.row} columns={list.columns} selected={top + i === list.selectedIndex} />
        ))}
      </Box>
      <SelectedPodLine />
    </Box>
  );
}
