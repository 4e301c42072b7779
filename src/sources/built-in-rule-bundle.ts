import { readFileSync } from 'node:fs';
import type { ParsedRuleFile } from '../engine/validate-rule.js';

/**
 * The built-in rule pack as the build validated it (scripts/bundle-rules.mjs): every file's text
 * and what checking that text gave. Validating the 89 files (schema, operators, every RE2 pattern
 * compiled) was the largest cost of a one-pod replay; a file whose text is still the recorded
 * one, checked by a build of this same code against the same schema text, would be checked to the
 * same result. Any other file (edited, added) is validated as before, and a different schema sets
 * the whole bundle aside. The texts are compared whole, not through a digest: loading node:crypto
 * for one would cost more than comparing 250 KB.
 */
export interface BuiltInRuleBundle {
  readonly version: typeof BUNDLE_VERSION;
  /** The text of rules/schema.json the files were checked against. */
  readonly schema: string;
  /** File name to its text and what checking that text gave. */
  readonly files: Readonly<Record<string, { readonly text: string; readonly checked: ParsedRuleFile }>>;
}

const BUNDLE_VERSION = 2;

/**
 * Beside the compiled code, found from this module (dist/sources/, or the bundled command line's
 * dist/cli/): run from source (the tests) there is no bundle, so every file is validated.
 */
export const BUILT_IN_RULE_BUNDLE = new URL('../built-in-rules.json', import.meta.url);

/** The build's bundle, or null (not built, unreadable, or from another format): then every file is validated. */
export function readBuiltInRuleBundle(): BuiltInRuleBundle | null {
  try {
    const bundle = JSON.parse(readFileSync(BUILT_IN_RULE_BUNDLE, 'utf8')) as BuiltInRuleBundle;
    return bundle.version === BUNDLE_VERSION && typeof bundle.schema === 'string' && bundle.files !== null && typeof bundle.files === 'object' ? bundle : null;
  } catch {
    return null;
  }
}

/** The checked content of a bundled file, if the bundle checked exactly this text. */
export function bundledCheck(bundle: BuiltInRuleBundle, name: string, text: string): ParsedRuleFile | null {
  const entry = Object.hasOwn(bundle.files, name) ? bundle.files[name] : undefined;
  return entry?.text === text ? entry.checked : null;
}

/** The bundle for files checked against this schema text. */
export function createBuiltInRuleBundle(schema: string, files: BuiltInRuleBundle['files']): BuiltInRuleBundle {
  return { version: BUNDLE_VERSION, schema, files };
}
