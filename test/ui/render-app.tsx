import type { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import type { Diagnoser } from '../../src/engine/diagnose.js';
import type { Incident } from '../../src/model/incident.js';
import type { IncidentFeed, IncidentTimeline } from '../../src/model/incident-feed.js';
import { App } from '../../src/ui/components/App.js';
import { PLAIN_THEME, type Theme } from '../../src/ui/theme/theme.js';
import type { UiHost } from '../../src/ui/ui-host.js';
import { builtInDiagnoser } from '../helpers.js';

/** Key sequences a terminal sends. */
export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  enter: '\r',
  tab: '\t',
  shiftTab: '\u001B[Z',
  escape: '\u001B',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** The screen's lines. */
export const lines = (frame: string): string[] => frame.split('\n');

/** A replay-like feed over fixed incidents. */
export function staticFeed(incidents: readonly Incident[], timelines: readonly IncidentTimeline[] = [], title = 'test pods'): IncidentFeed {
  return { title, live: false, load: async () => ({ incidents, timelines }) };
}

/** ink-testing-library's stdout with a settable size, as a resizable terminal would have. */
type SizedStdout = EventEmitter & { columns: number; rows: number; frames: string[]; lastFrame(): string | undefined };

export interface RenderedApp {
  readonly lastFrame: () => string;
  /** Types keys one event at a time, letting ink handle each (a lone Esc needs a tick to be told from a sequence). */
  readonly press: (...keys: string[]) => Promise<void>;
  /** Writes to stdin without waiting, for timing. */
  readonly write: (data: string) => void;
  readonly resize: (columns: number, rows: number) => void;
  /** Waits until the frame contains `text` (or matches), failing with the frame shown. */
  readonly waitFor: (text: string | RegExp | ((frame: string) => boolean), timeout?: number) => Promise<string>;
  readonly unmount: () => void;
  readonly frames: string[];
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A UiHost that records what the UI asked of the terminal session. */
export function recordingHost(): UiHost & { copied: string[]; printed: string[] } {
  const copied: string[] = [];
  const printed: string[] = [];
  return { copied, printed, copy: (text) => copied.push(text), printOnExit: (text) => printed.push(text) };
}

export async function renderApp(
  feed: IncidentFeed,
  options: { columns?: number; rows?: number; theme?: Theme; diagnoser?: Diagnoser; host?: UiHost } = {},
): Promise<RenderedApp> {
  const diagnoser = options.diagnoser ?? (await builtInDiagnoser());
  const instance = render(<App feed={feed} diagnoser={diagnoser} theme={options.theme ?? PLAIN_THEME} {...(options.host ? { host: options.host } : {})} />);
  const stdout = instance.stdout as unknown as SizedStdout;
  const resize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true, writable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true, writable: true });
    stdout.emit('resize');
  };
  resize(options.columns ?? 100, options.rows ?? 30);
  const lastFrame = () => instance.lastFrame() ?? '';
  return {
    lastFrame,
    frames: instance.frames,
    resize,
    unmount: () => instance.unmount(),
    write: (data) => instance.stdin.write(data),
    async press(...keys) {
      for (const key of keys) {
        instance.stdin.write(key);
        await tick();
      }
    },
    async waitFor(text, timeout = 5000) {
      const found = () => (typeof text === 'string' ? lastFrame().includes(text) : typeof text === 'function' ? text(lastFrame()) : text.test(lastFrame()));
      await vi.waitFor(
        () => {
          if (!found()) throw new Error(`frame does not show ${String(text)}:\n${lastFrame()}`);
        },
        { timeout, interval: 10 },
      );
      return lastFrame();
    },
  };
}
