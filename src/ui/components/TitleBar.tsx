import { Box, Text } from 'ink';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';
import { Spinner } from './Spinner.js';

/** The top line: where the pods come from, how many are unhealthy, the sort, and what is loading. */
export function TitleBar() {
  const theme = useTheme();
  const { feed, list, size, view } = useUiState();
  const pods = list.total === 1 ? '1 pod' : `${list.total} pods`;
  const counts = feed.loaded ? `  ${pods}, ${list.unhealthy} unhealthy${list.info ? `, ${list.info} info` : ''}` : '';
  const sort = feed.loaded && view.screen === 'list' ? `  sort ${list.sort.column}${list.sortArrow}` : '';
  return (
    <Box width={size.columns}>
      <Box flexShrink={1}>
        <Text wrap="truncate-end">
          <Text {...toneProps(theme, 'accent')}>podmortem</Text>
          <Text {...toneProps(theme, 'heading')}> {feed.feed.title}</Text>
          <Text {...toneProps(theme, 'muted')}>{counts}</Text>
          <Text {...toneProps(theme, 'muted')}>{sort}</Text>
        </Text>
      </Box>
      {feed.loading !== null && (
        <Box marginLeft={2} flexShrink={1} flexGrow={1} justifyContent="flex-end">
          <Spinner label={feed.loading} />
        </Box>
      )}
    </Box>
  );
}
