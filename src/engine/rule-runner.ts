import type { Engine, RuleResult } from 'json-rules-engine';
import { createEngine } from './create-engine.js';
import { mayHold } from './evaluate-condition.js';
import type { LoadedRule } from './rule.js';

export interface FiredRule {
  readonly rule: LoadedRule;
  readonly result: RuleResult;
}

/**
 * Runs one scope's rules over fact sets. Before the engine runs, each rule's top-level `all`
 * conditions are checked with the same operators; rules that cannot hold are left out and the
 * engine for the remaining subset is built once and cached. Healthy containers, where no rule
 * can hold, never reach the engine at all.
 */
export class RuleRunner {
  private readonly engines = new Map<string, Engine>();
  private readonly byId: ReadonlyMap<string, LoadedRule>;

  constructor(private readonly rules: readonly LoadedRule[]) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
  }

  async run(facts: Record<string, unknown>): Promise<FiredRule[]> {
    const candidates = this.rules.filter((rule) => mayHold(rule.conditions, facts));
    if (candidates.length === 0) return [];
    const key = candidates.map((r) => r.id).join('\u0000');
    let engine = this.engines.get(key);
    if (!engine) {
      engine = createEngine(candidates);
      this.engines.set(key, engine);
    }
    const { results } = await engine.run(facts);
    return results.flatMap((result) => {
      const rule = this.byId.get(result.name);
      return rule ? [{ rule, result }] : [];
    });
  }
}
