import { healthTone } from '../theme/tones.js';
import { lineWidth, type Line } from './line.js';
import type { PodRow } from './pod-entry.js';

interface Piece {
  readonly line: Line;
  /** Lower is kept longer when the width runs out. */
  readonly keep: number;
}

const SEPARATOR = '  ';

/** A cell guessed from the pod's events (its status is not in the evidence) says so. */
function fromEvents(row: PodRow, cell: PodRow['derived'][number]): Line {
  return row.derived.includes(cell) ? [{ text: ' (from events)', tone: 'muted' }] : [];
}

/** The open pod in one line; when it does not fit, age, namespace and ready give way before status and restarts. */
export function detailHeaderLine(row: PodRow, width: number): Line {
  const pieces: Piece[] = [
    { keep: 0, line: [{ text: row.name, tone: 'heading' }] },
    { keep: 4, line: [{ text: row.namespace, tone: 'muted' }] },
    { keep: 1, line: [{ text: row.status, tone: healthTone(row.health) }, ...fromEvents(row, 'status')] },
    { keep: 3, line: [{ text: 'ready ', tone: 'muted' }, { text: row.ready }] },
    { keep: 2, line: [{ text: 'restarts ', tone: 'muted' }, { text: row.restarts }, ...fromEvents(row, 'restarts')] },
    { keep: 5, line: [{ text: 'age ', tone: 'muted' }, { text: row.age }] },
  ];
  const kept = new Set<Piece>();
  let used = 0;
  for (const piece of [...pieces].sort((a, b) => a.keep - b.keep)) {
    const extra = lineWidth(piece.line) + (kept.size ? SEPARATOR.length : 0);
    if (kept.size && used + extra > width) continue;
    kept.add(piece);
    used += extra;
  }
  return pieces.filter((p) => kept.has(p)).flatMap((p, i) => (i === 0 ? p.line : [{ text: SEPARATOR }, ...p.line]));
}
