import type { CoreV1Event, EventsV1Event } from '@kubernetes/client-node';
import type { PodEvent } from '../../model/event.js';
import { fromCoreEvent, fromEventsV1, sortEvents } from '../normalize-event.js';
import type { ClusterClient } from './api-client.js';
import { ClusterRequestError } from './request-error.js';
import { EVENTS, EVENTS_V1 } from './resources.js';

/** Pages of events read for one object: its events are aggregated, so two pages are plenty. */
const OBJECT_EVENT_PAGES = 2;

/**
 * Events by core/v1 field selector, or by events.k8s.io/v1 when the server does not serve
 * core/v1 events (404). `coreSelector` uses involvedObject.*, the events.k8s.io twin regarding.*.
 */
export async function listEvents(
  client: ClusterClient,
  namespace: string | undefined,
  coreSelector: string | undefined,
  maxPages = OBJECT_EVENT_PAGES,
): Promise<{ events: PodEvent[]; resourceVersion: string; complete: boolean }> {
  try {
    const list = await client.list<CoreV1Event>({ verb: 'list', type: EVENTS, namespace, query: { fieldSelector: coreSelector } }, maxPages);
    return { events: sortEvents(list.items.map(fromCoreEvent)), resourceVersion: list.resourceVersion, complete: list.complete };
  } catch (error) {
    if (!(error instanceof ClusterRequestError && error.notFound)) throw error;
  }
  const selector = coreSelector?.replace(/involvedObject\./g, 'regarding.');
  const list = await client.list<EventsV1Event>({ verb: 'list', type: EVENTS_V1, namespace, query: { fieldSelector: selector } }, maxPages);
  return { events: sortEvents(list.items.map(fromEventsV1)), resourceVersion: list.resourceVersion, complete: list.complete };
}

/** kubelet records a node's events (SystemOOM, NodeNotReady, pressure) in namespace default. */
export const NODE_EVENTS_NAMESPACE = 'default';

export function nodeEventsSelector(nodeName?: string): string {
  return nodeName ? `involvedObject.kind=Node,involvedObject.name=${nodeName}` : 'involvedObject.kind=Node';
}
