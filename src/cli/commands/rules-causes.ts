import { parseArgs } from 'node:util';
import { isBuiltInCause } from '../../model/cause.js';
import { formatTable } from '../format-table.js';
import { loadRules } from '../load-rules.js';
import { listingFormat, RULE_COMMAND_OPTIONS, writeJson } from '../rule-command-options.js';
import { printOut } from '../print.js';

/** `podmortem rules causes`: the causes a rule may name, the vocabulary plus those packs declare. */
export async function rulesCausesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: RULE_COMMAND_OPTIONS });
  const set = await loadRules({ rulePaths: values.rules ?? [], strict: values.strict ?? false });
  const causes = [...set.causes].map(([cause, meaning]) => ({ cause, meaning, builtIn: isBuiltInCause(cause) }));
  if (listingFormat(values.output) === 'json') {
    writeJson(causes);
    return 0;
  }
  printOut(formatTable(causes.map((c) => [c.cause, c.builtIn ? c.meaning : `${c.meaning} (declared by a pack)`])));
  return 0;
}
