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
const OTHER_CODES = { reset: '0', heading: '1', dim: '2', command: '36' } as const;

/** Exactly the escape sequences this module writes: the only ones podmortem's reports may contain. */
export const OWN_STYLE_SEQUENCE = new RegExp(
  `\u001b\\[(?:${[...Object.values(SEVERITY_CODES), ...Object.values(OTHER_CODES)].join('|')})m`,
  'g',
);

export function textStyle(color: boolean): TextStyle {
  if (!color) {
    const plain = (_s: unknown, text?: string) => text ?? String(_s);
    return { severity: (_s, t) => t, heading: plain, dim: plain, command: plain };
  }
  return {
    severity: (s, t) => wrap(SEVERITY_CODES[s], t),
    heading: (t) => wrap(OTHER_CODES.heading, t),
    dim: (t) => wrap(OTHER_CODES.dim, t),
    command: (t) => wrap(OTHER_CODES.command, t),
  };
}
