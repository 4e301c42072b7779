import type { Severity } from '../model/severity.js';

/** Semantic styles for the text report; plain when colour is off. */
export interface TextStyle {
  severity(severity: Severity, text: string): string;
  heading(text: string): string;
  dim(text: string): string;
  command(text: string): string;
}

const ESC = '\u001b[';
const wrap = (open: string, text: string) => `${ESC}${open}m${text}${ESC}0m`;

// Bold red / yellow / cyan read on dark and light backgrounds alike.
const SEVERITY_CODES: Record<Severity, string> = { critical: '1;31', warning: '1;33', info: '1;36' };

export function textStyle(color: boolean): TextStyle {
  if (!color) {
    const plain = (_s: unknown, text?: string) => text ?? String(_s);
    return { severity: (_s, t) => t, heading: plain, dim: plain, command: plain };
  }
  return {
    severity: (s, t) => wrap(SEVERITY_CODES[s], t),
    heading: (t) => wrap('1', t),
    dim: (t) => wrap('2', t),
    command: (t) => wrap('36', t),
  };
}
