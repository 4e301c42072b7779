import type { FactCondition, RuleConditions, StepGuard } from './rule.js';
import { OPERATOR_BY_NAME } from './operators.js';

type Facts = Readonly<Record<string, unknown>>;

function valueOf(value: unknown, facts: Facts): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    return facts[(value as { fact: string }).fact];
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
  return operator.evaluate(pathValue(facts[condition.fact], condition.path), valueOf(condition.value, facts));
}

/** Truthy in the sense a rule author means: present, not false, not empty. */
export function isTruthy(value: unknown): boolean {
  return !(value === null || value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0));
}

export function evaluateGuard(guard: StepGuard | undefined, facts: Facts): boolean {
  if (guard === undefined) return true;
  if (typeof guard === 'string') return isTruthy(facts[guard]);
  return evaluateFactCondition(guard, facts);
}

type Verdict = boolean | 'unknown';

/** Evaluates a condition tree with the same operators the engine has; `unknown` where it cannot judge. */
function verdict(node: unknown, facts: Facts): Verdict {
  if (!node || typeof node !== 'object') return 'unknown';
  const object = node as Record<string, unknown>;
  if (Array.isArray(object.all)) {
    let result: Verdict = true;
    for (const child of object.all) {
      const v = verdict(child, facts);
      if (v === false) return false;
      if (v === 'unknown') result = 'unknown';
    }
    return result;
  }
  if (Array.isArray(object.any)) {
    let result: Verdict = false;
    for (const child of object.any) {
      const v = verdict(child, facts);
      if (v === true) return true;
      if (v === 'unknown') result = 'unknown';
    }
    return result;
  }
  if (object.not !== undefined) {
    const v = verdict(object.not, facts);
    return v === 'unknown' ? v : !v;
  }
  if (typeof object.fact === 'string' && typeof object.operator === 'string' && !object.params && OPERATOR_BY_NAME.has(object.operator)) {
    return evaluateFactCondition(object as unknown as FactCondition, facts);
  }
  return 'unknown';
}

/**
 * Whether a rule's conditions can hold for these facts, judged with the very operators the
 * engine uses. Only a definite "no" rules a rule out; anything it cannot judge (a named
 * condition, params) counts as "may hold", so the engine, not this, has the last word.
 */
export function mayHold(conditions: RuleConditions, facts: Facts): boolean {
  return verdict(conditions, facts) !== false;
}
