import { Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';

/** `/query` with a cursor while typing, how many pods it keeps, and a word it could not read as meant. */
export function FilterBar() {
  const theme = useTheme();
  const { list } = useUiState();
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps(theme, 'accent')}>/</Text>
      {list.filter}
      {list.editingFilter ? <Text inverse> </Text> : null}
      <Text {...toneProps(theme, 'muted')}>
        {'  '}
        {list.visible.length} of {list.total} pods
      </Text>
      {list.filterProblem ? <Text {...toneProps(theme, 'error')}>{`  ${list.filterProblem}`}</Text> : null}
    </Text>
  );
}
