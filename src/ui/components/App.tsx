import { Box, useApp, type Key } from 'ink';
import { useMemo } from 'react';
import type { Diagnoser } from '../../engine/diagnose.js';
import type { IncidentFeed } from '../../model/incident-feed.js';
import { useKeyQueue } from '../hooks/use-key-queue.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useUiController } from '../hooks/use-ui-controller.js';
import { resolveKey } from '../keys/key-bindings.js';
import { DiagnosisCache } from '../model/diagnosis-cache.js';
import { terminalSafeFeed } from '../model/safe-feed.js';
import { UiStateContext } from '../state/UiStateContext.js';
import type { Theme } from '../theme/theme.js';
import { ThemeContext } from '../theme/ThemeContext.js';
import { NO_HOST, type UiHost } from '../ui-host.js';
import { HelpScreen } from './HelpScreen.js';
import { KeyHints } from './KeyHints.js';

import { PodDetail } from './PodDetail.js';
import { PodList } from './PodList.js';
import { StyledLine } from './StyledLine.js';
import { SwitchPicker } from './SwitchPicker.js';
import { TitleBar } from './TitleBar.js';

export interface AppProps {
  /** Where the pods come from: the gallery, replayed files or a live cluster. */
  readonly feed: IncidentFeed;
  /** Diagnoses incidents with the active rule set. */
  readonly diagnoser: Diagnoser;
  readonly theme: Theme;
  /** The terminal session around the UI: clipboard and printing on exit. */
  readonly host?: UiHost;
}

/** Printable text typed into the filter; control keys never land in it. */
function typedText(input: string, key: Key): string {
  if (key.ctrl || key.meta) return '';
  return [...input].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
}

/** The root: owns the state (through the controller), turns keys into commands, lays out the screen. */
export function App({ feed, diagnoser, theme, host = NO_HOST }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const cache = useMemo(() => new DiagnosisCache(diagnoser), [diagnoser]);
  const safeFeed = useMemo(() => terminalSafeFeed(feed), [feed]);
  const ui = useUiController(safeFeed, cache, size, exit, host);

  useKeyQueue(
    (input, key) => {
      const binding = resolveKey(ui.scopes, input, key);
      if (binding) ui.run(binding.command);
      else if (ui.scopes[0] === 'filter' || ui.scopes[0] === 'prompt') {
        const text = typedText(input, key);
        if (text) ui.type(text);
      }
    },
    ui.ready,
    (input, key) => resolveKey(['global'], input, key)?.command === 'quit',
    (input, key) => key.ctrl && input === 'c',
  );

  const { screen } = ui.state.view;
  return (
    <ThemeContext.Provider value={theme}>
      <UiStateContext.Provider value={ui.state}>
        <Box flexDirection="column" width={size.columns} height={size.rows} overflow="hidden">
          <TitleBar />
          {ui.state.errorLines.map((line, i) => (
            <StyledLine key={i} line={line} />
          ))}
          <Box flexDirection="column" flexGrow={1} overflow="hidden">
            {screen === 'list' && <PodList />}
            {screen === 'detail' && <PodDetail />}
            {screen === 'help' && <HelpScreen />}
            {screen === 'picker' && <SwitchPicker />}
          </Box>
          <KeyHints />
        </Box>
      </UiStateContext.Provider>
    </ThemeContext.Provider>
  );
}
