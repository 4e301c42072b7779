import type { MatchedCondition } from '../model/finding.js';
import type { FactCondition, RuleConditions, StepGuard } from './rule.js';
import { OPERATOR_BY_NAME } from './operators.js';

/** Fact values by name, or a function that reads one (`FactReader`, the fast way for computed facts). */
export type Facts = Readonly<Record<string, unknown>> | ((name: string) => unknown);

export function factValue(facts: Facts, name: string): unknown {
  return typeof facts === 'function' ? facts(name) : facts[name];
}

function valueOf(value: unknown, facts: Facts): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    return factValue(facts, (value as { fact: string }).fact);
  }
  return value;
}

function pathValue(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  // json-rules-engine paths are JSONPath-like: `$.a.b`.
  return path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

export function evaluateFactCondition(condition: FactCondition, facts: Facts): boolean {
  const operator = OPERATOR_BY_NAME.get(condition.operator);
  if (!operator) return false;
  return operator.evaluate(pathValue(factValue(facts, condition.fact), condition.path), valueOf(condition.value, facts));
}

/** Truthy in the sense a rule author means: present, not false, not empty. */
export function isTruthy(value: unknown): boolean {
  return !(value === null || value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0));
}

export function evaluateGuard(guard: StepGuard | undefined, facts: Facts): boolean {
  if (guard === undefined) return true;
  if (typeof guard === 'string') return isTruthy(factValue(facts, guard));
  return evaluateFactCondition(guard, facts);
}

type Verdict = boolean | 'unknown';
type Judge = (facts: Facts) => Verdict;

const UNKNOWN: Judge = () => 'unknown';

/**
 * A condition tree compiled into closures: the same verdict as walking it with the engine's
 * operators (`unknown` where it cannot judge), with each operator, value and list looked up once
 * instead of for every container of every pod.
 */
function compile(node: unknown): Judge {
  if (!node || typeof node !== 'object') return UNKNOWN;
  const object = node as Record<string, unknown>;
  if (Array.isArray(object.all)) {
    const children = object.all.map(compile);
    return (facts) => {
      let result: Verdict = true;
      for (let i = 0; i < children.length; i++) {
        const v = (children[i] as Judge)(facts);
        if (v === false) return false;
        if (v === 'unknown') result = 'unknown';
      }
      return result;
    };
  }
  if (Array.isArray(object.any)) {
    const children = object.any.map(compile);
    return (facts) => {
      let result: Verdict = false;
      for (let i = 0; i < children.length; i++) {
        const v = (children[i] as Judge)(facts);
        if (v === true) return true;
        if (v === 'unknown') result = 'unknown';
      }
      return result;
    };
  }
  if (object.not !== undefined) {
    const inner = compile(object.not);
    return (facts) => {
      const v = inner(facts);
      return v === 'unknown' ? v : !v;
    };
  }
  const operator = typeof object.operator === 'string' ? OPERATOR_BY_NAME.get(object.operator) : undefined;
  if (typeof object.fact !== 'string' || !operator || object.params) return UNKNOWN;
  const fact = object.fact;
  const path = typeof object.path === 'string' ? object.path : undefined;
  const value = object.value;
  const valueFact = value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value ? (value as { fact: string }).fact : null;
  const evaluate = operator.evaluate;
  if (path === undefined && valueFact === null) return (facts) => evaluate(factValue(facts, fact), value);
  return (facts) => evaluate(pathValue(factValue(facts, fact), path), valueFact === null ? value : factValue(facts, valueFact));
}

/** Rule conditions are few and judged for every container: each tree is compiled once. */
const compiled = new WeakMap<object, Judge>();

function verdict(node: unknown, facts: Facts): Verdict {
  if (!node || typeof node !== 'object') return 'unknown';
  let judge = compiled.get(node);
  if (!judge) {
    judge = compile(node);
    compiled.set(node, judge);
  }
  return judge(facts);
}

/**
 * Whether a rule's conditions can hold for these facts, judged with the very operators the
 * engine uses. Only a definite "no" rules a rule out; anything it cannot judge (a named
 * condition, params) counts as "may hold", so the engine, not this, has the last word.
 */
export function mayHold(conditions: RuleConditions, facts: Facts): boolean {
  return verdict(conditions, facts) !== false;
}

/**
 * Whether a condition tree can be judged here exactly as json-rules-engine judges it: `all`/`any`
 * lists that are not empty, `not`, and fact conditions with a known operator and no `params`,
 * `path`, `priority` or named condition. Then the verdict above is the engine's, and running the
 * engine would only cost time.
 */
export function isPlainCondition(node: unknown): boolean {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return false;
  const object = node as Record<string, unknown>;
  if ('condition' in object || 'params' in object || 'path' in object || 'priority' in object) return false;
  if ('all' in object || 'any' in object) {
    const list = object.all ?? object.any;
    return Array.isArray(list) && list.length > 0 && list.every(isPlainCondition) && !('all' in object && 'any' in object) && !('not' in object);
  }
  if ('not' in object) return isPlainCondition(object.not);
  return typeof object.fact === 'string' && typeof object.operator === 'string' && OPERATOR_BY_NAME.has(object.operator);
}

/**
 * Every fact condition of a plain tree with the value it saw and its result, in the order
 * json-rules-engine reports them for a rule that ran (it evaluates every condition of a list).
 */
export function conditionResults(node: unknown, facts: Facts, out: MatchedCondition[] = []): MatchedCondition[] {
  const object = node as Record<string, unknown>;
  const list = object.all ?? object.any;
  if (Array.isArray(list)) for (const child of list) conditionResults(child, facts, out);
  else if (object.not !== undefined) conditionResults(object.not, facts, out);
  else {
    const condition = object as unknown as FactCondition;
    out.push({
      fact: condition.fact,
      operator: condition.operator,
      value: condition.value,
      factValue: factValue(facts, condition.fact) ?? null,
      result: evaluateFactCondition(condition, facts),
    });
  }
  return out;
}

/** The verdict of a plain condition tree (see `isPlainCondition`): always true or false. */
export function holds(conditions: RuleConditions, facts: Facts): boolean {
  return verdict(conditions, facts) === true;
}
