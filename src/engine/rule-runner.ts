import type { Engine, RuleResult } from 'json-rules-engine';
import { createEngine } from './create-engine.js';
import { mayHold } from './evaluate-condition.js';
import type { LoadedRule } from './rule.js';
import { walkConditions } from './validate-rule.js';

export interface FiredRule {
  readonly rule: LoadedRule;
  readonly result: RuleResult;
}

/** An engine for one subset of rules, and the facts those rules read. */
interface SubsetEngine {
  readonly engine: Engine;
  readonly facts: readonly string[];
}

/** Every fact a rule's conditions read, as subject or as `{ fact }` value. */
function conditionFacts(rules: readonly LoadedRule[]): string[] {
  const names = new Set<string>();
  for (const rule of rules) {
    walkConditions(rule.conditions, '$', (condition) => {
      if (typeof condition.fact === 'string') names.add(condition.fact);
      const value = condition.value as { fact?: unknown } | null;
      if (value && typeof value === 'object' && typeof value.fact === 'string') names.add(value.fact);
    });
  }
  return [...names];
}

/**
 * Runs one scope's rules over fact sets. Before the engine runs, each rule's conditions are
 * checked with the same operators; rules that cannot hold are left out and the engine for the
 * remaining subset is built once and cached. Healthy containers, where no rule can hold, never
 * reach the engine at all. The engine gets only the facts its rules read: json-rules-engine
 * wraps, hashes and clones every runtime fact it is given, which dominated the cost of a run.
 */
export class RuleRunner {
  private readonly engines = new Map<string, SubsetEngine>();
  private readonly byId: ReadonlyMap<string, LoadedRule>;

  constructor(private readonly rules: readonly LoadedRule[]) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
  }

  async run(facts: Record<string, unknown>): Promise<FiredRule[]> {
    const candidates = this.rules.filter((rule) => mayHold(rule.conditions, facts));
    if (candidates.length === 0) return [];
    const key = candidates.map((r) => r.id).join('\u0000');
    let subset = this.engines.get(key);
    if (!subset) {
      subset = { engine: createEngine(candidates), facts: conditionFacts(candidates) };
      this.engines.set(key, subset);
    }
    const runtimeFacts: Record<string, unknown> = {};
    for (const name of subset.facts) runtimeFacts[name] = facts[name] ?? null;
    const { results } = await subset.engine.run(runtimeFacts);
    return results.flatMap((result) => {
      const rule = this.byId.get(result.name);
      return rule ? [{ rule, result }] : [];
    });
  }
}
