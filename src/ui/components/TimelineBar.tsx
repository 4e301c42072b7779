import { Box, Text } from 'ink';
import type { ShownSnapshot } from '../hooks/use-shown-snapshot.js';
import { summariseChanges } from '../model/snapshot-changes.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface TimelineBarProps {
  readonly shown: ShownSnapshot;
  /** When the snapshot was captured (ISO). */
  readonly capturedAt: string;
}

/** Two lines for a recorded timeline: which snapshot and when, and what changed since the one before. */
export function TimelineBar({ shown, capturedAt }: TimelineBarProps) {
  const theme = useTheme();
  const changes = shown.changes ? summariseChanges(shown.changes) : [];
  let changeText = 'first snapshot';
  if (shown.index > 0) changeText = shown.changes ? (changes.length ? changes.join(' · ') : 'nothing changed') : 'comparing…';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text {...toneProps(theme, 'accent')}>{`snapshot ${shown.index + 1}/${shown.count}`}</Text>
        {`  ${capturedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}`}
        <Text {...toneProps(theme, 'muted')}>{shown.index === shown.count - 1 ? '  latest' : ''}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text {...toneProps(theme, 'muted')}>since previous: </Text>
        <Text {...toneProps(theme, changes.length ? 'changed' : 'muted')}>{changeText}</Text>
      </Text>
    </Box>
  );
}
