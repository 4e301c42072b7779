import { Box, Text } from 'ink';
import { DETAIL_TABS, type DetailTab } from '../keys/key-bindings.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface TabBarProps {
  readonly active: DetailTab;
  /** `12-34/120` when the content is longer than the window; empty otherwise. */
  readonly position: string;
  readonly width: number;
}

/** Below this width tabs sit closer together, so all seven and the position fit 80 columns. */
const ROOMY_FROM = 100;

/** The detail tabs with their number keys, the active one reversed, and the scroll position. */
export function TabBar({ active, position, width }: TabBarProps) {
  const theme = useTheme();
  const gap = width >= ROOMY_FROM ? '  ' : ' ';
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end">
          {DETAIL_TABS.map((tab, i) => (
            <Text key={tab}>
              {i === 0 ? '' : gap}
              <Text inverse={tab === active} {...toneProps(theme, tab === active ? 'heading' : 'muted')}>
                {tab === active ? ` ${i + 1} ${tab} ` : `${i + 1} ${tab}`}
              </Text>
            </Text>
          ))}
        </Text>
      </Box>
      {position !== '' && (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...toneProps(theme, 'muted')}>{position}</Text>
        </Box>
      )}
    </Box>
  );
}
