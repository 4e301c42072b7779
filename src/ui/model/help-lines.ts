import { KEY_BINDINGS, SCOPE_TITLES, type Scope } from '../keys/key-bindings.js';
import { blankLine, paragraph, type Line } from './line.js';

const LABEL_WIDTH = 14;

/** Every key binding, grouped by where it applies; generated from the key table so it cannot drift. */
export function helpLines(width: number): Line[] {
  const lines: Line[] = [];
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
    const bindings = KEY_BINDINGS.filter((b) => b.scope === scope);
    if (bindings.length === 0) continue;
    if (lines.length) lines.push(blankLine);
    lines.push([{ text: SCOPE_TITLES[scope], tone: 'heading' }]);
    for (const binding of bindings) {
      lines.push(...paragraph([{ text: `  ${binding.label.padEnd(LABEL_WIDTH)} `, tone: 'accent' }], binding.description, width));
    }
  }
  return lines;
}
