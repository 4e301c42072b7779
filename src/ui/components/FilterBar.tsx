import { Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';

/** `/query` with a cursor while typing, and how many pods it keeps. */
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
    </Text>
  );
}
