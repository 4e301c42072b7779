import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { TEST_CASE_FILE } from './test-case-file.js';
import { readJsonFile } from './read-json-file.js';

/** A folder holding a `podmortem-test.json`: evidence files plus the findings they must produce. */
export interface TestCaseFolder {
  readonly dir: string;
  /** The folder relative to where the search started, for PASS/FAIL lines. */
  readonly name: string;
}

/** Folders that never hold test cases and can be large. */
const SKIPPED = new Set(['node_modules', '.git']);

/** Every folder at or below `root` that holds a test case, in name order. */
export async function findTestCaseFolders(root: string): Promise<TestCaseFolder[]> {
  const found: TestCaseFolder[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((e) => !e.isDirectory() && e.name === TEST_CASE_FILE)) found.push({ dir, name: relative(root, dir) || '.' });
    for (const entry of entries.filter((e) => e.isDirectory() && !SKIPPED.has(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      await walk(join(dir, entry.name));
    }
  };
  await walk(root);
  return found;
}

/** The parsed `podmortem-test.json` of a folder, or why it cannot be read. */
export async function readTestCaseFile(dir: string): Promise<{ data: unknown } | { error: string }> {
  const read = await readJsonFile(join(dir, TEST_CASE_FILE));
  return 'error' in read ? { error: `${TEST_CASE_FILE}: ${read.error}` } : read;
}
