import type { Diagnoser } from '../engine/diagnose.js';
import { checkTestCase, testCaseProblem, testCaseRuleIds, type TestCase } from '../engine/test-case.js';
import { loadReplay } from '../sources/load-replay.js';
import { readTestCaseFile, type TestCaseFolder } from '../sources/test-case-folders.js';
import { diagnoseAll } from './diagnose-all.js';
import { incidentsToDiagnose } from './replay-incidents.js';

/** Why a test case failed, one reason per line; empty when it passed. */
export async function runTestCase(folder: TestCaseFolder, diagnoser: Diagnoser, ruleIds: ReadonlySet<string>): Promise<string[]> {
  const read = await readTestCaseFile(folder.dir);
  if ('error' in read) return [read.error];
  const problem = testCaseProblem(read.data);
  if (problem) return [`podmortem-test.json: ${problem}`];
  const testCase = read.data as TestCase;
  const unknown = testCaseRuleIds(testCase).filter((id) => !ruleIds.has(id));
  if (unknown.length) return unknown.map((id) => `podmortem-test.json names rule "${id}", which is not in the rule set under test`);
  let input;
  try {
    // The folder's capturedAt is read by loadReplay itself, as for `replay FOLDER`.
    input = await loadReplay([folder.dir]);
  } catch (error) {
    if ((error as Error).name === 'InputError') return [`evidence: ${(error as Error).message}`];
    throw error;
  }
  return checkTestCase(testCase, await diagnoseAll(diagnoser, incidentsToDiagnose(input)));
}
