import type { Theme, Tone } from './theme.js';

/** The ink `<Text>` props that draw a tone in a theme. */
export function toneProps(theme: Theme, tone: Tone | undefined): { color?: string; bold?: boolean; dimColor?: boolean } {
  if (!tone) return {};
  const style = theme.tones[tone];
  return {
    ...(style.color ? { color: style.color } : {}),
    ...(style.bold ? { bold: true } : {}),
    ...(style.dim ? { dimColor: true } : {}),
  };
}
