import type { PodContext } from '../../facts/context.js';
import { formatAge } from '../../facts/duration.js';
import type { PodEvent } from '../../model/event.js';
import { eventTone } from '../theme/tones.js';
import { blankLine, fit, wrapText, type Line, type Segment } from './line.js';
import type { SnapshotChanges } from './snapshot-changes.js';
import { captureMillis, toMillis } from './timestamps.js';

/** Below this width the COUNT column folds into the reason (`BackOff x23`) to leave the message room. */
const COUNT_COLUMN_WIDTH = 100;
const TYPE = 7;

interface EventRow {
  readonly event: PodEvent;
  readonly age: string;
  readonly reason: string;
  readonly object: string;
  readonly count: string;
}

interface Layout {
  /** `+ ` marks events that are new since the previous snapshot; only a timeline needs the room. */
  readonly gutter: number;
  readonly age: number;
  readonly reason: number;
  readonly object: number;
  /** Zero when the count is folded into the reason. */
  readonly count: number;
}

function eventTime(event: PodEvent): number {
  return toMillis(event.lastTimestamp ?? event.firstTimestamp);
}

/**
 * Where the OBJECT column says an event belongs, as the diagnosis read it: the container the facts
 * gave it to (its fieldPath, its message, or the one container a pasted table's events go to),
 * the node, the owner (`job/nightly`), else the pod.
 */
function objectNamer(context: PodContext): (event: PodEvent) => string {
  const byEvent = new Map<PodEvent, string>();
  for (const container of context.containers) for (const event of container.events) byEvent.set(event, container.name);
  return (event) => {
    const kind = event.involvedObject.kind;
    if (kind === 'Node') return 'node';
    if (kind !== 'Pod' && kind) return `${kind.toLowerCase()}/${event.involvedObject.name}`;
    return byEvent.get(event) ?? 'pod';
  };
}

function eventRows(events: readonly PodEvent[], objectOf: (event: PodEvent) => string, now: number, foldCount: boolean): EventRow[] {
  return [...events]
    .sort((a, b) => (eventTime(a) || 0) - (eventTime(b) || 0))
    .map((event) => ({
      event,
      age: Number.isFinite(eventTime(event)) ? formatAge((now - eventTime(event)) / 1000) : '<unknown>',
      // A message pasted without the reason its writer could have used has none to show: `?`, as other cells not shown.
      reason: foldCount && event.count > 1 ? `${event.reason || '?'} x${event.count}` : event.reason || '?',
      object: objectOf(event),
      count: String(event.count),
    }));
}

function widest(rows: readonly EventRow[], pick: (row: EventRow) => string, title: string, cap: number): number {
  return Math.min(cap, rows.reduce((max, row) => Math.max(max, pick(row).length), title.length));
}

function cells(layout: Layout, age: string, type: string, reason: string, object: string, count: string): string {
  return [fit(age, layout.age), fit(type, TYPE), fit(reason, layout.reason), fit(object, layout.object), ...(layout.count ? [fit(count, layout.count)] : [])].join(' ') + ' ';
}

function table(rows: readonly EventRow[], layout: Layout, width: number, changes: SnapshotChanges | null): Line[] {
  const gutter = ' '.repeat(layout.gutter);
  const head = cells(layout, 'AGE', 'TYPE', 'REASON', 'OBJECT', 'COUNT');
  const indent = layout.gutter + head.length;
  const lines: Line[] = [[{ text: `${gutter}${head}MESSAGE`, tone: 'muted' }]];
  for (const row of rows) {
    const isNew = changes?.newEvents.has(row.event) ?? false;
    const tone = isNew ? 'changed' : eventTone(row.event.type);
    const [first = '', ...rest] = wrapText(row.event.message, Math.max(16, width - indent));
    const mark: Segment = isNew ? { text: fit('+', layout.gutter), tone: 'changed' } : { text: gutter };
    const columns: Segment = { text: cells(layout, row.age, row.event.type, row.reason, row.object, row.count), ...(tone ? { tone } : {}) };
    lines.push([mark, columns, { text: first }]);
    for (const more of rest) lines.push([{ text: ' '.repeat(indent) }, { text: more }]);
  }
  return lines;
}

function layoutFor(rows: readonly EventRow[], width: number, marking: boolean): Layout {
  return {
    gutter: marking ? 2 : 0,
    age: widest(rows, (r) => r.age, 'AGE', 9),
    reason: widest(rows, (r) => r.reason, 'REASON', 24),
    object: widest(rows, (r) => r.object, 'OBJECT', 16),
    count: width < COUNT_COLUMN_WIDTH ? 0 : widest(rows, (r) => r.count, 'COUNT', 6),
  };
}

/**
 * The pod's events as a timeline, oldest first with ages at capture time, warnings standing out,
 * each named by the container the diagnosis gave it to; then its owner's events (a Job's) and the
 * node's.
 */
export function eventsLines(context: PodContext, changes: SnapshotChanges | null, width: number): Line[] {
  const incident = context.incident;
  const now = captureMillis(incident.source.capturedAt);
  const foldCount = width < COUNT_COLUMN_WIDTH;
  const objectOf = objectNamer(context);
  const podRows = eventRows(incident.events, objectOf, now, foldCount);
  const ownerRows = eventRows(incident.ownerEvents ?? [], objectOf, now, foldCount);
  const nodeRows = eventRows(incident.nodeEvents, objectOf, now, foldCount);
  const layout = layoutFor([...podRows, ...ownerRows, ...nodeRows], width, changes !== null);
  const lines: Line[] = [];
  if (podRows.length === 0) {
    lines.push([{ text: 'No events about this pod in the evidence (events expire after about an hour).', tone: 'muted' }]);
  } else {
    lines.push(...table(podRows, layout, width, changes));
  }
  if (ownerRows.length) {
    lines.push(blankLine, [{ text: 'Owner', tone: 'heading' }]);
    lines.push(...table(ownerRows, layout, width, changes));
  }
  if (nodeRows.length) {
    lines.push(blankLine, [{ text: `Node ${incident.pod.spec?.nodeName ?? ''}`.trim(), tone: 'heading' }]);
    lines.push(...table(nodeRows, layout, width, changes));
  }
  return lines;
}
