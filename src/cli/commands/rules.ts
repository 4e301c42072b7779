import { UsageError } from '../usage-error.js';
import { suggest } from '../../engine/suggest.js';

type Subcommand = (argv: string[]) => Promise<number>;

/** `podmortem rules SUBCOMMAND`: each subcommand loads lazily, like the top-level commands. */
const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  list: async () => (await import('./rules-list.js')).rulesListCommand,
  show: async () => (await import('./rules-show.js')).rulesShowCommand,
  lint: async () => (await import('./rules-lint.js')).rulesLintCommand,
  test: async () => (await import('./rules-test.js')).rulesTestCommand,
  new: async () => (await import('./rules-new.js')).rulesNewCommand,
  operators: async () => (await import('./rules-operators.js')).rulesOperatorsCommand,
  causes: async () => (await import('./rules-causes.js')).rulesCausesCommand,
};

export async function rulesCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const names = Object.keys(SUBCOMMANDS);
  if (name === undefined) throw new UsageError(`rules needs a subcommand: ${names.join(', ')}`);
  const load = SUBCOMMANDS[name];
  if (!load) throw new UsageError(`unknown rules subcommand "${name}"${suggest(name, names)}: use one of ${names.join(', ')}`);
  return (await load())(rest);
}
