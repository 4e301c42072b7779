import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

function oneKey(ch: string): [string, Key] {
  if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\u007F') return ['', { ...NO_KEY, delete: true }];
  if (ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  const code = ch.charCodeAt(0);
  // Ctrl-A .. Ctrl-Z arrive as 0x01 .. 0x1a.
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: /^[A-Z]$/.test(ch) }];
}

/**
 * ink hands over a run of plain characters as one input when they arrive together: a paste,
 * fast typing, key repeat on a busy machine, or `oom` followed by Enter. Each character is a key
 * press of its own; escape sequences (arrows, Esc) already come one at a time.
 */
export function splitInput(input: string, key: Key): Array<[string, Key]> {
  const chars = [...input];
  if (chars.length <= 1 || input.startsWith('\u001B')) return [[input, key]];
  return chars.map(oneKey);
}
