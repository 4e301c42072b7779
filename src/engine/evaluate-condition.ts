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

/**
 * Whether a condition tree can still hold, judged only by its top-level `all` fact conditions.
 * Conservative: anything it does not fully understand counts as "may hold", so the engine,
 * not this, has the last word.
 */
export function mayHold(conditions: RuleConditions, facts: Facts): boolean {
  if (!('all' in conditions)) return true;
  for (const condition of conditions.all) {
    if ('fact' in condition && typeof condition.fact === 'string' && !(condition as FactCondition).path) {
      if (!evaluateFactCondition(condition as FactCondition, facts)) return false;
    }
  }
  return true;
}
