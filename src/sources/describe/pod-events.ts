import type { InvolvedObject, PodEvent } from '../../model/event.js';
import type { TableEvent } from './events-table.js';
import { timeBefore } from './relative-age.js';

/**
 * An events table row as the event it stands for: ages become times before the capture
 * (`18s (x2 over 34s)`: first 34 s, last 18 s before it), about the object the table names or
 * else the described pod.
 */
export function toPodEvent(event: TableEvent, capturedMs: number, about: InvolvedObject): PodEvent {
  const object = event.object ?? about;
  const uid = event.object ? undefined : about.uid;
  return {
    type: event.type,
    reason: event.reason,
    message: event.message,
    count: event.count,
    firstTimestamp: event.firstSeenAt ?? (event.firstSeenAgo === null ? null : timeBefore(capturedMs, event.firstSeenAgo)),
    lastTimestamp: event.lastSeenAt ?? (event.lastSeenAgo === null ? null : timeBefore(capturedMs, event.lastSeenAgo)),
    involvedObject: {
      kind: object.kind,
      name: object.name,
      ...(object.namespace ? { namespace: object.namespace } : {}),
      ...(uid ? { uid } : {}),
      ...(event.fieldPath ? { fieldPath: event.fieldPath } : {}),
    },
    source: event.source,
    ...(event.host ? { host: event.host } : {}),
  };
}
