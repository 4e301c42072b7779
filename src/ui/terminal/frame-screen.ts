import { EventEmitter } from 'node:events';
import { frameDiff, frameLines } from './frame-diff.js';

/** The terminal the UI draws on: process.stdout, or /dev/tty when standard output is captured. */
export interface TerminalStream {
  readonly columns?: number;
  readonly rows?: number;
  write(data: string): boolean;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

const SYNC_START = '\u001B[?2026h';
const SYNC_END = '\u001B[?2026l';

/**
 * What ink writes to instead of the terminal. ink repaints its whole output on every change, and
 * clears the terminal first whenever that output is as tall as the screen (a full-screen UI always
 * is), so every key press sent the whole screen again (~3 KB at 80x24) and flickered over SSH. ink
 * runs in debug mode against this stand-in, which makes it hand over each finished frame as one
 * write and nothing else; the stand-in keeps the frame it last drew and sends only the lines that
 * differ, at most once per turn of the event loop (a burst of renders costs one update), inside
 * a synchronized-update pair so terminals that know it show the change at once.
 */
export class FrameScreen extends EventEmitter {
  /** ink checks this to decide how to draw; the stand-in is a terminal. */
  readonly isTTY = true;
  private drawn: string[] | null = null;
  private pending: string | null = null;
  private scheduled = false;
  private closed = false;
  private readonly onResize = () => {
    // The terminal may have reflowed what was on it: the next frame is painted whole.
    this.drawn = null;
    this.emit('resize');
  };

  constructor(private readonly terminal: TerminalStream) {
    super();
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.terminal.columns || 80;
  }

  get rows(): number {
    return this.terminal.rows || 24;
  }

  /** ink's frames arrive here. */
  write(data: string | Uint8Array, callback?: () => void): boolean {
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    if (text !== '' && !this.closed) {
      this.pending = text;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    }
    callback?.();
    return true;
  }

  /** Draws the latest frame now (also on exit, so the last state is on screen before leaving). */
  flush(): void {
    this.scheduled = false;
    if (this.pending === null || this.closed) return;
    const next = frameLines(this.pending, this.rows);
    this.pending = null;
    const bytes = frameDiff(this.drawn, next, this.rows);
    this.drawn = next;
    if (bytes) this.terminal.write(SYNC_START + bytes + SYNC_END);
  }

  /** Sends bytes that are not part of a frame (the clipboard sequence) straight to the terminal. */
  send(data: string): void {
    if (!this.closed) this.terminal.write(data);
  }

  /** Stops drawing; nothing more reaches the terminal from ink. */
  close(): void {
    this.flush();
    this.closed = true;
    this.terminal.off('resize', this.onResize);
  }
}
