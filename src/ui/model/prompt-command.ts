import { SORT_COLUMNS, type SortColumn } from './pod-sort.js';

/** What a `:` command line asks for, k9s style. */
export type PromptCommand =
  | { readonly kind: 'namespace'; readonly namespace: string | null }
  | { readonly kind: 'pickNamespace' }
  | { readonly kind: 'context'; readonly context: string }
  | { readonly kind: 'pickContext' }
  | { readonly kind: 'sort'; readonly column: SortColumn; readonly reversed: boolean }
  | { readonly kind: 'pods' }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string };

const VERBS: Readonly<Record<string, 'ns' | 'ctx' | 'sort' | 'pods' | 'help' | 'quit'>> = {
  ns: 'ns',
  namespace: 'ns',
  namespaces: 'ns',
  ctx: 'ctx',
  context: 'ctx',
  contexts: 'ctx',
  sort: 'sort',
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  help: 'help',
  q: 'quit',
  'q!': 'quit',
  quit: 'quit',
};

/** What `:` understands, for the prompt's hint and errors. */
export const PROMPT_USAGE = ':ns NAME|all, :ctx NAME, :sort severity|restarts|age|namespace|name [reverse], :pods, :q';

const ALL_NAMESPACES = new Set(['all', '-a', '*', '--all-namespaces']);

/** Reads a command line typed after `:`. */
export function parsePrompt(line: string): PromptCommand {
  const [word = '', ...args] = line.trim().split(/\s+/).filter(Boolean);
  if (word === '') return { kind: 'none' };
  const verb = VERBS[word.toLowerCase()];
  const [arg, extra, ...rest] = args;
  if (!verb) return { kind: 'error', message: `unknown command :${word}; try ${PROMPT_USAGE}` };
  if (rest.length > 0 || (verb !== 'sort' && extra !== undefined)) return { kind: 'error', message: `:${word} takes ${verb === 'sort' ? 'a column and an optional "reverse"' : 'one name'}` };
  switch (verb) {
    case 'ns':
      if (arg === undefined) return { kind: 'pickNamespace' };
      return { kind: 'namespace', namespace: ALL_NAMESPACES.has(arg.toLowerCase()) ? null : arg };
    case 'ctx':
      return arg === undefined ? { kind: 'pickContext' } : { kind: 'context', context: arg };
    case 'sort': {
      const wanted = arg?.toLowerCase() ?? '';
      // An exact name wins (`name` is also the start of `namespace`); else a prefix only one column has.
      const prefixed = SORT_COLUMNS.filter((c) => wanted !== '' && c.startsWith(wanted));
      const column = SORT_COLUMNS.find((c) => c === wanted) ?? (prefixed.length === 1 ? prefixed[0] : undefined);
      if (!column) return { kind: 'error', message: `:sort takes one of ${SORT_COLUMNS.join(', ')}` };
      if (extra !== undefined && !['reverse', 'rev', 'r'].includes(extra.toLowerCase())) return { kind: 'error', message: `:sort ${column} takes only "reverse" after it` };
      return { kind: 'sort', column, reversed: extra !== undefined };
    }
    case 'pods':
      return { kind: 'pods' };
    case 'help':
      return { kind: 'help' };
    case 'quit':
      return { kind: 'quit' };
  }
}

/** The names a partly typed last word could become: command words first, then namespaces or contexts after `ns`/`ctx`. */
export function promptCompletions(line: string, names: { readonly namespaces: readonly string[]; readonly contexts: readonly string[] }): string[] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (words.length <= 1) return [...new Set(Object.keys(VERBS).filter((v) => v.startsWith(last.toLowerCase()) && v.length > 2))].sort();
  if (words.length > 2) return [];
  const verb = VERBS[words[0]!.toLowerCase()];
  const pool = verb === 'ns' ? ['all', ...names.namespaces] : verb === 'ctx' ? names.contexts : verb === 'sort' ? SORT_COLUMNS : [];
  return pool.filter((n) => n.startsWith(last));
}

/** The line with its last word completed as far as every completion agrees. */
export function completePrompt(line: string, completions: readonly string[]): string {
  if (completions.length === 0) return line;
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  let common = completions[0]!;
  for (const c of completions) while (!c.startsWith(common)) common = common.slice(0, -1);
  if (common.length <= last.length) return line;
  words[words.length - 1] = completions.length === 1 ? `${common} ` : common;
  return words.join(' ');
}
