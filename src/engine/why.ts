import type { MatchedCondition } from '../model/finding.js';

/** Flattens json-rules-engine's condition results to the leaf conditions it evaluated. */
export function matchedConditions(result: unknown): MatchedCondition[] {
  const out: MatchedCondition[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    for (const key of ['all', 'any']) {
      const list = object[key];
      if (Array.isArray(list)) list.forEach(walk);
    }
    if (object.not) walk(object.not);
    if (typeof object.fact === 'string' && 'result' in object) {
      out.push({
        fact: object.fact,
        operator: String(object.operator),
        value: object.value,
        factValue: object.factResult ?? null,
        result: Boolean(object.result),
      });
    }
  };
  walk(result);
  return out;
}
