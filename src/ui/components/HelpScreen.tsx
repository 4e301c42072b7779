import { Box, Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';
import { LinesWindow } from './LinesWindow.js';

/** Every key, grouped by where it applies, straight from the key table. */
export function HelpScreen() {
  const theme = useTheme();
  const { help } = useUiState();
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text wrap="truncate-end">
        <Text {...toneProps(theme, 'heading')}>Keys</Text>
        <Text {...toneProps(theme, 'muted')}>{help.lines.length > help.viewportRows ? '  ↑/↓ scroll, ? or Esc closes' : '  ? or Esc closes'}</Text>
      </Text>
      <LinesWindow lines={help.lines.slice(help.scroll, help.scroll + help.viewportRows)} first={help.scroll} rows={help.viewportRows} />
    </Box>
  );
}
