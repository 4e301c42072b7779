import { healthTone, severityTone } from '../theme/tones.js';
import type { Line, Segment } from './line.js';
import { fit } from './line.js';
import { COLUMN_GAP, type Column } from './list-columns.js';
import type { PodRow } from './pod-entry.js';

const GAP = ' '.repeat(COLUMN_GAP);

function cell(row: PodRow, column: Column): Segment {
  const text = fit(row[column.id], column.width, column.id === 'name' ? 'middle' : 'end');
  if (column.id === 'status') return { text, tone: healthTone(row.health) };
  if ((column.id === 'rootCause' || column.id === 'sev') && row.severity) return { text, tone: severityTone(row.severity) };
  return { text };
}

/** A pod row cut to the columns: every cell exactly its column's width, so rows line up and never wrap. */
export function podRowLine(row: PodRow, columns: readonly Column[]): Line {
  return columns.flatMap((column, i) => (i === 0 ? [cell(row, column)] : [{ text: GAP }, cell(row, column)]));
}

/** The column titles, cut the same way as the rows. */
export function columnTitlesLine(columns: readonly Column[]): Line {
  return [{ text: columns.map((c) => fit(c.title, c.width)).join(GAP), tone: 'muted' }];
}
