import type { V1PodCondition } from '@kubernetes/client-node';
import type { PasteLine } from './paste-lines.js';

/**
 * `Conditions:` is a table `Type  Status` (1.1x added probe and transition times, reason and
 * message columns, which are read when present).
 */
export function readConditions(lines: readonly PasteLine[]): V1PodCondition[] {
  const conditions: V1PodCondition[] = [];
  for (const line of lines) {
    const match = /^([A-Z][A-Za-z]{1,63})\s+(True|False|Unknown)\b/.exec(line.text);
    if (match?.[1] && match[2]) conditions.push({ type: match[1], status: match[2] });
  }
  return conditions;
}
