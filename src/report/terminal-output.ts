import { OWN_STYLE_SEQUENCE } from './style.js';
import { visibleControls } from './visible-controls.js';

/**
 * The last step before anything reaches standard output or standard error: podmortem's own
 * colour sequences (style.ts) pass, every other control character is made visible. Reports
 * already neutralise untrusted text where they build it (so their layout is measured right);
 * this catches whatever a new output path forgets, so a forgotten call can at worst print
 * `^[` where a clean line was meant, never drive the terminal.
 */
export function terminalOutput(text: string): string {
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(OWN_STYLE_SEQUENCE)) {
    out += visibleControls(text.slice(copied, match.index)) + match[0];
    copied = match.index + match[0].length;
  }
  return out + visibleControls(text.slice(copied));
}
