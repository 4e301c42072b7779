import type { PodRow } from './get-pods-rows.js';
import { durationSeconds } from './relative-age.js';

// A pod table whose columns are kubectl's in another order or with others between them: k9s's
// pod view copied from the terminal (`NAMESPACE↑ NAME PF READY STATUS RESTARTS CPU MEM ... IP
// NODE AGE`), or `kubectl get pods -o custom-columns` with kubectl's column names. Its header says
// where each column is; a row's words are given to the column they overlap most (numbers may be
// right-aligned under a narrower heading), and it reads as the kubectl row it stands for.

/** A column of the header: its name (sort arrows dropped) and where it starts and ends in the line. */
interface Column {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export type PodTableColumns = readonly Column[];

/** The columns a pod table needs besides NAME: without READY, STATUS and RESTARTS it says too little. */
const NEEDED = ['NAME', 'READY', 'STATUS', 'RESTARTS'];
const WORD = /\S+/g;

function words(text: string): Array<{ word: string; start: number; end: number }> {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/**
 * The columns of a pod table's header, or null for any other line. `line` keeps its leading
 * spaces (k9s indents its table by one), so that rows measured the same way line up with it.
 */
export function readPodTableHeader(line: string): PodTableColumns | null {
  const found = words(line).map(({ word, start }) => ({ name: word.replace(/[↑↓]+$/u, '').toUpperCase(), start }));
  const names = found.map((c) => c.name);
  if (!NEEDED.every((name) => names.includes(name)) || names.some((name) => !/^[A-Z%][A-Z%/_-]{0,20}$/.test(name))) return null;
  return found.map((c, i) => ({ ...c, end: found[i + 1]?.start ?? Number.MAX_SAFE_INTEGER }));
}

/** What each column of a row holds: its words, each given to the column its span overlaps most. */
function cells(columns: PodTableColumns, line: string): Map<string, string> {
  const byColumn = new Map<string, string[]>();
  for (const { word, start, end } of words(line)) {
    let best: Column | undefined;
    let bestOverlap = 0;
    for (const column of columns) {
      const overlap = Math.min(end, column.end) - Math.max(start, column.start);
      if (overlap > bestOverlap) {
        best = column;
        bestOverlap = overlap;
      }
    }
    const owner = best ?? columns[0];
    if (owner) byColumn.set(owner.name, [...(byColumn.get(owner.name) ?? []), word]);
  }
  return new Map([...byColumn].map(([name, parts]) => [name, parts.join(' ')]));
}

/** A row of such a table as the kubectl row it stands for; null for a line that is none. */
export function readPodTableRow(columns: PodTableColumns, line: string): PodRow | null {
  const row = cells(columns, line);
  const name = row.get('NAME');
  const ready = /^(\d{1,3})\/(\d{1,3})$/.exec(row.get('READY') ?? '');
  const restarts = /^(\d{1,6})(?:\s+\([^)]{1,40}\))?$/.exec(row.get('RESTARTS') ?? '');
  const status = row.get('STATUS');
  if (!name || !/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,252}$/.test(name) || !ready || !restarts || !status || !/^[\w:/-]{3,60}$/.test(status)) return null;
  const namespace = row.get('NAMESPACE');
  const node = row.get('NODE');
  const age = row.get('AGE');
  return {
    ...(namespace && /^[a-z0-9][a-z0-9-]{0,62}$/.test(namespace) ? { namespace } : {}),
    ...(node && node !== '<none>' && /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/.test(node) ? { node } : {}),
    name,
    ready: Number(ready[1]),
    containers: Number(ready[2]),
    status,
    restarts: Number(restarts[1]),
    ageSeconds: age ? durationSeconds(age) : null,
  };
}
