import type { FactCondition } from '../engine/rule.js';

/** A value as a rule author wrote it: JSON, with lists spaced and fact references named. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value !== null && typeof value === 'object' && 'fact' in value) return `fact ${String((value as { fact: unknown }).fact)}`;
  return JSON.stringify(value);
}

/** `memoryLimit isSet true`, `terminationReason equal "OOMKilled"`. */
export function describeCondition(condition: FactCondition): string {
  const path = condition.path ? ` (${condition.path})` : '';
  return `${condition.fact}${path} ${condition.operator} ${describeValue(condition.value)}`;
}

const GROUPS = [
  ['all', 'all of'],
  ['any', 'any of'],
] as const;

/**
 * A condition tree as indented lines. A group of plain conditions reads on one line
 * (`all of: a; b`); a group holding groups lists its children below it.
 */
export function describeConditions(node: unknown, indent = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  if ('fact' in object) return [`${indent}${describeCondition(object as unknown as FactCondition)}`];
  for (const [key, label] of GROUPS) {
    const children = object[key];
    if (!Array.isArray(children)) continue;
    if (children.every((child) => child && typeof child === 'object' && 'fact' in child)) {
      return [`${indent}${label}: ${children.map((c) => describeCondition(c as FactCondition)).join('; ')}`];
    }
    return [`${indent}${label}:`, ...children.flatMap((child) => describeConditions(child, `${indent}  `))];
  }
  if (object.not) {
    const inner = describeConditions(object.not, `${indent}  `);
    return inner.length === 1 ? [`${indent}not: ${inner[0]!.trimStart()}`] : [`${indent}not:`, ...inner];
  }
  return [];
}
