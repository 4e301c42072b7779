import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ParsedRuleFile } from '../engine/validate-rule.js';

/**
 * The built-in rule pack as the build validated it (scripts/bundle-rules.mjs): every file's
 * checked content under the digest of the bytes it was checked from. Validating the 89 files
 * (schema, operators, every RE2 pattern compiled) was the largest cost of a one-pod replay; a
 * file whose bytes still have the recorded digest, checked by a build of this same code against
 * the same schema, would be checked to the same result. Any other file (edited, added) is read
 * and validated as before, and a different schema sets the whole bundle aside.
 */
export interface BuiltInRuleBundle {
  readonly version: typeof BUNDLE_VERSION;
  /** Digest of rules/schema.json the files were checked against. */
  readonly schema: string;
  /** File name to the digest of its bytes and what checking them gave. */
  readonly files: Readonly<Record<string, { readonly digest: string; readonly checked: ParsedRuleFile }>>;
}

const BUNDLE_VERSION = 1;

/**
 * Beside the compiled code, found from this module (dist/sources/, or the bundled command line's
 * dist/cli/): run from source (the tests) there is no bundle, so every file is validated.
 */
export const BUILT_IN_RULE_BUNDLE = new URL('../built-in-rules.json', import.meta.url);

/** What identifies a file's content: a bundle entry applies only to these exact bytes. */
export function ruleFileDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** The build's bundle, or null (not built, unreadable, or from another format): then every file is validated. */
export function readBuiltInRuleBundle(): BuiltInRuleBundle | null {
  try {
    const bundle = JSON.parse(readFileSync(BUILT_IN_RULE_BUNDLE, 'utf8')) as BuiltInRuleBundle;
    return bundle.version === BUNDLE_VERSION && typeof bundle.schema === 'string' && bundle.files !== null && typeof bundle.files === 'object' ? bundle : null;
  } catch {
    return null;
  }
}

/** The bundle for files checked against the schema with these bytes. */
export function createBuiltInRuleBundle(schemaBytes: Uint8Array, files: BuiltInRuleBundle['files']): BuiltInRuleBundle {
  return { version: BUNDLE_VERSION, schema: ruleFileDigest(schemaBytes), files };
}
