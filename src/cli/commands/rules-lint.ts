import { parseArgs } from 'node:util';
import { formatRuleProblem } from '../../engine/rule-problem.js';
import { buildRules, configuredRuleInputs } from '../load-rules.js';
import { packUnderTest } from '../pack-under-test.js';
import { RULE_COMMAND_OPTIONS } from '../rule-command-options.js';
import { printOut } from '../print.js';

/** `podmortem rules lint [PATH...]`: every check rule loading makes, as `file: $.path: message` lines. */
export async function rulesLintCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: RULE_COMMAND_OPTIONS });
  const { inputs, linted } = positionals.length
    ? await packUnderTest(positionals)
    : await configuredRuleInputs(values.rules ?? []).then((all) => ({ inputs: all, linted: all }));
  const order = new Map(linted.map((input, i) => [input.file, i]));
  const set = await buildRules(inputs);
  // Grouped by file, in the order the files were read.
  const problems = [...set.problems, ...set.notices].filter((p) => order.has(p.file)).sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  for (const problem of problems) printOut(`${formatRuleProblem(problem)}\n`);
  const files = `${linted.length} rule file${linted.length === 1 ? '' : 's'} checked`;
  if (problems.length === 0) {
    printOut(`${files}: no problems\n`);
    return 0;
  }
  const withProblems = new Set(problems.map((p) => p.file)).size;
  printOut(`${files}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${withProblems} file${withProblems === 1 ? '' : 's'}\n`);
  return 1;
}
