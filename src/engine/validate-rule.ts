import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { FACT_CATALOG } from '../facts/catalog.js';
import { OPERATOR_NAMES } from './operators.js';
import type { RuleProblem } from './rule-problem.js';
import type { EvidenceSpec, RemediationSpec, RuleDefinition } from './rule.js';
import { TEMPLATE_FILTERS, templateFacts, templateFilters } from './template.js';
import { LOG_SIGNATURES } from '../facts/log-signatures.js';

/** A rule file declares either a rule or pack settings. */
export interface PackSettings {
  readonly causes?: Readonly<Record<string, string>>;
  readonly disable?: readonly string[];
  readonly severity?: Readonly<Record<string, RuleDefinition['severity']>>;
}

export type ParsedRuleFile =
  | { readonly kind: 'rule'; readonly rule: RuleDefinition }
  | { readonly kind: 'pack'; readonly settings: PackSettings };

/** Checks rule files against the published JSON Schema and against the fact and operator catalogs. */
export class RuleValidator {
  private readonly validateSchema: ValidateFunction;

  constructor(schema: object) {
    const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
    this.validateSchema = ajv.compile(schema);
  }

  /** Parses one rule file's JSON value; problems are returned, never thrown. */
  check(file: string, data: unknown): { parsed: ParsedRuleFile | null; problems: RuleProblem[] } {
    if (!this.validateSchema(data)) {
      return { parsed: null, problems: schemaProblems(file, data, this.validateSchema.errors ?? []) };
    }
    const object = data as Record<string, unknown>;
    if (!('id' in object)) return { parsed: { kind: 'pack', settings: object as PackSettings }, problems: [] };
    const rule = withDefaults(object);
    return { parsed: { kind: 'rule', rule }, problems: semanticProblems(file, rule) };
  }
}

function withDefaults(object: Record<string, unknown>): RuleDefinition {
  return {
    role: 'cause',
    priority: 50,
    evidence: [],
    supersedes: [],
    ...object,
  } as unknown as RuleDefinition;
}

/** Ajv reports every branch of a oneOf; keep the errors of the branch the file meant. */
function schemaProblems(file: string, data: unknown, errors: ErrorObject[]): RuleProblem[] {
  const meantRule = typeof data === 'object' && data !== null && 'id' in data;
  const branch = meantRule ? '#/definitions/rule' : '#/definitions/pack';
  const relevant = errors.filter((e) => e.schemaPath.startsWith(branch) || !e.schemaPath.startsWith('#/definitions/'));
  const specific = relevant.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const chosen = specific.length ? specific : relevant.length ? relevant : errors;
  const seen = new Set<string>();
  const problems: RuleProblem[] = [];
  for (const error of chosen) {
    const path = jsonPath(error.instancePath);
    const message = describeAjvError(error);
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, path, message });
  }
  return problems.slice(0, 8);
}

function describeAjvError(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return `missing required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown property "${String(error.params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function jsonPath(instancePath: string): string {
  if (!instancePath) return '$';
  return (
    '$' +
    instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
  );
}

function semanticProblems(file: string, rule: RuleDefinition): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ file, path, message });
  const knownFact = (name: string) => FACT_CATALOG.has(name);
  const factProblem = (path: string, name: string) => {
    if (!knownFact(name)) problem(path, `unknown fact "${name}"${suggest(name, [...FACT_CATALOG.keys()])}`);
    else if (rule.scope === 'pod' && FACT_CATALOG.get(name)?.scope === 'container') {
      problem(path, `fact "${name}" is per container; a pod-scope rule cannot use it (set "scope": "container")`);
    }
  };

  walkConditions(rule.conditions as unknown, '$.conditions', (condition, path) => {
    if (typeof condition.fact === 'string') factProblem(`${path}.fact`, condition.fact);
    if (typeof condition.operator === 'string' && !OPERATOR_NAMES.has(condition.operator)) {
      problem(`${path}.operator`, `unknown operator "${condition.operator}"${suggest(condition.operator, [...OPERATOR_NAMES])}`);
    }
    const value = condition.value as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
      factProblem(`${path}.value.fact`, String((value as { fact: unknown }).fact));
    }
    if ((condition.operator === 'matches' || condition.operator === 'notMatches') && typeof condition.value === 'string') {
      try {
        new RegExp(condition.value);
      } catch (error) {
        problem(`${path}.value`, `invalid regular expression: ${(error as Error).message}`);
      }
    }
  });

  const templates: Array<[string, string]> = [
    ['$.title', rule.title],
    ['$.explanation', rule.explanation],
  ];
  rule.remediation.forEach((step: RemediationSpec, i: number) => {
    templates.push([`$.remediation[${i}].text`, step.text]);
    if (step.command) templates.push([`$.remediation[${i}].command`, step.command]);
    if (typeof step.when === 'string') factProblem(`$.remediation[${i}].when`, step.when);
    else if (step.when) {
      factProblem(`$.remediation[${i}].when.fact`, step.when.fact);
      if (!OPERATOR_NAMES.has(step.when.operator)) problem(`$.remediation[${i}].when.operator`, `unknown operator "${step.when.operator}"`);
    }
  });
  for (const [path, template] of templates) {
    for (const name of templateFacts(template)) {
      if (!knownFact(name)) problem(path, `placeholder {${name}} names an unknown fact${suggest(name, [...FACT_CATALOG.keys()])}`);
      else if (rule.scope === 'pod' && FACT_CATALOG.get(name)?.scope === 'container') {
        problem(path, `placeholder {${name}} is a container fact; a pod-scope rule cannot use it`);
      }
    }
    for (const filter of templateFilters(template)) {
      if (!TEMPLATE_FILTERS.has(filter)) problem(path, `unknown template filter "|${filter}" (known: ${[...TEMPLATE_FILTERS].join(', ')})`);
    }
  }

  rule.evidence.forEach((spec: EvidenceSpec, i: number) => {
    if ('fact' in spec) factProblem(`$.evidence[${i}].fact`, spec.fact);
    if ('events' in spec && spec.events.message) checkRegex(`$.evidence[${i}].events.message`, spec.events.message, problem);
    if ('logs' in spec) {
      if (spec.logs.pattern) checkRegex(`$.evidence[${i}].logs.pattern`, spec.logs.pattern, problem);
      for (const id of spec.logs.signatures ?? []) {
        if (!LOG_SIGNATURES.some((s) => s.id === id)) problem(`$.evidence[${i}].logs.signatures`, `unknown log signature "${id}"`);
      }
    }
  });
  return problems;
}

function checkRegex(path: string, pattern: string, problem: (path: string, message: string) => void) {
  try {
    new RegExp(pattern);
  } catch (error) {
    problem(path, `invalid regular expression: ${(error as Error).message}`);
  }
}

type Visitor = (condition: Record<string, unknown>, path: string) => void;

/** Visits every fact condition in a condition tree with its JSON path. */
export function walkConditions(node: unknown, path: string, visit: Visitor): void {
  if (!node || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    const list = object[key];
    if (Array.isArray(list)) list.forEach((child, i) => walkConditions(child, `${path}.${key}[${i}]`, visit));
  }
  if (object.not) walkConditions(object.not, `${path}.not`, visit);
  if ('fact' in object) visit(object, path);
}

/** " (did you mean X?)" for a near miss. */
function suggest(name: string, candidates: string[]): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean "${best}"?)` : '';
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}
