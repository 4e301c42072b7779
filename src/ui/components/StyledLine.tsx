import { Text } from 'ink';
import { memo } from 'react';
import { visibleControlsInLine } from '../../report/visible-controls.js';
import type { Line } from '../model/line.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface StyledLineProps {
  /** Segments already fitted to the width; anything longer is cut with an ellipsis, never wrapped. */
  readonly line: Line;
  /** Draws the line reversed, for the selected row. */
  readonly inverse?: boolean;
}

/** One screen line of toned segments; a control character that reached a segment anyway is shown, never sent. */
export const StyledLine = memo(function StyledLine({ line, inverse = false }: StyledLineProps) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" inverse={inverse}>
      {line.length === 0 ? ' ' : line.map((segment, i) => (
        <Text key={i} {...toneProps(theme, segment.tone)} {...(segment.inverse ? { inverse: true } : {})}>
          {visibleControlsInLine(segment.text)}
        </Text>
      ))}
    </Text>
  );
});
