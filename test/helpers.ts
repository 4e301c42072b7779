import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDiagnoser, type Diagnoser } from '../src/engine/diagnose.js';
import { buildRuleSet } from '../src/engine/rule-set.js';
import { builtInRuleFiles, loadRuleValidator } from '../src/sources/rule-files.js';
import { findTestCaseFolders } from '../src/sources/test-case-folders.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'fixtures');
export const CLI = join(ROOT, 'dist/cli/main.js');

let cached: Promise<Diagnoser> | undefined;

/** A diagnoser over the built-in pack; fails the test run if the pack has problems. */
export function builtInDiagnoser(): Promise<Diagnoser> {
  cached ??= (async () => {
    const set = buildRuleSet(await builtInRuleFiles(), await loadRuleValidator());
    if (set.problems.length) throw new Error(`built-in rule problems:\n${set.problems.map((p) => `${p.file} ${p.path} ${p.message}`).join('\n')}`);
    return createDiagnoser(set.rules);
  })();
  return cached;
}

/** Every fixture folder (one holding a podmortem-test.json) relative to fixtures/, e.g. `recorded/oom-killed-limit`. */
export async function fixtureNames(): Promise<string[]> {
  return (await findTestCaseFolders(FIXTURES)).map((f) => f.name);
}

export async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}
