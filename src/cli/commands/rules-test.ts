import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDiagnoser } from '../../engine/diagnose.js';
import { formatRuleProblem } from '../../engine/rule-problem.js';
import { builtInRuleFiles } from '../../sources/rule-files.js';
import { FIXTURES_DIR } from '../../sources/package-paths.js';
import { findTestCaseFolders, type TestCaseFolder } from '../../sources/test-case-folders.js';
import { buildRules } from '../load-rules.js';
import { packUnderTest } from '../pack-under-test.js';
import { RULE_COMMAND_OPTIONS } from '../rule-command-options.js';
import { runTestCase } from '../run-test-case.js';
import { printOut } from '../print.js';

/** Test cases at any depth below each folder PATH, named by their path as the user wrote it. */
async function casesUnder(paths: readonly string[]): Promise<TestCaseFolder[]> {
  const cases: TestCaseFolder[] = [];
  for (const path of paths) {
    if (!(await stat(path)).isDirectory()) continue;
    for (const found of await findTestCaseFolders(path)) cases.push({ dir: found.dir, name: join(path, found.name) });
  }
  return cases;
}

/**
 * `podmortem rules test [PATH...]`: diagnoses each test case with the pack under test layered
 * over the built-ins (no PATH: the built-in pack against its fixtures) and checks the findings.
 */
export async function rulesTestCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: { debug: RULE_COMMAND_OPTIONS.debug } });
  const { inputs, linted } = positionals.length ? await packUnderTest(positionals) : await builtInRuleFiles().then((all) => ({ inputs: all, linted: all }));
  const cases = positionals.length ? await casesUnder(positionals) : await findTestCaseFolders(FIXTURES_DIR);
  const set = await buildRules(inputs);
  const packFiles = new Set(linted.map((i) => i.file));
  const problems = set.problems.filter((p) => packFiles.has(p.file));
  for (const problem of problems) printOut(`PROBLEM ${formatRuleProblem(problem)}\n`);

  const diagnoser = createDiagnoser(set.rules);
  const ruleIds = new Set(set.rules.map((r) => r.id));
  let passed = 0;
  for (const testCase of cases) {
    const failures = await runTestCase(testCase, diagnoser, ruleIds);
    if (failures.length === 0) passed++;
    printOut(failures.length ? `FAIL ${testCase.name}: ${failures.join('; ')}\n` : `PASS ${testCase.name}\n`);
  }
  if (cases.length === 0) printOut(`no test cases found: a test case is a folder holding evidence files and a podmortem-test.json\n`);
  if (problems.length) printOut(`the pack has ${problems.length} rule problem${problems.length === 1 ? '' : 's'} (podmortem rules lint shows them)\n`);
  const failed = cases.length - passed;
  printOut(`${passed} passed, ${failed} failed\n`);
  return failed || problems.length || cases.length === 0 ? 1 : 0;
}
