import type { Key } from 'ink';

/** What a key does; the same command means "move" in a list and "scroll" in a text view. */
export type Command =
  | 'quit'
  | 'help'
  | 'back'
  | 'refresh'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'open'
  | 'filter'
  | 'filterAccept'
  | 'filterCancel'
  | 'filterErase'
  | 'namespace'
  | 'allNamespaces'
  | 'nextTab'
  | 'previousTab'
  | 'tab1'
  | 'tab2'
  | 'tab3'
  | 'tab4'
  | 'tab5'
  | 'previousSnapshot'
  | 'nextSnapshot';

/**
 * Where a binding applies. The UI activates scopes from its state (a timeline pod adds
 * `timeline`, a live feed adds `live`), and the first active scope that binds a key wins.
 */
export type Scope = 'filter' | 'list' | 'live-list' | 'detail' | 'timeline' | 'picker' | 'help' | 'live' | 'global';

/** One physical key: a typed character, or a named key from ink's `Key`, with modifiers. */
export interface KeyStroke {
  readonly input?: string;
  readonly key?: 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace';
  readonly shift?: boolean;
  readonly ctrl?: boolean;
}

export interface KeyBinding {
  readonly command: Command;
  readonly scope: Scope;
  readonly keys: readonly KeyStroke[];
  /** How the keys are written in hints and help, e.g. `↑/k`. */
  readonly label: string;
  /** What the key does here, in a few words. */
  readonly description: string;
  /** A word or two for the one-line hint bar; bindings without one appear only in help. */
  readonly hint?: string;
}

