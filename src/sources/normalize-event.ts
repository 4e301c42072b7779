import type { CoreV1Event, EventsV1Event } from '@kubernetes/client-node';
import type { PodEvent } from '../model/event.js';
import { canonicalMessage, canonicalReason } from './canonical-event.js';

function iso(value: unknown): string | null {
  if (!value) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : null;
}

/** An Event lives in its object's namespace: where the object reference lacks one (a cut paste), the Event's own says it. */
function namespaceOf(reference: { namespace?: string } | undefined, event: { metadata?: { namespace?: string } }): { namespace?: string } {
  const namespace = reference?.namespace ?? event.metadata?.namespace;
  return namespace ? { namespace } : {};
}

/** core/v1 Event -> PodEvent. */
export function fromCoreEvent(event: CoreV1Event): PodEvent {
  const series = (event as { series?: { count?: number; lastObservedTime?: unknown } }).series;
  const first = iso(event.firstTimestamp) ?? iso(event.eventTime) ?? iso(event.metadata?.creationTimestamp);
  const last = iso(series?.lastObservedTime) ?? iso(event.lastTimestamp) ?? first;
  return {
    type: event.type ?? 'Normal',
    reason: canonicalReason(event.reason ?? ''),
    message: canonicalMessage((event.message ?? '').trim()),
    count: Math.max(1, series?.count ?? event.count ?? 1),
    firstTimestamp: first,
    lastTimestamp: last,
    involvedObject: {
      kind: event.involvedObject?.kind ?? '',
      name: event.involvedObject?.name ?? '',
      ...(event.involvedObject?.kind === 'Node' ? {} : namespaceOf(event.involvedObject, event)),
      ...(event.involvedObject?.uid ? { uid: event.involvedObject.uid } : {}),
      ...(event.involvedObject?.fieldPath ? { fieldPath: event.involvedObject.fieldPath } : {}),
    },
    source: event.source?.component ?? event.reportingComponent ?? '',
    ...(event.source?.host ? { host: event.source.host } : {}),
  };
}

/** events.k8s.io/v1 Event -> PodEvent: `note` is the message, `regarding` the object, `series` the count. */
export function fromEventsV1(event: EventsV1Event): PodEvent {
  const first = iso(event.eventTime) ?? iso(event.deprecatedFirstTimestamp) ?? iso(event.metadata?.creationTimestamp);
  const last = iso(event.series?.lastObservedTime) ?? iso(event.deprecatedLastTimestamp) ?? first;
  return {
    type: event.type ?? 'Normal',
    reason: canonicalReason(event.reason ?? ''),
    message: canonicalMessage((event.note ?? '').trim()),
    count: Math.max(1, event.series?.count ?? event.deprecatedCount ?? 1),
    firstTimestamp: first,
    lastTimestamp: last,
    involvedObject: {
      kind: event.regarding?.kind ?? '',
      name: event.regarding?.name ?? '',
      ...(event.regarding?.kind === 'Node' ? {} : namespaceOf(event.regarding, event)),
      ...(event.regarding?.uid ? { uid: event.regarding.uid } : {}),
      ...(event.regarding?.fieldPath ? { fieldPath: event.regarding.fieldPath } : {}),
    },
    source: event.reportingController ?? event.deprecatedSource?.component ?? '',
    ...(event.deprecatedSource?.host ? { host: event.deprecatedSource.host } : {}),
  };
}

/** Either API's event, told apart by apiVersion and shape. */
export function normalizeEvent(object: Record<string, unknown>): PodEvent {
  const apiVersion = String(object.apiVersion ?? '');
  if (apiVersion.startsWith('events.k8s.io/') || ('regarding' in object && !('involvedObject' in object))) {
    return fromEventsV1(object as unknown as EventsV1Event);
  }
  return fromCoreEvent(object as unknown as CoreV1Event);
}

export function eventSortKey(event: PodEvent): number {
  const t = Date.parse(event.lastTimestamp ?? event.firstTimestamp ?? '');
  return Number.isFinite(t) ? t : 0;
}

/** Sorts oldest first, in place (stable); each event's time is parsed once, not at every comparison. */
export function sortEvents(events: PodEvent[]): PodEvent[] {
  if (events.length < 2) return events;
  const keys = new Map(events.map((event) => [event, eventSortKey(event)]));
  return events.sort((a, b) => (keys.get(a) as number) - (keys.get(b) as number));
}
