import type { ErrorObject, ValidateFunction } from 'ajv';
import { FACT_CATALOG } from '../facts/catalog.js';
import { pathDeeperThan } from '../model/json-depth.js';
import { linearRegexProblem } from './linear-regex.js';
import { OPERATOR_BY_NAME, OPERATOR_NAMES } from './operators.js';
import type { RuleProblem } from './rule-problem.js';
import type { EvidenceSpec, RemediationSpec, RuleDefinition } from './rule.js';
import { clauseProblem, filterProblems, templateFacts } from './template.js';
import { LOG_SIGNATURES } from '../facts/log-signatures.js';
import { suggest } from './suggest.js';
import { importModule } from './import-module.js';

/** A rule file declares either a rule or pack settings. */
export interface PackSettings {
  readonly causes?: Readonly<Record<string, string>>;
  readonly disable?: readonly string[];
  readonly severity?: Readonly<Record<string, RuleDefinition['severity']>>;
}

export type ParsedRuleFile =
  | { readonly kind: 'rule'; readonly rule: RuleDefinition }
  | { readonly kind: 'pack'; readonly settings: PackSettings };

/** The schema's two definitions as validation functions: compiled now, or at build time. */
export interface SchemaValidators {
  readonly rule: ValidateFunction;
  readonly pack: ValidateFunction;
}

/**
 * Compiles the schema with Ajv. Each kind of file is checked against its own definition, so
 * errors speak of the file the author meant (a oneOf would report both), and no schema defaults
 * are written into the data. Ajv loads only here: the build precompiles the built-in schema.
 */
export async function compileRuleSchema(schema: object): Promise<SchemaValidators> {
  const { Ajv } = await importModule<typeof import('ajv')>('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const id = (schema as { $id?: string }).$id ?? 'podmortem-rule-schema';
  ajv.addSchema(schema, id);
  const definition = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`${id}#/definitions/${name}`);
    if (!validate) throw new Error(`rule schema has no definitions/${name}`);
    return validate;
  };
  return { rule: definition('rule'), pack: definition('pack') };
}

/** Deep enough for any condition a person writes (the built-in rules nest 11), far below a stack overflow. */
export const MAX_RULE_FILE_DEPTH = 40;

/** Checks rule files against the published JSON Schema and against the fact and operator catalogs. */
export class RuleValidator {
  private readonly validateRule: ValidateFunction;
  private readonly validatePack: ValidateFunction;

  constructor(validators: SchemaValidators) {
    this.validateRule = validators.rule;
    this.validatePack = validators.pack;
  }

  /** Parses one rule file's JSON value; problems are returned, never thrown. */
  check(file: string, data: unknown): { parsed: ParsedRuleFile | null; problems: RuleProblem[] } {
    // First, before any recursive walk (the schema, the engine) could overflow the stack on it.
    const tooDeep = pathDeeperThan(data, MAX_RULE_FILE_DEPTH);
    if (tooDeep) {
      return { parsed: null, problems: [{ file, path: tooDeep, message: `nested more than ${MAX_RULE_FILE_DEPTH} levels deep: a rule file may nest ${MAX_RULE_FILE_DEPTH} (flatten the conditions with "all" and "any")` }] };
    }
    const reference = referencePath(data, '$');
    if (reference) {
      return { parsed: null, problems: [{ file, path: reference, message: 'rule files are data only: "$ref" is never followed; write the value itself' }] };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { parsed: null, problems: [{ file, path: '$', message: 'must be a JSON object: a rule (with "id") or a pack file (with "causes", "disable" or "severity")' }] };
    }
    const isRule = 'id' in data;
    const validate = isRule ? this.validateRule : this.validatePack;
    if (!validate(data)) return { parsed: null, problems: schemaProblems(file, data, validate.errors ?? []) };
    const object = data as Record<string, unknown>;
    if (!isRule) return { parsed: { kind: 'pack', settings: object as PackSettings }, problems: [] };
    const rule = withDefaults(object);
    return { parsed: { kind: 'rule', rule }, problems: semanticProblems(file, rule) };
  }
}


