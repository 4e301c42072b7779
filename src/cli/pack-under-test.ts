import { resolve } from 'node:path';
import type { RuleFileInput } from '../engine/rule-set.js';
import { builtInRuleFiles, ruleFilesAt } from '../sources/rule-files.js';

/** The layer of the files under test: one layer, so an id repeated anywhere among them is a duplicate. */
export const PACK_LAYER = 'pack under test';

/**
 * The files of PATHs as one layer over the built-in pack, so their rules may replace built-ins
 * and use causes the built-ins know. A built-in file that is itself linted is not layered twice.
 */
export async function packUnderTest(paths: readonly string[]): Promise<{ inputs: RuleFileInput[]; linted: RuleFileInput[] }> {
  const linted: RuleFileInput[] = [];
  for (const path of paths) linted.push(...(await ruleFilesAt(path, PACK_LAYER)));
  const lintedFiles = new Set(linted.map((i) => resolve(i.file)));
  const base = (await builtInRuleFiles()).filter((i) => !lintedFiles.has(resolve(i.file)));
  return { inputs: [...base, ...linted], linted };
}
