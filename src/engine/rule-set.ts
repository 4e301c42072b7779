import { BUILT_IN_CAUSES } from '../model/cause.js';
import type { Severity } from '../model/severity.js';
import type { RuleProblem } from './rule-problem.js';
import type { LoadedRule } from './rule.js';
import { suggest } from './suggest.js';
import type { ParsedRuleFile, RuleValidator } from './validate-rule.js';

/** The layer of the rules that ship with podmortem. */
export const BUILT_IN_LAYER = 'built-in';

/** One rule file as read from disk: its parsed JSON, or why it could not be parsed. */
export interface RuleFileInput {
  readonly file: string;
  /**
   * The source the file came from (`built-in`, or a configured path). One layer must not repeat
   * an id; a later layer's rule replaces the same-id rule of an earlier one.
   */
  readonly layer: string;
  readonly data?: unknown;
  readonly parseError?: string;
  /** The file as checking its content already parsed it (the build's built-in bundle): not checked again. */
  readonly checked?: ParsedRuleFile;
}

/** Whether building a set from these inputs has any file left to check (and so needs the validator). */
export function needsValidation(inputs: readonly RuleFileInput[]): boolean {
  return inputs.some((input) => input.checked === undefined && input.parseError === undefined);
}

export interface RuleSet {
  readonly rules: readonly LoadedRule[];
  /** Causes rules may name: the vocabulary plus those packs declare. */
  readonly causes: ReadonlyMap<string, string>;
  readonly problems: readonly RuleProblem[];
  /**
   * Problems that change nothing the set does (a `supersedes` naming no rule, a file not named
   * after its rule): `rules lint` reports them, loading stays quiet about them.
   */
  readonly notices: readonly RuleProblem[];
  /** Files left out because of their problems. */
  readonly skippedFiles: readonly string[];
  /** Rules a pack switched off, with the file that did. */
  readonly disabled: ReadonlyMap<string, string>;
  /** Rules a later layer replaced: id to the source of the rule that was replaced. */
  readonly replaced: ReadonlyMap<string, string>;
  /** Rules a pack gave another severity: id to the severity the rule itself declares and the pack file. */
  readonly severityChanged: ReadonlyMap<string, { readonly from: Severity; readonly file: string }>;
}

interface Candidate {
  readonly rule: LoadedRule;
  readonly layer: string;
  readonly file: string;
}

function checkerOf(validator: RuleValidator | null): RuleValidator {
  if (!validator) throw new Error('buildRuleSet: a rule file needs checking but no validator was given');
  return validator;
}

/** A built-in rule's source names the file inside the pack; a user rule's the file path. */
function sourceOf(input: RuleFileInput): string {
  return input.layer === BUILT_IN_LAYER ? `built-in:${fileNameOf(input.file)}` : input.file;
}

function fileNameOf(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/**
 * Validates rule files and merges them into the active set. A file with problems is skipped
 * alone, never taking other files with it; later layers replace same-id rules of earlier ones.
 * The validator may be null only when no input needs checking (see needsValidation).
 */
export function buildRuleSet(inputs: readonly RuleFileInput[], validator: RuleValidator | null): RuleSet {
  const problems: RuleProblem[] = [];
  const notices: RuleProblem[] = [];
  const skipped = new Set<string>();
  const causes = new Map<string, string>(Object.entries(BUILT_IN_CAUSES));
  const byId = new Map<string, Candidate>();
  const replaced = new Map<string, string>();
  const disabled = new Map<string, string>();
  const disabledAt = new Map<string, string>();
  const severityOverrides = new Map<string, { severity: Severity; file: string }>();
  const candidates: Candidate[] = [];

  for (const input of inputs) {
    if (input.parseError !== undefined) {
      problems.push({ file: input.file, path: '$', message: input.parseError });
      skipped.add(input.file);
      continue;
    }
    const { parsed, problems: fileProblems } = input.checked ? { parsed: input.checked, problems: [] } : checkerOf(validator).check(input.file, input.data);
    if (!parsed || fileProblems.length) {
      problems.push(...fileProblems);
      skipped.add(input.file);
      continue;
    }
    if (parsed.kind === 'pack') {
      for (const [cause, meaning] of Object.entries(parsed.settings.causes ?? {})) causes.set(cause, meaning);
      (parsed.settings.disable ?? []).forEach((id, i) => {
        disabled.set(id, input.file);
        disabledAt.set(id, `$.disable[${i}]`);
      });
      for (const [id, severity] of Object.entries(parsed.settings.severity ?? {})) severityOverrides.set(id, { severity, file: input.file });
      continue;
    }
    candidates.push({ rule: { ...parsed.rule, source: sourceOf(input) }, layer: input.layer, file: input.file });
  }

  for (const candidate of candidates) {
    const { rule, layer, file } = candidate;
    if (!causes.has(rule.cause)) {
      problems.push({ file, path: '$.cause', message: `unknown cause "${rule.cause}"${suggest(rule.cause, [...causes.keys()])}: use one of the vocabulary (podmortem rules causes) or declare it in a pack file's "causes"` });
      skipped.add(file);
      continue;
    }
    const existing = byId.get(rule.id);
    if (existing && existing.layer === layer) {
      problems.push({ file, path: '$.id', message: `duplicate rule id "${rule.id}" (also in ${existing.file})` });
      skipped.add(file);
      continue;
    }
    if (existing) replaced.set(rule.id, existing.rule.source);
    if (fileNameOf(file) !== `${rule.id}.json`) {
      notices.push({ file, path: '$.id', message: `rule id "${rule.id}" does not match the file name: name the file ${rule.id}.json` });
    }
    byId.set(rule.id, candidate);
  }

  const knownIds = [...byId.keys()];
  for (const { rule, file } of byId.values()) {
    rule.supersedes.forEach((id, i) => {
      if (!byId.has(id)) notices.push({ file, path: `$.supersedes[${i}]`, message: `no rule with id "${id}" to supersede${suggest(id, knownIds)}` });
    });
  }
  for (const [id, { file }] of severityOverrides) {
    if (!byId.has(id)) problems.push({ file, path: `$.severity.${id}`, message: `no rule with id "${id}" to change${suggest(id, knownIds)}` });
  }
  for (const [id, file] of disabled) {
    if (!byId.has(id)) problems.push({ file, path: disabledAt.get(id) ?? '$.disable', message: `no rule with id "${id}" to disable${suggest(id, knownIds)}` });
  }

  const rules: LoadedRule[] = [];
  const severityChanged = new Map<string, { from: Severity; file: string }>();
  for (const { rule } of byId.values()) {
    if (disabled.has(rule.id)) continue;
    const override = severityOverrides.get(rule.id);
    if (override && override.severity !== rule.severity) severityChanged.set(rule.id, { from: rule.severity, file: override.file });
    rules.push(override ? { ...rule, severity: override.severity } : rule);
  }
  return { rules, causes, problems, notices, skippedFiles: [...skipped], disabled, replaced, severityChanged };
}
