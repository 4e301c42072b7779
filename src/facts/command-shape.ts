import type { V1Container } from '@kubernetes/client-node';

/*
 * A container's `command` is exec'd as it is written: no shell reads it. Its first element must
 * name an executable file in the image; a whole command line in that one element (`["exit 1"]`,
 * `["sh -c ./run.sh"]`) or a word only a shell knows (`exit`, `cd`, `source`) names none, so the
 * runtime cannot start the container whatever the image holds.
 */

/** Words a shell runs itself, with no executable of that name in an image. */
const SHELL_BUILTINS = new Set(['exit', 'cd', 'export', 'source', '.', 'alias', 'unset', 'set', 'ulimit', 'eval', 'exec', 'trap', 'shift', 'return', 'readonly', 'declare', 'local', 'umask', 'wait']);

export type CommandShapeProblem = 'shell-line-as-one-argument' | 'shell-builtin';

/** What is wrong with the shape of the container's command, and its first element; null when nothing is. */
export function commandShape(container: V1Container | undefined): { problem: CommandShapeProblem; first: string } | null {
  const first = container?.command?.[0];
  if (typeof first !== 'string' || first.trim() === '') return null;
  if (/\s/.test(first.trim())) return { problem: 'shell-line-as-one-argument', first };
  return SHELL_BUILTINS.has(first) ? { problem: 'shell-builtin', first } : null;
}
