import { Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';

/** Under the table: the selected pod's full name (columns may cut it), whether it has a timeline, and the position. */
export function SelectedPodLine() {
  const theme = useTheme();
  const { list } = useUiState();
  const item = list.items?.[list.selectedIndex];
  if (item?.kind === 'workload') {
    return (
      <Text wrap="truncate-end">
        <Text {...toneProps(theme, 'muted')}>{`${list.selectedIndex + 1}/${list.items?.length ?? 0}  `}</Text>
        {item.group.summary}
      </Text>
    );
  }
  const entry = item ? item.entry : list.visible[list.selectedIndex];
  if (!entry) return <Text> </Text>;
  const snapshots = entry.snapshots.length;
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps(theme, 'muted')}>{`${list.selectedIndex + 1}/${(list.items ?? list.visible).length}  `}</Text>
      {entry.key}
      {snapshots > 1 ? <Text {...toneProps(theme, 'accent')}>{`  timeline of ${snapshots} snapshots`}</Text> : null}
    </Text>
  );
}
