import { Box, Text } from 'ink';
import { useWindowTop } from '../hooks/use-window-top.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';
import { Spinner } from './Spinner.js';

/** The namespaces (all namespaces first) or kubeconfig contexts a live feed can switch to. */
export function SwitchPicker() {
  const theme = useTheme();
  const { picker, list } = useUiState();
  const choices = picker.choices ?? [];
  const top = useWindowTop(picker.index, choices.length, list.viewportRows);
  const what = picker.kind === 'namespace' ? 'namespaces' : 'contexts';
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Text {...toneProps(theme, 'heading')}>{picker.kind === 'namespace' ? 'Switch namespace' : 'Switch context'}</Text>
      {picker.error && <Text {...toneProps(theme, 'error')} wrap="truncate-end">{`cannot list ${what}: ${picker.error}`}</Text>}
      {picker.choices === null ? (
        <Spinner label={`listing ${what}`} />
      ) : choices.length === 0 ? (
        <Text {...toneProps(theme, 'muted')}>{`No ${what} to switch to.`}</Text>
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
