/**
 * Semantic colour tokens. Components ask for a tone (what a piece of text means), never for a
 * colour; the theme decides how that looks, so `--no-color` is just another theme.
 */
export type Tone =
  | 'critical'
  | 'warning'
  | 'info'
  | 'ok'
  | 'muted'
  | 'heading'
  | 'accent'
  | 'changed'
  | 'command'
  | 'match'
  | 'error';

export interface ToneStyle {
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

export interface Theme {
  readonly name: 'color' | 'plain';
  readonly tones: Readonly<Record<Tone, ToneStyle>>;
}

// The eight named ANSI colours follow the terminal's palette, so they stay readable on dark and
// light backgrounds alike; grey is done with dim, not a fixed colour.
export const COLOR_THEME: Theme = {
  name: 'color',
  tones: {
    critical: { color: 'red', bold: true },
    warning: { color: 'yellow', bold: true },
    info: { color: 'cyan' },
    ok: { color: 'green' },
    muted: { dim: true },
    heading: { bold: true },
    accent: { color: 'cyan', bold: true },
    changed: { color: 'magenta', bold: true },
    command: { color: 'cyan' },
    match: { color: 'yellow', bold: true },
    error: { color: 'red', bold: true },
  },
};

/** No colours at all (NO_COLOR, --no-color): meaning is carried by bold, dim and labels. */
export const PLAIN_THEME: Theme = {
  name: 'plain',
  tones: {
    critical: { bold: true },
    warning: { bold: true },
    info: {},
    ok: {},
    muted: { dim: true },
    heading: { bold: true },
    accent: { bold: true },
    changed: { bold: true },
    command: {},
    match: { bold: true },
    error: { bold: true },
  },
};
