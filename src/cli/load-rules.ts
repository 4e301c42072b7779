import { buildRuleSet, type RuleFileInput, type RuleSet } from '../engine/rule-set.js';
import { formatRuleProblem } from '../engine/rule-problem.js';
import { RuleValidator } from '../engine/validate-rule.js';
import { builtInRuleFiles, readRuleSchema, ruleFilesAt } from '../sources/rule-files.js';
import { InputError } from '../sources/input-error.js';

export interface RuleLoadOptions {
  readonly rulePaths: readonly string[];
  readonly strict?: boolean;
}

/**
 * The active rule set: the built-in pack, then user paths. A bad user file is skipped with a
 * warning on stderr (fatal with --strict); a bad built-in file is always fatal, since it means
 * the installation is broken.
 */
export async function loadRules(options: RuleLoadOptions): Promise<RuleSet> {
  const validator = new RuleValidator(await readRuleSchema());
  const inputs: RuleFileInput[] = await builtInRuleFiles();
  for (const path of options.rulePaths) inputs.push(...(await ruleFilesAt(path, 'user')));
  const set = buildRuleSet(inputs, validator);
  const builtInProblems = set.problems.filter((p) => inputs.find((i) => i.file === p.file)?.layer === 'built-in');
  if (builtInProblems.length) throw new InputError(`built-in rule pack is broken: ${formatRuleProblem(builtInProblems[0]!)}`);
  if (set.problems.length && options.strict) throw new InputError(`rule problem (--strict): ${formatRuleProblem(set.problems[0]!)}`);
  for (const problem of set.problems) process.stderr.write(`podmortem: warning: ${formatRuleProblem(problem)}\n`);
  for (const file of set.skippedFiles) process.stderr.write(`podmortem: warning: skipped rule file ${file}; the other rules still apply\n`);
  return set;
}
