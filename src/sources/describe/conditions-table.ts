import type { V1PodCondition } from '@kubernetes/client-node';
import type { PasteLine } from './paste-lines.js';

/**
 * `Conditions:` is a table `Type  Status` (1.1x added probe and transition times, reason and
 * message columns, which are read when present).
 */
export function readConditions(lines: readonly PasteLine[]): V1PodCondition[] {
  const conditions: V1PodCondition[] = [];
  // Rows are read wherever they stand, so a table that lost its line breaks still reads.
  for (const line of lines) {
    for (const [, type, status] of line.text.matchAll(/(?:^|\s)([A-Z][A-Za-z]{1,63})\s+(True|False|Unknown)(?=\s|$)/g)) {
      if (type && status) conditions.push({ type, status });
    }
  }
  return conditions;
}