/** Tab titles in number-key order; the Findings tab is 1. */
export const DETAIL_TABS = ['Findings', 'Containers', 'Events', 'Logs', 'Why'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

const TAB_COMMANDS = ['tab1', 'tab2', 'tab3', 'tab4', 'tab5'] as const satisfies readonly Command[];

function movement(scope: Scope, what: string): KeyBinding[] {
  return [
    { command: 'up', scope, keys: [{ key: 'upArrow' }, { input: 'k' }], label: '↑/k', description: `${what} up` },
    { command: 'down', scope, keys: [{ key: 'downArrow' }, { input: 'j' }], label: '↓/j', description: `${what} down` },
    { command: 'pageUp', scope, keys: [{ key: 'pageUp' }, { input: 'b', ctrl: true }], label: 'PgUp', description: 'one page up' },
    { command: 'pageDown', scope, keys: [{ key: 'pageDown' }, { input: 'f', ctrl: true }, { input: ' ' }], label: 'PgDn/space', description: 'one page down' },
    { command: 'first', scope, keys: [{ key: 'home' }, { input: 'g' }], label: 'g/Home', description: 'to the top' },
    { command: 'last', scope, keys: [{ key: 'end' }, { input: 'G' }], label: 'G/End', description: 'to the bottom' },
  ];
}

/** Every key the UI understands. Hints, the help screen and dispatch all read this one table. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { command: 'filterAccept', scope: 'filter', keys: [{ key: 'return' }], label: 'Enter', description: 'keep the filter', hint: 'keep' },
  { command: 'filterCancel', scope: 'filter', keys: [{ key: 'escape' }], label: 'Esc', description: 'clear the filter', hint: 'clear' },
  { command: 'filterErase', scope: 'filter', keys: [{ key: 'backspace' }], label: 'Backspace', description: 'erase a character' },
  { command: 'up', scope: 'filter', keys: [{ key: 'upArrow' }], label: '↑', description: 'select up while typing' },
  { command: 'down', scope: 'filter', keys: [{ key: 'downArrow' }], label: '↓', description: 'select down while typing' },

  ...movement('list', 'select'),
  { command: 'open', scope: 'list', keys: [{ key: 'return' }], label: 'Enter', description: 'open the pod', hint: 'open' },
  { command: 'filter', scope: 'list', keys: [{ input: '/' }], label: '/', description: 'filter by name, status or cause', hint: 'filter' },
  { command: 'back', scope: 'list', keys: [{ key: 'escape' }], label: 'Esc', description: 'clear the filter' },
  { command: 'namespace', scope: 'live-list', keys: [{ input: 'n' }], label: 'n', description: 'switch namespace', hint: 'namespace' },
  { command: 'allNamespaces', scope: 'live-list', keys: [{ input: 'A' }], label: 'A', description: 'all namespaces (like -A)' },

  { command: 'nextTab', scope: 'detail', keys: [{ key: 'tab' }], label: 'Tab', description: 'next tab', hint: 'next tab' },
  { command: 'previousTab', scope: 'detail', keys: [{ key: 'tab', shift: true }], label: 'Shift-Tab', description: 'previous tab' },
  ...DETAIL_TABS.map(
    (tab, i): KeyBinding => ({ command: TAB_COMMANDS[i]!, scope: 'detail', keys: [{ input: String(i + 1) }], label: String(i + 1), description: `${tab} tab` }),
  ),
  ...movement('detail', 'scroll'),
  { command: 'previousSnapshot', scope: 'timeline', keys: [{ input: '[' }, { key: 'leftArrow' }], label: '[/←', description: 'previous snapshot', hint: 'earlier' },
  { command: 'nextSnapshot', scope: 'timeline', keys: [{ input: ']' }, { key: 'rightArrow' }], label: ']/→', description: 'next snapshot', hint: 'later' },

  ...movement('picker', 'select'),
  { command: 'open', scope: 'picker', keys: [{ key: 'return' }], label: 'Enter', description: 'switch to this namespace', hint: 'switch' },

  ...movement('help', 'scroll'),

  { command: 'refresh', scope: 'live', keys: [{ input: 'r' }], label: 'r', description: 'refresh from the cluster', hint: 'refresh' },

  { command: 'back', scope: 'global', keys: [{ key: 'escape' }, { key: 'backspace' }], label: 'Esc', description: 'back (also Backspace)', hint: 'back' },
  { command: 'help', scope: 'global', keys: [{ input: '?' }], label: '?', description: 'all keys', hint: 'keys' },
  { command: 'quit', scope: 'global', keys: [{ input: 'q' }, { input: 'c', ctrl: true }], label: 'q', description: 'quit', hint: 'quit' },
];

/** Which detail tab a tab command selects. */
export function tabOfCommand(command: Command): DetailTab | null {
  const index = (TAB_COMMANDS as readonly Command[]).indexOf(command);
  return index === -1 ? null : DETAIL_TABS[index]!;
}

function matches(stroke: KeyStroke, input: string, key: Key): boolean {
  if (Boolean(stroke.ctrl) !== key.ctrl) return false;
  if (stroke.key) {
    // Terminals send DEL (0x7f) for the Backspace key; ink calls that `delete`.
    const pressed = stroke.key === 'backspace' ? key.backspace || key.delete : key[stroke.key];
    return pressed && (stroke.key !== 'tab' || Boolean(stroke.shift) === key.shift);
  }
  return stroke.input === input;
}

/** The binding a key press triggers in the active scopes (first scope wins), or null. */
export function resolveKey(scopes: readonly Scope[], input: string, key: Key): KeyBinding | null {
  for (const scope of scopes) {
    const binding = KEY_BINDINGS.find((b) => b.scope === scope && b.keys.some((stroke) => matches(stroke, input, key)));
    if (binding) return binding;
  }
  return null;
}

/** The bindings to show in the hint bar for the active scopes, without keys a nearer scope took. */
export function hintsFor(scopes: readonly Scope[]): KeyBinding[] {
  const taken = new Set<Command>();
  const hints: KeyBinding[] = [];
  for (const scope of scopes) {
    const inScope = KEY_BINDINGS.filter((b) => b.scope === scope && !taken.has(b.command));
    hints.push(...inScope.filter((b) => b.hint));
    for (const binding of inScope) taken.add(binding.command);
  }
  return hints;
}

/** Headings of the help screen, in the order it lists scopes. */
export const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  list: 'Pod list',
  'live-list': 'Pod list (live cluster)',
  filter: 'While typing a filter',
  detail: 'Pod detail',
  timeline: 'Pod detail (recorded timeline)',
  picker: 'Namespace picker',
  help: 'This help',
  live: 'Live cluster',
  global: 'Everywhere',
};
