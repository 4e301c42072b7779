import { openSync } from 'node:fs';
import { WriteStream } from 'node:tty';
import type { TerminalStream } from './frame-screen.js';

/**
 * Where the UI draws. Normally standard output; when that is captured (`cmd=$(podmortem scan -o
 * ui)`), the controlling terminal, as fzf does, so the screen goes to the user and only the
 * command printed on exit goes to the capture. Null when there is no terminal to draw on.
 */
export function uiTerminal(): { stream: TerminalStream; close: () => void } | null {
  if (process.stdout.isTTY) return { stream: process.stdout, close: () => undefined };
  let tty: WriteStream;
  try {
    tty = new WriteStream(openSync('/dev/tty', 'w'));
  } catch {
    return null;
  }
  // Node follows window changes only for its own stdout and stderr.
  const refresh = () => (tty as unknown as { _refreshSize?: () => void })._refreshSize?.();
  process.on('SIGWINCH', refresh);
  return {
    stream: tty,
    close: () => {
      process.off('SIGWINCH', refresh);
      tty.destroy();
    },
  };
}
