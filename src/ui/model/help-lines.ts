import { KEY_BINDINGS, SCOPE_TITLES, type KeyBinding, type Scope } from '../keys/key-bindings.js';
import { fit, type Line } from './line.js';

/** One line of help: a heading, or keys and what they do. */
type HelpEntry = { readonly heading: string } | { readonly label: string; readonly description: string };

const LABEL_WIDTH = 10;
const COLUMN_GAP = 2;
/** Below this width the help is one column. */
const TWO_COLUMNS_FROM = 72;

function entryOf(binding: KeyBinding): { label: string; description: string } {
  return binding.group ?? { label: binding.label, description: binding.description };
}

/**
 * Every binding once, grouped by where it applies; generated from the key table so it cannot
 * drift. Bindings of one group are one entry, and a group bound in several scopes (movement) is
 * listed once, under Everywhere.
 */
export function helpEntries(): HelpEntry[] {
  const scopesOfGroup = new Map<string, Set<Scope>>();
  for (const b of KEY_BINDINGS) if (b.group) scopesOfGroup.set(b.group.label, (scopesOfGroup.get(b.group.label) ?? new Set()).add(b.scope));
  const shared = (b: KeyBinding) => b.group !== undefined && scopesOfGroup.get(b.group.label)!.size > 1;
  const entries: HelpEntry[] = [];
  // Scopes with one title (the live list, the pickers and refresh) share one section.
  const titles = [...new Set(Object.values(SCOPE_TITLES))];
  for (const title of titles) {
    const scopes = (Object.keys(SCOPE_TITLES) as Scope[]).filter((scope) => SCOPE_TITLES[scope] === title);
    const own = KEY_BINDINGS.filter((b) => (scopes.includes('global') ? b.scope === 'global' || shared(b) : scopes.includes(b.scope) && !shared(b)));
    const seen = new Set<string>();
    const lines = own.map(entryOf).filter((e) => !seen.has(e.label) && seen.add(e.label));
    if (lines.length === 0) continue;
    entries.push({ heading: title }, ...lines);
  }
  return entries;
}

function entryLine(entry: HelpEntry, width: number): Line {
  if ('heading' in entry) return [{ text: fit(entry.heading, width), tone: 'heading' }];
  return [{ text: ` ${fit(entry.label, LABEL_WIDTH - 1)} `, tone: 'accent' }, { text: fit(entry.description, Math.max(1, width - LABEL_WIDTH - 1)) }];
}

/**
 * The help as lines for the width: two columns side by side when the terminal is wide enough
 * (so every key fits one 80x24 screen), a section never starting at the bottom of a column.
 */
export function helpLines(width: number): Line[] {
  const entries = helpEntries();
  if (width < TWO_COLUMNS_FROM) return entries.map((e) => entryLine(e, width));
  const columnWidth = Math.floor((width - COLUMN_GAP) / 2);
  // Split where the left column is at least half, at a heading so no section is cut in two.
  let split = Math.ceil(entries.length / 2);
  while (split < entries.length && !('heading' in entries[split]!)) split++;
  const earlier = Math.ceil(entries.length / 2) - 1;
  let before = earlier;
  while (before > 0 && !('heading' in entries[before]!)) before--;
  if (before > 0 && Math.abs(entries.length - 2 * before) < Math.abs(entries.length - 2 * split)) split = before;
  const left = entries.slice(0, split);
  const right = entries.slice(split);
  const lines: Line[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ? entryLine(left[i]!, columnWidth) : [{ text: ' '.repeat(columnWidth) }];
    const r = right[i] ? entryLine(right[i]!, columnWidth) : [];
    lines.push([...l, { text: ' '.repeat(COLUMN_GAP) }, ...r]);
  }
  return lines;
}
