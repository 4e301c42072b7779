import { BUILT_IN_CAUSES } from '../model/cause.js';
import type { RuleProblem } from './rule-problem.js';
import type { LoadedRule } from './rule.js';
import type { RuleValidator } from './validate-rule.js';

/** One rule file as read from disk: its parsed JSON, or why it could not be parsed. */
export interface RuleFileInput {
  readonly file: string;
  /** Layer: files of a later layer replace same-id rules of earlier ones. */
  readonly layer: 'built-in' | 'user';
  readonly data?: unknown;
  readonly parseError?: string;
}

export interface RuleSet {
  readonly rules: readonly LoadedRule[];
  /** Causes rules may name: the vocabulary plus those packs declare. */
  readonly causes: ReadonlyMap<string, string>;
  readonly problems: readonly RuleProblem[];
  /** Files left out because of their problems. */
  readonly skippedFiles: readonly string[];
  /** Rules a pack switched off, with the file that did. */
  readonly disabled: ReadonlyMap<string, string>;
}

/**
 * Validates rule files and merges them into the active set. A file with problems is skipped
 * alone, never taking other files with it; later layers replace same-id rules of earlier ones.
 */
export function buildRuleSet(inputs: readonly RuleFileInput[], validator: RuleValidator): RuleSet {
  const problems: RuleProblem[] = [];
  const skipped = new Set<string>();
  const causes = new Map<string, string>(Object.entries(BUILT_IN_CAUSES));
  const byId = new Map<string, { rule: LoadedRule; layer: RuleFileInput['layer'] }>();
  const disabled = new Map<string, string>();
  const severityOverrides = new Map<string, { severity: LoadedRule['severity']; file: string }>();
  const candidates: Array<{ rule: LoadedRule; layer: RuleFileInput['layer']; file: string }> = [];

  for (const input of inputs) {
    if (input.parseError !== undefined) {
      problems.push({ file: input.file, path: '$', message: input.parseError });
      skipped.add(input.file);
      continue;
    }
    const { parsed, problems: fileProblems } = validator.check(input.file, input.data);
    if (!parsed || fileProblems.length) {
      problems.push(...fileProblems);
      skipped.add(input.file);
      continue;
    }
    if (parsed.kind === 'pack') {
      for (const [cause, meaning] of Object.entries(parsed.settings.causes ?? {})) causes.set(cause, meaning);
      for (const id of parsed.settings.disable ?? []) disabled.set(id, input.file);
      for (const [id, severity] of Object.entries(parsed.settings.severity ?? {})) severityOverrides.set(id, { severity, file: input.file });
      continue;
    }
    candidates.push({ rule: { ...parsed.rule, source: input.file }, layer: input.layer, file: input.file });
  }

  for (const candidate of candidates) {
    const { rule, layer, file } = candidate;
    if (!causes.has(rule.cause)) {
      problems.push({ file, path: '$.cause', message: `unknown cause "${rule.cause}": use one of the vocabulary or declare it in a pack file's "causes"` });
      skipped.add(file);
      continue;
    }
    const existing = byId.get(rule.id);
    if (existing && existing.layer === layer) {
      problems.push({ file, path: '$.id', message: `duplicate rule id "${rule.id}" (also in ${existing.rule.source})` });
      skipped.add(file);
      continue;
    }
    byId.set(rule.id, { rule, layer });
  }

  for (const [id, { file }] of severityOverrides) {
    if (!byId.has(id)) problems.push({ file, path: `$.severity.${id}`, message: `no rule with id "${id}" to change` });
  }
  for (const [id, file] of disabled) {
    if (!byId.has(id)) problems.push({ file, path: '$.disable', message: `no rule with id "${id}" to disable` });
  }

  const rules: LoadedRule[] = [];
  for (const { rule } of byId.values()) {
    if (disabled.has(rule.id)) continue;
    const override = severityOverrides.get(rule.id);
    rules.push(override ? { ...rule, severity: override.severity } : rule);
  }
  return { rules, causes, problems, skippedFiles: [...skipped], disabled };
}
