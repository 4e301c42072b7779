import { describeTime } from './describe-time.js';
import { typeOfReasons, type TableEvent } from './events-table.js';
import { keyValue } from './key-value.js';
import type { PasteLine } from './paste-lines.js';
import { reasonOfMessage, reasonsOfMessage } from './reason-of-message.js';

/** Blocks of a described Event that name the object it is about (core/v1, events.k8s.io). */
const OBJECT_BLOCKS = new Set(['Involved Object', 'Regarding']);
const SOURCE_BLOCKS = new Set(['Source', 'Deprecated Source']);

/** `kubectl describe events` prints one Event after another, each from its own outermost `Name:` line. */
export function readDescribedEvents(lines: readonly PasteLine[]): TableEvent[] {
  const written = lines.filter((l) => l.text);
  if (written.length === 0) return [];
  const outer = Math.min(...written.map((l) => l.indent));
  if (!written.some((l) => l.indent === outer && OBJECT_BLOCKS.has(keyValue(l.text)?.key ?? ''))) return [];
  const blocks: PasteLine[][] = [];
  for (const line of written) {
    if ((line.indent === outer && keyValue(line.text)?.key === 'Name') || blocks.length === 0) blocks.push([]);
    blocks.at(-1)?.push(line);
  }
  return blocks.flatMap((block) => readDescribedEvent(block) ?? []);
}

/**
 * Reads `kubectl describe event NAME` output (an Event, not a pod): its reason, message, count,
 * times, source and the object it is about. A description cut above `Reason:` keeps the reason
 * its message is the fixed text of. Null when the block describes no Event.
 */
export function readDescribedEvent(block: readonly PasteLine[]): TableEvent | null {
  const lines = block.filter((l) => l.text);
  const outer = Math.min(...lines.map((l) => l.indent));
  const top = new Map<string, string>();
  const object = new Map<string, string>();
  const source = new Map<string, string>();
  let nested: Map<string, string> | null = null;
  let lastTopKey = '';
  for (const line of lines) {
    const kv = keyValue(line.text);
    if (line.indent > outer) {
      if (nested && kv) nested.set(kv.key, kv.value);
      else if (!kv && lastTopKey === 'Message') top.set('Message', `${top.get('Message') ?? ''} ${line.text}`.trim());
      continue;
    }
    if (!kv) continue;
    lastTopKey = kv.key;
    nested = OBJECT_BLOCKS.has(kv.key) ? object : SOURCE_BLOCKS.has(kv.key) ? source : kv.value === '' ? new Map() : null;
    if (!nested) top.set(kv.key, kv.value);
  }
  const kind = object.get('Kind');
  const name = object.get('Name');
  if (!kind || !name || (top.get('Kind') !== undefined && top.get('Kind') !== 'Event')) return null;
  const message = top.get('Message') ?? top.get('Note') ?? '';
  const reason = top.get('Reason') ?? reasonOfMessage(message) ?? '';
  const last = describeTime(top.get('Last Timestamp') ?? top.get('Deprecated Last Timestamp') ?? top.get('Event Time') ?? '');
  const first = describeTime(top.get('First Timestamp') ?? top.get('Deprecated First Timestamp') ?? '') ?? last;
  const count = Number(top.get('Count') ?? top.get('Deprecated Count') ?? 1);
  const namespace = object.get('Namespace') ?? top.get('Namespace');
  const fieldPath = object.get('Field Path');
  return {
    type: top.get('Type') ?? typeOfReasons(reason ? [reason] : reasonsOfMessage(message)),
    reason,
    message,
    count: Number.isFinite(count) && count > 0 ? count : 1,
    lastSeenAgo: null,
    firstSeenAgo: null,
    lastSeenAt: last,
    firstSeenAt: first,
    source: source.get('Component') ?? top.get('Reporting Component') ?? top.get('Reporting Controller') ?? '',
    ...(source.get('Host') ? { host: source.get('Host') as string } : {}),
    ...(fieldPath && fieldPath !== '<none>' ? { fieldPath } : {}),
    object: { kind, name, ...(namespace ? { namespace } : {}) },
  };
}
