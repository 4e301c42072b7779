import type { Engine } from 'json-rules-engine';
import type { MatchedCondition } from '../model/finding.js';
import { createEngine } from './create-engine.js';
import { conditionResults, factValue, holds, isPlainCondition, mayHold, type Facts } from './evaluate-condition.js';
import type { LoadedRule } from './rule.js';
import { walkConditions } from './validate-rule.js';
import { matchedConditions } from './why.js';

export interface FiredRule {
  readonly rule: LoadedRule;
  /** Each fact condition with the value it saw: the "why" of the finding. */
  readonly why: readonly MatchedCondition[];
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
 * Runs one scope's rules over fact sets. Each rule's conditions are first checked with the same
 * operators the engine has; rules that cannot hold are left out. A rule whose conditions are
 * plain (see `isPlainCondition`, true of every built-in rule) is then decided right there, with
 * the same result json-rules-engine would give: the engine only runs the rest (named conditions,
 * params, paths), built once per subset of rules and cached, with only the facts those rules read
 * (json-rules-engine wraps, hashes and clones every runtime fact it is given). Fired rules come
 * highest priority first, as the engine orders its results.
 */
export class RuleRunner {
  private readonly engines = new Map<string, SubsetEngine>();
  private readonly byId: ReadonlyMap<string, LoadedRule>;
  private readonly plain: ReadonlySet<LoadedRule>;

  constructor(private readonly rules: readonly LoadedRule[]) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
    this.plain = new Set(rules.filter((r) => isPlainCondition(r.conditions)));
  }

  async run(facts: Facts): Promise<FiredRule[]> {
    const fired: FiredRule[] = [];
    const candidates: LoadedRule[] = [];
    for (const rule of this.rules) {
      if (this.plain.has(rule)) {
        if (holds(rule.conditions, facts)) fired.push({ rule, why: conditionResults(rule.conditions, facts) });
      } else if (mayHold(rule.conditions, facts)) {
        candidates.push(rule);
      }
    }
    if (candidates.length) fired.push(...(await this.runEngine(candidates, facts)));
    // Stable: rules of equal priority keep their order.
    return fired.sort((a, b) => b.rule.priority - a.rule.priority);
  }

  private async runEngine(candidates: readonly LoadedRule[], facts: Facts): Promise<FiredRule[]> {
    const key = candidates.map((r) => r.id).join('\u0000');
    let subset = this.engines.get(key);
    if (!subset) {
      subset = { engine: await createEngine(candidates), facts: conditionFacts(candidates) };
      this.engines.set(key, subset);
    }
    const runtimeFacts: Record<string, unknown> = {};
    for (const name of subset.facts) runtimeFacts[name] = factValue(facts, name) ?? null;
    const { results } = await subset.engine.run(runtimeFacts);
    return results.flatMap((result) => {
      const rule = this.byId.get(result.name);
      return rule ? [{ rule, why: matchedConditions(result.conditions) }] : [];
    });
  }
}
