import { resolve } from 'node:path';
import { BUILT_IN_LAYER, buildRuleSet, needsValidation, type RuleFileInput, type RuleSet } from '../engine/rule-set.js';
import { formatRuleProblem } from '../engine/rule-problem.js';
import { builtInRuleFiles, loadRuleValidator, ruleFilesAt } from '../sources/rule-files.js';
import { InputError } from '../sources/input-error.js';
import { userRuleSources, type RuleSource } from '../sources/rule-sources.js';
import { printErr } from './print.js';

export interface RuleLoadOptions {
  /** `--rules` paths, highest precedence. */
  readonly rulePaths: readonly string[];
  readonly strict?: boolean;
}

/** Validates and merges rule files (see buildRuleSet) with the published schema, loaded only when a file needs it. */
export async function buildRules(inputs: readonly RuleFileInput[]): Promise<RuleSet> {
  return buildRuleSet(inputs, needsValidation(inputs) ? await loadRuleValidator() : null);
}

/** The built-in files, then each user source's files as a layer of its own. */
export async function ruleInputs(sources: readonly RuleSource[]): Promise<RuleFileInput[]> {
  const inputs = await builtInRuleFiles();
  for (const source of sources) inputs.push(...(await ruleFilesAt(source.path, resolve(source.path))));
  return inputs;
}

/** The built-in pack plus every configured user source: the config folder, PODMORTEM_RULES, --rules. */
export async function configuredRuleInputs(rulePaths: readonly string[]): Promise<RuleFileInput[]> {
  return ruleInputs(await userRuleSources(rulePaths));
}

/**
 * The active rule set. A bad user file is skipped with one warning line per problem on stderr
 * (fatal with --strict), so the built-ins and the other files still apply; a bad built-in
 * file is always fatal, since it means the installation is broken.
 */
export async function loadRules(options: RuleLoadOptions): Promise<RuleSet> {
  const inputs = await configuredRuleInputs(options.rulePaths);
  const set = await buildRules(inputs);
  const builtInFiles = new Set(inputs.filter((i) => i.layer === BUILT_IN_LAYER).map((i) => i.file));
  const builtInProblem = set.problems.find((p) => builtInFiles.has(p.file));
  if (builtInProblem) throw new InputError(`built-in rule pack is broken: ${formatRuleProblem(builtInProblem)}`);
  const [first, ...more] = set.problems;
  if (first && options.strict) {
    const rest = more.length ? ` (and ${more.length} more: podmortem rules lint lists them)` : '';
    throw new InputError(`rule problem, fatal with --strict: ${formatRuleProblem(first)}${rest}`);
  }
  const skipped = new Set(set.skippedFiles);
  for (const problem of set.problems) {
    const prefix = skipped.has(problem.file) ? 'skipped rule file ' : '';
    printErr(`podmortem: warning: ${prefix}${formatRuleProblem(problem)}\n`);
  }
  return set;
}