/** Where a `$ref` key sits anywhere in the file, or null: nothing in a rule file may point elsewhere. */
function referencePath(node: unknown, path: string): string | null {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = referencePath(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') return `${path}.$ref`;
      const found = referencePath(value, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
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

/** One problem per place, from the schema branch the author meant. */
function schemaProblems(file: string, data: unknown, errors: ErrorObject[]): RuleProblem[] {
  const seen = new Set<string>();
  const problems: RuleProblem[] = [];
  for (const { instancePath, message } of intendedBranchErrors(data, errors)) {
    const path = jsonPath(instancePath);
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, path, message });
  }
  return problems.slice(0, 8);
}

/** Keys that say which shape a value means: a condition group or a fact condition; the kind of evidence. */
const DISCRIMINATORS = ['all', 'any', 'not', 'fact', 'events', 'logs'];

function valueAt(data: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}

/**
 * Ajv reports every branch of a oneOf (a condition may be a group or a fact condition; evidence
 * cites a fact, events or logs). The key the author wrote says which branch was meant: errors of
 * branches that want another key are dropped, and when no such key is there, one line says
 * which keys would do.
 */
function intendedBranchErrors(data: unknown, errors: ErrorObject[]): Array<{ instancePath: string; message: string }> {
  const branchOf = (e: ErrorObject) => `${e.instancePath} ${e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'))}`;
  const present = (e: ErrorObject) => {
    const node = valueAt(data, e.instancePath);
    return node !== null && typeof node === 'object' ? DISCRIMINATORS.filter((key) => key in node) : [];
  };
  const wrongBranches = new Set<string>();
  const missingKeys = new Map<string, Set<string>>();
  for (const e of errors) {
    const keys = present(e);
    const missing = e.keyword === 'required' ? String(e.params.missingProperty) : null;
    const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : null;
    if (missing !== null && DISCRIMINATORS.includes(missing)) {
      if (keys.length) wrongBranches.add(branchOf(e));
      else missingKeys.set(e.instancePath, (missingKeys.get(e.instancePath) ?? new Set()).add(missing));
    }
    if (extra !== null && keys.includes(extra)) wrongBranches.add(branchOf(e));
  }
  const kept = errors.filter((e) => !wrongBranches.has(branchOf(e)) && !(e.keyword === 'required' && missingKeys.get(e.instancePath)?.has(String(e.params.missingProperty))));
  const out: Array<{ instancePath: string; message: string }> = [];
  for (const [instancePath, keys] of missingKeys) out.push({ instancePath, message: `needs one of ${[...keys].map((k) => `"${k}"`).join(', ')}` });
  const explained = (path: string) => out.some((o) => o.instancePath.startsWith(path)) || kept.some((e) => e.keyword !== 'oneOf' && e.keyword !== 'type' && e.instancePath.startsWith(path));
  const typeErrors = new Map<string, string[]>();
  for (const e of kept) {
    if (e.keyword === 'type') {
      if (!explained(e.instancePath)) typeErrors.set(e.instancePath, [...(typeErrors.get(e.instancePath) ?? []), String(e.params.type)]);
    } else if (e.keyword !== 'oneOf' || !(explained(e.instancePath) || kept.some((t) => t.keyword === 'type' && t.instancePath === e.instancePath))) {
      out.push({ instancePath: e.instancePath, message: describeAjvError(e) });
    }
  }
  // A value that fits none of a oneOf's types: one line naming them all.
  for (const [instancePath, types] of typeErrors) out.push({ instancePath, message: `must be ${[...new Set(types)].join(' or ')}` });
  return out;
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
    const message = factNameProblem(name, rule.scope);
    if (message) problem(path, message);
  };

  const conditionProblem = (condition: Record<string, unknown>, path: string) => {
    for (const [where, message] of factConditionProblems(condition, rule.scope)) problem(`${path}${where}`, message);
  };
  walkConditions(rule.conditions as unknown, '$.conditions', (condition, path) => conditionProblem(condition, path));

  const templates: Array<[string, string]> = [
    ['$.title', rule.title],
    ['$.explanation', rule.explanation],
  ];
  rule.remediation.forEach((step: RemediationSpec, i: number) => {
    templates.push([`$.remediation[${i}].text`, step.text]);
    if (step.command) templates.push([`$.remediation[${i}].command`, step.command]);
    if (typeof step.when === 'string') factProblem(`$.remediation[${i}].when`, step.when);
    else if (step.when) conditionProblem(step.when as unknown as Record<string, unknown>, `$.remediation[${i}].when`);
  });
  for (const [path, template] of templates) {
    for (const name of templateFacts(template)) {
      if (!knownFact(name)) problem(path, `placeholder {${name}} names an unknown fact${suggest(name, [...FACT_CATALOG.keys()])}`);
      else if (rule.scope === 'pod' && FACT_CATALOG.get(name)?.scope === 'container') {
        problem(path, `placeholder {${name}} is a container fact; a pod-scope rule cannot use it`);
      }
    }
    const clause = clauseProblem(template);
    if (clause) problem(path, clause);
    for (const message of filterProblems(template)) problem(path, message);
  }

  rule.evidence.forEach((spec: EvidenceSpec, i: number) => {
    if ('fact' in spec) factProblem(`$.evidence[${i}].fact`, spec.fact);
    const regexAt = (path: string, pattern: string | undefined) => {
      const message = pattern === undefined ? null : linearRegexProblem(pattern);
      if (message) problem(path, message);
    };
    if ('events' in spec) regexAt(`$.evidence[${i}].events.message`, spec.events.message);
    if ('logs' in spec) {
      regexAt(`$.evidence[${i}].logs.pattern`, spec.logs.pattern);
      const known = LOG_SIGNATURES.map((s) => s.id);
      (spec.logs.signatures ?? []).forEach((id, j) => {
        if (!known.includes(id)) problem(`$.evidence[${i}].logs.signatures[${j}]`, `unknown log signature "${id}"${suggest(id, known)}`);
      });
    }
  });
  return problems;
}

