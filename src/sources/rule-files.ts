import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './package-paths.js';
import { BUILT_IN_LAYER, type RuleFileInput } from '../engine/rule-set.js';
import { InputError } from './input-error.js';
import { TEST_CASE_FILE } from './test-case-file.js';
import { cannotRead, parseJsonText, readJsonFile } from './read-json-file.js';
import type { RuleValidator, SchemaValidators } from '../engine/validate-rule.js';
import { bundledCheck, readBuiltInRuleBundle, type BuiltInRuleBundle } from './built-in-rule-bundle.js';
import { importModule } from '../engine/import-module.js';

/** The built-in pack ships beside dist/, found from this module, never from the working directory. */
export const BUILT_IN_RULES_DIR = resolve(PACKAGE_ROOT, 'rules');
export const SCHEMA_FILE = 'schema.json';

interface PrecompiledSchema extends SchemaValidators {
  readonly schemaText: string;
}

/**
 * A validator for the published schema: the build's precompiled functions
 * (scripts/compile-rule-schema.mjs) while they match rules/schema.json, else compiled now.
 */
export async function loadRuleValidator(): Promise<RuleValidator> {
  // Loaded here, not at the top: a replay served by the built-in bundle checks no file.
  const { compileRuleSchema, RuleValidator } = await import('../engine/validate-rule.js');
  const schemaText = await readFile(join(BUILT_IN_RULES_DIR, SCHEMA_FILE), 'utf8');
  try {
    const precompiled = await importModule<PrecompiledSchema>(new URL('../engine/rule-schema-validators.js', import.meta.url).href);
    if (precompiled.schemaText === schemaText) return new RuleValidator(precompiled);
  } catch {
    // Not built (running from source): compile below.
  }
  return new RuleValidator(await compileRuleSchema(JSON.parse(schemaText) as object));
}

async function readRuleFile(file: string, layer: RuleFileInput['layer']): Promise<RuleFileInput> {
  const read = await readJsonFile(file);
  return 'error' in read ? { file, layer, parseError: read.error } : { file, layer, data: read.data };
}

/** Rule files under a path: the file itself, or a folder's own *.json (not schema.json, not test case folders below it). */
export async function ruleFilesAt(path: string, layer: RuleFileInput['layer']): Promise<RuleFileInput[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new InputError(`rules path ${path} does not exist: give a rule file or a folder of rule files`);
  }
  if (!isDirectory) return [await readRuleFile(path, layer)];
  const entries = ruleFileNames(await readdir(path, { withFileTypes: true }));
  return Promise.all(entries.map((e) => readRuleFile(join(path, e), layer)));
}

/** A folder's rule files among its entries, in name order. */
export function ruleFileNames(entries: readonly Dirent[]): string[] {
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json') && e.name !== SCHEMA_FILE && e.name !== TEST_CASE_FILE)
    .map((e) => e.name)
    .sort();
}

/** The built-in pack: each file the build's bundle checked with this very text comes checked, any other is parsed to be validated. */
function bundledRuleFiles(bundle: BuiltInRuleBundle): RuleFileInput[] | null {
  // Synchronous on purpose: 90 small reads in a row take about a millisecond, the same reads as
  // concurrent promises about ten (one thread-pool round trip for each open, stat, read, close).
  let names: string[];
  try {
    if (readFileSync(join(BUILT_IN_RULES_DIR, SCHEMA_FILE), 'utf8') !== bundle.schema) return null;
    names = ruleFileNames(readdirSync(BUILT_IN_RULES_DIR, { withFileTypes: true }));
  } catch {
    return null;
  }
  return names.map((name): RuleFileInput => {
    const file = join(BUILT_IN_RULES_DIR, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { file, layer: BUILT_IN_LAYER, parseError: cannotRead(error) };
    }
    const checked = bundledCheck(bundle, name, text);
    if (checked) return { file, layer: BUILT_IN_LAYER, checked };
    const read = parseJsonText(text);
    return 'error' in read ? { file, layer: BUILT_IN_LAYER, parseError: read.error } : { file, layer: BUILT_IN_LAYER, data: read.data };
  });
}

export async function builtInRuleFiles(): Promise<RuleFileInput[]> {
  const bundle = readBuiltInRuleBundle();
  return (bundle && bundledRuleFiles(bundle)) ?? ruleFilesAt(BUILT_IN_RULES_DIR, BUILT_IN_LAYER);
}
