import { render } from 'ink';
import type { Diagnoser } from '../engine/diagnose.js';
import type { IncidentFeed } from '../model/incident-feed.js';
import { App } from './components/App.js';
import { clipboardSequence } from './terminal/clipboard-sequence.js';
import { captureConsole } from './terminal/console-capture.js';
import { FrameScreen } from './terminal/frame-screen.js';
import { uiTerminal } from './terminal/ui-terminal.js';
import { COLOR_THEME, PLAIN_THEME } from './theme/theme.js';
import type { UiHost } from './ui-host.js';

export interface UiOptions {
  /** Where the pods come from; the UI loads it and shows progress and errors itself. */
  readonly feed: IncidentFeed;
  readonly diagnoser: Diagnoser;
  /** False for NO_COLOR / --no-color / TERM=dumb. */
  readonly color: boolean;
}

export interface UiResult {
  readonly exitCode: number;
  /** What the user asked to print on exit (a command), for standard output; null when nothing. */
  readonly printed: string | null;
  /** What libraries printed with `console` while the UI ran, for standard error. */
  readonly messages: string;
}

// The alternate screen keeps the user's scrollback intact and gives it back untouched on exit.
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[?25l';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?25h\u001B[?1049l';

/**
 * Runs the terminal UI until the user quits (q or Ctrl-C) and gives the terminal back as it was.
 * Resolves with the exit code and what to print afterwards.
 */
export async function runUi(options: UiOptions): Promise<UiResult> {
  const terminal = uiTerminal();
  if (!terminal) return { exitCode: 2, printed: null, messages: 'podmortem: no terminal to draw the UI on; use -o text, -o json or -o markdown\n' };
  const { stream } = terminal;
  // Keys typed while the UI starts are read, not echoed over the screen: raw mode from the start.
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  stream.write(ENTER_ALTERNATE_SCREEN);
  const screen = new FrameScreen(stream);
  const toPrint: { text: string | null } = { text: null };
  const host: UiHost = {
    copy: (text) => screen.send(clipboardSequence(text, process.env)),
    printOnExit: (text) => {
      toPrint.text = text;
    },
  };
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    screen.close();
    stream.write(LEAVE_ALTERNATE_SCREEN);
  };
  // Even a crash must not leave the user in the alternate screen.
  process.once('exit', restore);
  const releaseConsole = captureConsole();
  let messages = '';
  try {
    const instance = render(<App feed={options.feed} diagnoser={options.diagnoser} theme={options.color ? COLOR_THEME : PLAIN_THEME} host={host} />, {
      stdout: screen as unknown as NodeJS.WriteStream,
      stdin: process.stdin,
      exitOnCtrlC: false,
      // Debug mode hands every frame to the screen whole; the screen sends only what changed.
      debug: true,
      patchConsole: false,
    });
    await instance.waitUntilExit();
  } finally {
    restore();
    process.off('exit', restore);
    messages = releaseConsole();
    terminal.close();
  }
  return { exitCode: 0, printed: toPrint.text, messages };
}
