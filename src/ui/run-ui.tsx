import { render } from 'ink';
import type { Diagnoser } from '../engine/diagnose.js';
import type { IncidentFeed } from '../model/incident-feed.js';
import { App } from './components/App.js';
import { COLOR_THEME, PLAIN_THEME } from './theme/theme.js';

export interface UiOptions {
  /** Where the pods come from; the UI loads it and shows progress and errors itself. */
  readonly feed: IncidentFeed;
  readonly diagnoser: Diagnoser;
  /** False for NO_COLOR / --no-color / TERM=dumb. */
  readonly color: boolean;
}

// The alternate screen keeps the user's scrollback intact and gives it back untouched on exit.
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

/**
 * Runs the terminal UI until the user quits (q or Ctrl-C) and gives the terminal back as it was.
 * Resolves with the exit code.
 */
export async function runUi(options: UiOptions): Promise<number> {
  const stdout = process.stdout;
  stdout.write(ENTER_ALTERNATE_SCREEN);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALTERNATE_SCREEN);
  };
  // Even a crash must not leave the user in the alternate screen.
  process.once('exit', restore);
  try {
    const instance = render(<App feed={options.feed} diagnoser={options.diagnoser} theme={options.color ? COLOR_THEME : PLAIN_THEME} />, {
      exitOnCtrlC: false,
      patchConsole: true,
    });
    await instance.waitUntilExit();
    return 0;
  } finally {
    restore();
    process.off('exit', restore);
  }
}
