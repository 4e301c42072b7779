import type { Evidence } from '../model/finding.js';
import type { PodEvent } from '../model/event.js';

/** An event as one evidence line, in the shape `kubectl describe` prints it; one about another object than the pod (its node, its Job or ReplicaSet) names it. */
export function eventEvidence(event: PodEvent): Evidence {
  const { kind, name } = event.involvedObject;
  const object = kind && kind !== 'Pod' ? `${kind.toLowerCase()}/${name} ` : '';
  return {
    source: `event ${object}${event.source || 'unknown'}`.trim(),
    text: `${event.type} ${eventHeading(event)}: ${event.message}`,
  };
}

/** `BackOff (x41)`: the reason and count; a message pasted without the reason its writer could have used says so. */
export function eventHeading(event: PodEvent): string {
  const count = event.count > 1 ? ` (x${event.count})` : '';
  return `${event.reason || '(reason not shown)'}${count}`;
}
