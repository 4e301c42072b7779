import { compareEntries, type PodEntry } from './pod-entry.js';

/** The columns the list sorts by, in the order `s` steps through them. */
export const SORT_COLUMNS = ['severity', 'restarts', 'age', 'namespace', 'name'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface SortOrder {
  readonly column: SortColumn;
  /** Against the column's natural direction (`S`). */
  readonly reversed: boolean;
}

export const DEFAULT_SORT: SortOrder = { column: 'severity', reversed: false };

/**
 * Each column's natural direction, the one a triage wants first: worst severity, most restarts,
 * youngest pods (a rollout that just went wrong), namespace and name A to Z.
 */
const NATURAL: Readonly<Record<SortColumn, (a: PodEntry, b: PodEntry) => number>> = {
  severity: compareEntries,
  restarts: (a, b) => b.restartCount - a.restartCount,
  // Unknown creation times go last.
  age: (a, b) => (Number.isFinite(b.createdAt) ? b.createdAt : -Infinity) - (Number.isFinite(a.createdAt) ? a.createdAt : -Infinity) || 0,
  namespace: (a, b) => a.row.namespace.localeCompare(b.row.namespace),
  name: (a, b) => a.row.name.localeCompare(b.row.name),
};

/** Sorted by the column, ties broken by the default order (worst first, then namespace and name). */
export function sortEntries(entries: readonly PodEntry[], order: SortOrder): PodEntry[] {
  const compare = NATURAL[order.column];
  const sign = order.reversed ? -1 : 1;
  return [...entries].sort((a, b) => sign * compare(a, b) || compareEntries(a, b));
}

/**
 * The arrow shown next to the sorted column: ↓ when the values shown fall down the list (worst
 * severity, most restarts, the oldest age first), ↑ when they rise (A to Z, the youngest age first).
 */
export function sortArrow(order: SortOrder): '↑' | '↓' {
  const falling = order.column === 'severity' || order.column === 'restarts';
  return falling !== order.reversed ? '↓' : '↑';
}

export function nextSortColumn(column: SortColumn): SortColumn {
  return SORT_COLUMNS[(SORT_COLUMNS.indexOf(column) + 1) % SORT_COLUMNS.length]!;
}
