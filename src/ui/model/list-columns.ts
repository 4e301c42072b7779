import type { PodRow } from './pod-entry.js';

export type ColumnId = 'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'rootCause';

export interface Column {
  readonly id: ColumnId;
  readonly title: string;
  readonly width: number;
}

const TITLES: Record<ColumnId, string> = {
  namespace: 'NAMESPACE',
  name: 'NAME',
  ready: 'READY',
  status: 'STATUS',
  restarts: 'RESTARTS',
  age: 'AGE',
  rootCause: 'ROOT CAUSE',
};

const ORDER: readonly ColumnId[] = ['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'rootCause'];
/**
 * Columns given up, in this order, when the terminal is narrow; the root cause is the point of
 * the list and the detail view shows the rest.
 */
const DROP_ORDER: readonly ColumnId[] = ['namespace', 'age', 'ready', 'restarts'];
const CAPS: Record<ColumnId, number> = { namespace: 20, name: 48, ready: 5, status: 22, restarts: 14, age: 7, rootCause: 200 };
export const COLUMN_GAP = 2;
const MIN_ROOT_CAUSE = 30;
const SHRINK_ORDER: ReadonlyArray<[ColumnId, number]> = [
  ['status', 21],
  ['name', 20],
];

function natural(id: ColumnId, rows: readonly PodRow[]): number {
  const longest = rows.reduce((max, row) => Math.max(max, row[id].length), TITLES[id].length);
  return Math.min(CAPS[id], longest);
}

/**
 * The columns that fit `width`: optional ones dropped in `DROP_ORDER`, then status and name
 * shrunk (names are cut in the middle), and whatever is left goes to the root cause.
 */
export function listColumns(width: number, rows: readonly PodRow[], showNamespace: boolean): Column[] {
  const widths = new Map<ColumnId, number>(ORDER.filter((id) => showNamespace || id !== 'namespace').map((id) => [id, natural(id, rows)]));
  const used = () => [...widths].reduce((sum, [id, w]) => sum + (id === 'rootCause' ? 0 : w + COLUMN_GAP), 0);
  for (const id of DROP_ORDER) {
    if (width - used() >= MIN_ROOT_CAUSE) break;
    widths.delete(id);
  }
  // Still short: statuses longer than Init:CrashLoopBackOff are cut first, then names.
  for (const [id, min] of SHRINK_ORDER) {
    const short = MIN_ROOT_CAUSE - (width - used());
    if (short <= 0) break;
    const current = widths.get(id)!;
    widths.set(id, Math.min(current, Math.max(min, current - short)));
  }
  widths.set('rootCause', Math.max(0, width - used()));
  return ORDER.filter((id) => widths.has(id)).map((id) => ({ id, title: TITLES[id], width: widths.get(id)! }));
}
