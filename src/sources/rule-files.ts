import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './package-paths.js';
import type { RuleFileInput } from '../engine/rule-set.js';
import { InputError } from './input-error.js';

/** The built-in pack ships beside dist/, found from this module, never from the working directory. */
export const BUILT_IN_RULES_DIR = resolve(PACKAGE_ROOT, 'rules');
export const SCHEMA_FILE = 'schema.json';

export async function readRuleSchema(): Promise<object> {
  return JSON.parse(await readFile(join(BUILT_IN_RULES_DIR, SCHEMA_FILE), 'utf8')) as object;
}

async function readRuleFile(file: string, layer: RuleFileInput['layer']): Promise<RuleFileInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, layer, parseError: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    return { file, layer, data: JSON.parse(text) };
  } catch (error) {
    return { file, layer, parseError: `invalid JSON: ${(error as Error).message}` };
  }
}

/** Rule files under a path: the file itself, or a folder's *.json (not schema.json, not test folders). */
export async function ruleFilesAt(path: string, layer: RuleFileInput['layer']): Promise<RuleFileInput[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new InputError(`rules path ${path} does not exist: give a rule file or a folder of rule files`);
  }
  if (!isDirectory) return [await readRuleFile(path, layer)];
  const entries = (await readdir(path)).filter((e) => e.endsWith('.json') && e !== SCHEMA_FILE).sort();
  return Promise.all(entries.map((e) => readRuleFile(join(path, e), layer)));
}

export async function builtInRuleFiles(): Promise<RuleFileInput[]> {
  return ruleFilesAt(BUILT_IN_RULES_DIR, 'built-in');
}
