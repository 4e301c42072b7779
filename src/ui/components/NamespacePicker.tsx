import { Box, Text } from 'ink';
import { useWindowTop } from '../hooks/use-window-top.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';
import { Spinner } from './Spinner.js';

/** The namespaces a live feed can switch to, "all namespaces" first. */
export function NamespacePicker() {
  const theme = useTheme();
  const { picker, list } = useUiState();
  const choices = picker.choices ?? [];
  const top = useWindowTop(picker.index, choices.length, list.viewportRows);
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text {...toneProps(theme, 'heading')}>Switch namespace</Text>
      {picker.error && <Text {...toneProps(theme, 'error')} wrap="truncate-end">{`cannot list namespaces: ${picker.error}`}</Text>}
      {picker.choices === null ? (
        <Spinner label="listing namespaces" />
      ) : (
        choices.slice(top, top + list.viewportRows).map((choice, i) => (
          <Text key={choice ?? '(all)'} inverse={top + i === picker.index} wrap="truncate-end">
            {choice ?? 'all namespaces'}
          </Text>
        ))
      )}
    </Box>
  );
}
