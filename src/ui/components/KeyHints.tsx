import { Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';
import { PromptBar } from './PromptBar.js';

/** The bottom line: the `:` prompt while it is open, else a message from the last key, else the keys that matter here. */
export function KeyHints() {
  const theme = useTheme();
  const { hints, flash, prompt } = useUiState();
  if (prompt) return <PromptBar />;
  if (flash) {
    return (
      <Text wrap="truncate-end" {...toneProps(theme, flash.tone)}>
        {flash.text}
      </Text>
    );
  }
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
