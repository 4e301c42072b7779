import { Text } from 'ink';
import { PROMPT_USAGE } from '../model/prompt-command.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';

const SHOWN_COMPLETIONS = 6;

/** The `:` command line with a cursor, then what Tab could complete, or what commands there are. */
export function PromptBar() {
  const theme = useTheme();
  const { prompt } = useUiState();
  if (!prompt) return null;
  const { completions, text } = prompt;
  const after = text.trim() === '' ? PROMPT_USAGE : completions.slice(0, SHOWN_COMPLETIONS).join(' ') + (completions.length > SHOWN_COMPLETIONS ? ' …' : '');
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps(theme, 'accent')}>:</Text>
      {text}
      <Text inverse> </Text>
      <Text {...toneProps(theme, 'muted')}>{after ? `  ${after}` : ''}</Text>
    </Text>
  );
}
