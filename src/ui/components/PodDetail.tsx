import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { windowLines } from '../model/detail-content.js';
import { podRow } from '../model/pod-entry.js';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';
import { useUiState } from '../state/UiStateContext.js';
import { DetailHeader } from './DetailHeader.js';
import { LinesWindow } from './LinesWindow.js';
import { Spinner } from './Spinner.js';
import { TabBar } from './TabBar.js';
import { TimelineBar } from './TimelineBar.js';

/** One pod: header, timeline position when it has one, tabs, and the active tab's content. */
export function PodDetail() {
  const theme = useTheme();
  const { detail, view, size } = useUiState();
  const { shown } = detail;
  const current = shown?.current ?? null;
  const row = useMemo(() => (current ? podRow(current.incident, current.diagnosis, shown?.count ?? 1) : null), [current?.incident, current?.diagnosis, shown?.count]);

  if (!detail.entry || !shown) {
    return <Text {...toneProps(theme, 'muted')}>{`${view.openKey ?? 'The pod'} is no longer in the list. Esc goes back.`}</Text>;
  }
  const { lines, scroll, viewportRows, content, side, selectedCommand } = detail;
  const visible = windowLines(content, scroll, viewportRows, side, size.columns, selectedCommand?.line ?? null);
  const position = lines.length > viewportRows ? `${scroll + 1}-${Math.min(scroll + viewportRows, lines.length)}/${lines.length}` : '';
  return (
    <Box flexDirection="column" flexGrow={1}>
      {row ? <DetailHeader row={row} width={size.columns} /> : <Text>{detail.entry.key}</Text>}
      {shown.count > 1 && <TimelineBar shown={shown} capturedAt={detail.entry.snapshots[shown.index]!.source.capturedAt} />}
      <TabBar active={view.tab} position={position} width={size.columns} />
      {shown.error ? (
        <Text {...toneProps(theme, 'error')}>{shown.error}</Text>
      ) : current ? (
        <LinesWindow lines={visible} first={scroll} rows={viewportRows} />
      ) : (
        <Spinner label={`diagnosing snapshot ${shown.index + 1}/${shown.count}`} />
      )}
    </Box>
  );
}
