import { parseArgs } from 'node:util';
import { OPERATORS } from '../../engine/operators.js';
import { listingFormat, RULE_COMMAND_OPTIONS, writeJson } from '../rule-command-options.js';
import { printOut } from '../print.js';

/** `podmortem rules operators`: every operator a condition can use, each with an example. */
export async function rulesOperatorsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { output: RULE_COMMAND_OPTIONS.output } });
  if (listingFormat(values.output) === 'json') {
    writeJson(OPERATORS.map(({ name, description, example, factTypes }) => ({ name, description, example, factTypes: factTypes ?? 'any' })));
    return 0;
  }
  const blocks = OPERATORS.map((o) =>
    [
      o.name,
      `  ${o.description}`,
      `  facts: ${o.factTypes ? o.factTypes.join(', ') : 'any type'}`,
      `  e.g.   ${JSON.stringify(o.example)}`,
    ].join('\n'),
  );
  printOut(`${blocks.join('\n\n')}\n`);
  return 0;
}
