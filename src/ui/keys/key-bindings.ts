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
  | 'sortNext'
  | 'sortReverse'
  | 'jumpDescribe'
  | 'jumpYaml'
  | 'jumpLogs'
  | 'nextTab'
  | 'previousTab'
  | 'tab1'
  | 'tab2'
  | 'tab3'
  | 'tab4'
  | 'tab5'
  | 'tab6'
  | 'tab7'
  | 'scrollLeft'
  | 'scrollRight'
  | 'toggleWrap'
  | 'nextCommand'
  | 'previousCommand'
  | 'copyCommand'
  | 'printCommand'
  | 'toggleInstance'
  | 'nextContainer'
  | 'previousSnapshot'
  | 'nextSnapshot'
  | 'prompt'
  | 'promptRun'
  | 'promptCancel'
  | 'promptErase'
  | 'promptComplete';

/**
 * Where a binding applies. The UI activates scopes from its state (a timeline pod adds
 * `timeline`, the Findings tab adds `findings`, a live feed adds `live`), and the first active
 * scope that binds a key wins.
 */
export type Scope = 'prompt' | 'filter' | 'list' | 'live-list' | 'findings' | 'logs' | 'detail' | 'timeline' | 'picker' | 'help' | 'live' | 'global';

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
  /** Bindings of one group are one line in help (movement, tab numbers); a group bound in several scopes is listed once, under Everywhere. */
  readonly group?: { readonly label: string; readonly description: string };
}

