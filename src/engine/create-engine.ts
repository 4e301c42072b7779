import type { Engine } from 'json-rules-engine';
import { OPERATORS } from './operators.js';
import type { LoadedRule } from './rule.js';
import { importModule } from './import-module.js';

/**
 * One engine per rule scope, built once and reused for every pod: rules are never cloned per
 * run, and facts arrive as runtime facts. Undefined facts stay errors so a typo cannot pass.
 * json-rules-engine is loaded on first use: only rules the rule runner cannot decide itself
 * (named conditions, params, paths) need it, and loading it costs a one-pod replay a tenth of its time.
 */
export async function createEngine(rules: readonly LoadedRule[]): Promise<Engine> {
  const { Engine } = await importModule<typeof import('json-rules-engine')>('json-rules-engine');
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
