import { Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';

/** The bottom line: the keys that matter on this screen, from the key table. */
export function KeyHints() {
  const theme = useTheme();
  const { hints } = useUiState();
  return (
    <Text wrap="truncate-end">
      {hints.map((binding, i) => (
        <Text key={`${binding.scope}:${binding.command}`}>
          {i > 0 ? '  ' : ''}
          <Text {...toneProps(theme, 'accent')}>{binding.label}</Text>
          <Text {...toneProps(theme, 'muted')}> {binding.hint}</Text>
        </Text>
      ))}
    </Text>
  );
}
