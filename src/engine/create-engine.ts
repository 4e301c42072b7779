import { Engine } from 'json-rules-engine';
import { OPERATORS } from './operators.js';
import type { LoadedRule } from './rule.js';

/**
 * One engine per rule scope, built once and reused for every pod: rules are never cloned per
 * run, and facts arrive as runtime facts. Undefined facts stay errors so a typo cannot pass.
 */
export function createEngine(rules: readonly LoadedRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const operator of OPERATORS) engine.addOperator(operator.name, operator.evaluate);
  for (const rule of rules) {
    engine.addRule({
      name: rule.id,
      priority: rule.priority,
      conditions: rule.conditions,
      event: { type: rule.id },
    });
  }
  return engine;
}
