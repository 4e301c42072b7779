import { Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';

/** What the list says when it has no rows: still loading, nothing loaded, no pods, or a filter that matches none. */
export function EmptyListMessage() {
  const theme = useTheme();
  const { feed, list } = useUiState();
  let text = 'No pods.';
  if (!feed.loaded) text = feed.error ? 'Nothing loaded.' : 'Loading…';
  else if (list.total > 0) text = `No pod matches /${list.filter}. Esc clears the filter.`;
  return <Text {...toneProps(theme, 'muted')}>{text}</Text>;
}
