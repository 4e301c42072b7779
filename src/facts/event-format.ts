import type { Evidence } from '../model/finding.js';
import type { PodEvent } from '../model/event.js';

/** An event as one evidence line, in the shape `kubectl describe` prints it. */
export function eventEvidence(event: PodEvent): Evidence {
  const count = event.count > 1 ? ` (x${event.count})` : '';
  const object = event.involvedObject.kind === 'Node' ? `node/${event.involvedObject.name} ` : '';
  return {
    source: `event ${object}${event.source || 'unknown'}`.trim(),
    text: `${event.type} ${event.reason}${count}: ${event.message}`,
  };
}
