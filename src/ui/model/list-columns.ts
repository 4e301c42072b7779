import type { PodRow } from './pod-entry.js';
import type { SortColumn } from './pod-sort.js';

/** The list's columns: each a text field of the row. A new view (pods grouped by workload) adds its own ids here. */
export type ColumnId = 'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'owner' | 'sev' | 'rootCause';

export interface Column {
  readonly id: ColumnId;
  readonly title: string;
  readonly width: number;
}

interface ColumnSpec {
  readonly title: string;
  /** Widest the column grows to fit its longest value. */
  readonly cap: number;
}

const SPECS: Readonly<Record<ColumnId, ColumnSpec>> = {
  namespace: { title: 'NAMESPACE', cap: 20 },
  name: { title: 'NAME', cap: 48 },
  ready: { title: 'READY', cap: 5 },
  status: { title: 'STATUS', cap: 22 },
  restarts: { title: 'RESTARTS', cap: 14 },
  age: { title: 'AGE', cap: 7 },
  owner: { title: 'OWNER', cap: 40 },
  sev: { title: 'SEV', cap: 4 },
  rootCause: { title: 'ROOT CAUSE', cap: 200 },
};

/** Left to right. SEV stands next to the cause it grades, so NO_COLOR still tells CRITICAL from WARNING. */
const ORDER: readonly ColumnId[] = ['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'owner', 'sev', 'rootCause'];
/**
 * Columns given up, in this order, when the terminal is narrow; the root cause is the point of
 * the list, SEV grades it, and the detail view shows the rest.
 */
const DROP_ORDER: readonly ColumnId[] = ['owner', 'namespace', 'age', 'ready', 'restarts'];
export const COLUMN_GAP = 2;
const MIN_ROOT_CAUSE = 30;
/** Still short after dropping: statuses longer than Init:CrashLoopBackOff are cut, then names (in the middle), then statuses further. */
const SHRINK_ORDER: ReadonlyArray<[ColumnId, number]> = [
  ['status', 21],
  ['name', 20],
  ['status', 16],
];

/** Which column shows the sort arrow. */
const SORTED_COLUMN: Readonly<Record<SortColumn, ColumnId>> = { severity: 'sev', restarts: 'restarts', age: 'age', namespace: 'namespace', name: 'name' };

function natural(id: ColumnId, rows: readonly PodRow[], title: string): number {
  const longest = rows.reduce((max, row) => Math.max(max, row[id].length), title.length);
  return Math.min(Math.max(SPECS[id].cap, title.length), longest);
}

/**
 * The columns that fit `width`: optional ones dropped in `DROP_ORDER`, then status and name
 * shrunk (names are cut in the middle), and whatever is left goes to the root cause. The sorted
 * column's title carries the arrow; OWNER only shows when some pod has an owner.
 */
export function listColumns(width: number, rows: readonly PodRow[], showNamespace: boolean, sort?: { column: SortColumn; arrow: string }): Column[] {
  const title = (id: ColumnId) => (sort && SORTED_COLUMN[sort.column] === id ? `${SPECS[id].title}${sort.arrow}` : SPECS[id].title);
  const hasOwner = rows.some((r) => r.owner !== '');
  const shown = ORDER.filter((id) => (showNamespace || id !== 'namespace') && (hasOwner || id !== 'owner'));
  const widths = new Map<ColumnId, number>(shown.map((id) => [id, natural(id, rows, title(id))]));
  const used = () => [...widths].reduce((sum, [id, w]) => sum + (id === 'rootCause' ? 0 : w + COLUMN_GAP), 0);
  for (const id of DROP_ORDER) {
    if (width - used() >= MIN_ROOT_CAUSE) break;
    widths.delete(id);
  }
  for (const [id, min] of SHRINK_ORDER) {
    const short = MIN_ROOT_CAUSE - (width - used());
    if (short <= 0) break;
    const current = widths.get(id)!;
    widths.set(id, Math.min(current, Math.max(min, current - short)));
  }
  widths.set('rootCause', Math.max(0, width - used()));
  return ORDER.filter((id) => widths.has(id)).map((id) => ({ id, title: title(id), width: widths.get(id)! }));
}