/** Tab titles in number-key order; the Findings tab is 1. */
export const DETAIL_TABS = ['Findings', 'Containers', 'Events', 'Logs', 'Why', 'Describe', 'YAML'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

const TAB_COMMANDS = ['tab1', 'tab2', 'tab3', 'tab4', 'tab5', 'tab6', 'tab7'] as const satisfies readonly Command[];

const MOVE = { label: '↑↓ jk', description: 'move / scroll' };
const PAGE = { label: 'PgUp PgDn', description: 'a page (also space, ^B ^F)' };
const ENDS = { label: 'g G', description: 'top / bottom (Home End)' };

function movement(scope: Scope, what: string): KeyBinding[] {
  return [
    { command: 'up', scope, keys: [{ key: 'upArrow' }, { input: 'k' }], label: '↑/k', description: `${what} up`, group: MOVE },
    { command: 'down', scope, keys: [{ key: 'downArrow' }, { input: 'j' }], label: '↓/j', description: `${what} down`, group: MOVE },
    { command: 'pageUp', scope, keys: [{ key: 'pageUp' }, { input: 'b', ctrl: true }], label: 'PgUp', description: 'one page up', group: PAGE },
    { command: 'pageDown', scope, keys: [{ key: 'pageDown' }, { input: 'f', ctrl: true }, { input: ' ' }], label: 'PgDn/space', description: 'one page down', group: PAGE },
    { command: 'first', scope, keys: [{ key: 'home' }, { input: 'g' }], label: 'g/Home', description: 'to the top', group: ENDS },
    { command: 'last', scope, keys: [{ key: 'end' }, { input: 'G' }], label: 'G/End', description: 'to the bottom', group: ENDS },
  ];
}

const JUMPS = { label: 'd y l', description: 'describe / YAML / logs' };
const ESC = { label: 'Esc', description: 'back / clear / cancel' };
const ERASE = { label: 'Bksp', description: 'back, or erase typing' };

/** `d`, `y`, `l`: straight to a pod's describe, YAML or logs, from the list or inside a pod. */
function jumps(scope: Scope): KeyBinding[] {
  return [
    { command: 'jumpDescribe', scope, keys: [{ input: 'd' }], label: 'd', description: 'describe, as kubectl shows it', hint: 'describe', group: JUMPS },
    { command: 'jumpYaml', scope, keys: [{ input: 'y' }], label: 'y', description: 'the pod as YAML', group: JUMPS },
    { command: 'jumpLogs', scope, keys: [{ input: 'l' }], label: 'l', description: 'logs', group: JUMPS },
  ];
}

const TABS_GROUP = { label: '1-7 Tab', description: 'tabs (also Shift-Tab)' };

/** Every key the UI understands. Hints, the help screen and dispatch all read this one table. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { command: 'promptRun', scope: 'prompt', keys: [{ key: 'return' }], label: 'Enter', description: 'run the command', hint: 'run' },
  { command: 'promptCancel', scope: 'prompt', keys: [{ key: 'escape' }], label: 'Esc', description: 'cancel', hint: 'cancel', group: ESC },
  { command: 'promptComplete', scope: 'prompt', keys: [{ key: 'tab' }], label: 'Tab', description: 'complete a name', hint: 'complete' },
  { command: 'promptErase', scope: 'prompt', keys: [{ key: 'backspace' }], label: 'Backspace', description: 'erase a character', group: ERASE },

  { command: 'filterAccept', scope: 'filter', keys: [{ key: 'return' }], label: 'Enter', description: 'keep it (one match: open)', hint: 'keep' },
  { command: 'filterCancel', scope: 'filter', keys: [{ key: 'escape' }], label: 'Esc', description: 'clear the filter', hint: 'clear', group: ESC },
  { command: 'filterErase', scope: 'filter', keys: [{ key: 'backspace' }], label: 'Backspace', description: 'erase a character', group: ERASE },
  { command: 'up', scope: 'filter', keys: [{ key: 'upArrow' }], label: '↑', description: 'select up while typing', group: { label: '↑↓', description: 'select while typing' } },
  { command: 'down', scope: 'filter', keys: [{ key: 'downArrow' }], label: '↓', description: 'select down while typing', group: { label: '↑↓', description: 'select while typing' } },

  ...movement('list', 'select'),
  { command: 'open', scope: 'list', keys: [{ key: 'return' }], label: 'Enter', description: 'open the pod', hint: 'open' },
  { command: 'filter', scope: 'list', keys: [{ input: '/' }], label: '/', description: 'filter: word ns/name regex', hint: 'filter' },
  { command: 'back', scope: 'list', keys: [{ key: 'escape' }], label: 'Esc', description: 'clear the filter', group: ESC },
  { command: 'sortNext', scope: 'list', keys: [{ input: 's' }], label: 's', description: 'sort by the next column', hint: 'sort', group: { label: 's S', description: 'sort column / reverse' } },
  { command: 'sortReverse', scope: 'list', keys: [{ input: 'S' }], label: 'S', description: 'reverse the sort', group: { label: 's S', description: 'sort column / reverse' } },
  ...jumps('list'),
  { command: 'namespace', scope: 'live-list', keys: [{ input: 'n' }], label: 'n', description: 'pick a namespace', hint: 'namespace' },
  { command: 'allNamespaces', scope: 'live-list', keys: [{ input: 'A' }], label: 'A', description: 'all namespaces (like -A)' },

  { command: 'nextCommand', scope: 'findings', keys: [{ input: 'n' }], label: 'n', description: 'select the next command', hint: 'next cmd', group: { label: 'n N', description: 'next / previous command' } },
  { command: 'previousCommand', scope: 'findings', keys: [{ input: 'N' }], label: 'N', description: 'select the previous command', group: { label: 'n N', description: 'next / previous command' } },
  { command: 'copyCommand', scope: 'findings', keys: [{ input: 'c' }], label: 'c', description: 'copy it (OSC 52)', hint: 'copy' },
  { command: 'printCommand', scope: 'findings', keys: [{ input: 'P' }], label: 'P', description: 'quit, print it on stdout', hint: 'print+quit' },

  { command: 'toggleInstance', scope: 'logs', keys: [{ input: 'p' }], label: 'p', description: 'previous / current instance', hint: 'prev/cur' },
  { command: 'nextContainer', scope: 'logs', keys: [{ input: 'o' }], label: 'o', description: 'next container', hint: 'container' },

  { command: 'nextTab', scope: 'detail', keys: [{ key: 'tab' }], label: 'Tab', description: 'next tab', group: TABS_GROUP },
  { command: 'previousTab', scope: 'detail', keys: [{ key: 'tab', shift: true }], label: 'Shift-Tab', description: 'previous tab', group: TABS_GROUP },
  ...DETAIL_TABS.map(
    (tab, i): KeyBinding => ({ command: TAB_COMMANDS[i]!, scope: 'detail', keys: [{ input: String(i + 1) }], label: String(i + 1), description: `${tab} tab`, group: TABS_GROUP }),
  ),
  ...jumps('detail'),
  { command: 'scrollLeft', scope: 'detail', keys: [{ input: '<' }, { key: 'leftArrow', shift: true }], label: '<', description: 'scroll long lines left', group: { label: '< >', description: 'scroll long lines sideways' } },
  { command: 'scrollRight', scope: 'detail', keys: [{ input: '>' }, { key: 'rightArrow', shift: true }], label: '>', description: 'scroll long lines right', group: { label: '< >', description: 'scroll long lines sideways' }, hint: 'sideways' },
  { command: 'toggleWrap', scope: 'detail', keys: [{ input: 'w' }], label: 'w', description: 'wrap logs, describe, YAML' },
  ...movement('detail', 'scroll'),
  { command: 'previousSnapshot', scope: 'timeline', keys: [{ input: '[' }, { key: 'leftArrow' }], label: '[/←', description: 'previous snapshot', hint: 'earlier', group: { label: '[ ] ← →', description: 'earlier / later snapshot' } },
  { command: 'nextSnapshot', scope: 'timeline', keys: [{ input: ']' }, { key: 'rightArrow' }], label: ']/→', description: 'next snapshot', hint: 'later', group: { label: '[ ] ← →', description: 'earlier / later snapshot' } },

  ...movement('picker', 'select'),
  { command: 'open', scope: 'picker', keys: [{ key: 'return' }], label: 'Enter', description: 'switch (in a picker)', hint: 'switch' },

  ...movement('help', 'scroll'),

  { command: 'refresh', scope: 'live', keys: [{ input: 'r' }], label: 'r', description: 'refresh from the cluster', hint: 'refresh' },

  { command: 'prompt', scope: 'global', keys: [{ input: ':' }], label: ':', description: 'command: ns ctx sort q', hint: 'cmd' },
  { command: 'back', scope: 'global', keys: [{ key: 'escape' }], label: 'Esc', description: 'back', hint: 'back', group: ESC },
  { command: 'back', scope: 'global', keys: [{ key: 'backspace' }], label: 'Backspace', description: 'back', group: ERASE },
  { command: 'help', scope: 'global', keys: [{ input: '?' }], label: '?', description: 'all keys', hint: 'keys' },
  { command: 'quit', scope: 'global', keys: [{ input: 'q' }, { input: 'c', ctrl: true }], label: 'q', description: 'quit (also Ctrl-C)', hint: 'quit' },
];

/** Which detail tab a tab command selects. */
export function tabOfCommand(command: Command): DetailTab | null {
  const index = (TAB_COMMANDS as readonly Command[]).indexOf(command);
  return index === -1 ? null : DETAIL_TABS[index]!;
}

/** Keys whose Shift form means something else (Shift-Tab, Shift-←): shift must match exactly. */
const SHIFT_MATTERS = new Set<KeyStroke['key']>(['tab', 'leftArrow', 'rightArrow']);

function matches(stroke: KeyStroke, input: string, key: Key): boolean {
  if (Boolean(stroke.ctrl) !== key.ctrl) return false;
  if (stroke.key) {
    // Terminals send DEL (0x7f) for the Backspace key; ink calls that `delete`.
    const pressed = stroke.key === 'backspace' ? key.backspace || key.delete : key[stroke.key];
    return pressed && (!SHIFT_MATTERS.has(stroke.key) || Boolean(stroke.shift) === key.shift);
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
  global: 'Everywhere',
  list: 'Pod list',
  'live-list': 'Live cluster',
  filter: 'While typing a filter',
  detail: 'Pod detail',
  findings: 'Findings tab: commands',
  logs: 'Logs tab',
  timeline: 'Recorded timeline',
  picker: 'Live cluster',
  help: 'This help',
  live: 'Live cluster',
  prompt: 'Command prompt (:)',
};
