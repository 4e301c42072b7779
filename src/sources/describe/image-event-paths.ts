import type { V1Pod } from '@kubernetes/client-node';
import type { PodEvent } from '../../model/event.js';
import { imageNamedIn } from './event-clues.js';

/** `nginx`, `docker.io/library/nginx` and `docker.io/nginx` are the same image. */
function sameImage(a: string, b: string): boolean {
  const plain = (image: string) => image.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/:latest$/, '');
  return plain(a) === plain(b);
}

/**
 * Describe tables drop the subobject an event was about. Pull events name an image instead of a
 * container; when exactly one container runs that image the event is about it, as the API's
 * `fieldPath` would have said.
 */
export function withImageFieldPaths(events: readonly PodEvent[], pod: V1Pod): PodEvent[] {
  const containers = [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ path: `spec.initContainers{${c.name}}`, image: c.image })),
    ...(pod.spec?.containers ?? []).map((c) => ({ path: `spec.containers{${c.name}}`, image: c.image })),
  ];
  if (containers.length < 2) return [...events];
  return events.map((event) => {
    if (event.involvedObject.fieldPath) return event;
    const image = imageNamedIn(event.message);
    const matching = image ? containers.filter((c) => c.image && sameImage(c.image, image)) : [];
    return matching.length === 1 && matching[0] ? { ...event, involvedObject: { ...event.involvedObject, fieldPath: matching[0].path } } : event;
  });
}