/** Property paths only: json-rules-engine would hand anything else to a JSONPath evaluator with filter expressions. */
const PLAIN_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_-]*)+$/;

/**
 * Problems of one `{fact, operator, value}` condition, each as [JSON path suffix, message]:
 * unknown fact or operator, a fact the rule's scope cannot see, an operator that can never hold
 * for the fact's type, a value the operator cannot use, a path that is more than a property path.
 */
function factConditionProblems(condition: Record<string, unknown>, scope: RuleDefinition['scope']): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const fact = typeof condition.fact === 'string' ? condition.fact : null;
  const factMessage = fact === null ? null : factNameProblem(fact, scope);
  if (factMessage) problems.push(['.fact', factMessage]);
  const operatorName = String(condition.operator);
  const operator = OPERATOR_BY_NAME.get(operatorName);
  if (!operator) problems.push(['.operator', `unknown operator "${operatorName}"${suggest(operatorName, [...OPERATOR_NAMES])}`]);
  const definition = fact === null ? undefined : FACT_CATALOG.get(fact);
  if (operator?.factTypes && definition && condition.path === undefined && !operator.factTypes.includes(definition.type)) {
    problems.push(['.operator', `operator "${operator.name}" never holds for "${definition.name}", a ${definition.type} fact (it works on ${operator.factTypes.join(', ')})`]);
  }
  if (condition.path !== undefined && !(typeof condition.path === 'string' && PLAIN_PATH.test(condition.path))) {
    problems.push(['.path', `path must be a plain property path like "$.reason" (no filters or expressions)`]);
  }
  const value = condition.value;
  if (isFactReference(value)) {
    const referenced = String(value.fact);
    const message = factNameProblem(referenced, scope);
    if (message) problems.push(['.value.fact', message]);
    const extra = Object.keys(value).filter((key) => key !== 'fact' && key !== 'path');
    if (extra.length) problems.push(['.value', `a fact reference takes only "fact" and "path", not "${extra[0]}"`]);
    if (value.path !== undefined && !(typeof value.path === 'string' && PLAIN_PATH.test(value.path))) {
      problems.push(['.value.path', 'path must be a plain property path like "$.reason" (no filters or expressions)']);
    }
  } else {
    const message = operator?.valueProblem?.(value);
    if (message) problems.push(['.value', message]);
  }
  return problems;
}

function isFactReference(value: unknown): value is { fact: unknown; path?: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value;
}

function factNameProblem(name: string, scope: RuleDefinition['scope']): string | null {
  const definition = FACT_CATALOG.get(name);
  if (!definition) return `unknown fact "${name}"${suggest(name, [...FACT_CATALOG.keys()])}`;
  if (scope === 'pod' && definition.scope === 'container') return `fact "${name}" is per container; a pod-scope rule cannot use it (set "scope": "container")`;
  return null;
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
