import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { eventEvidence } from './event-format.js';
import { sumCounts } from './event-queries.js';
import { isStopKill } from './kubelet-events.js';

/*
 * kubelet records a Killing event each time it tries to stop a container of a pod being deleted.
 * One is the stop; the same event repeated over a long span is kubelet trying again and again
 * because the runtime cannot stop or remove the container (a process stuck in I/O, a runtime
 * that lost track of it, a full disk under the runtime's data): the pod is stuck terminating,
 * which events alone show even when the pod's deletionTimestamp is not in the evidence.
 */

function stopKills(p: PodContext): PodEvent[] {
  return p.events.filter(isStopKill);
}

/**
 * Seconds from the first stop attempt to the latest; null for fewer than two attempts or no times.
 * A loop, not Math.min(...): a pod's events from a file are unbounded, and spread arguments overflow the stack.
 */
function stopRetrySeconds(p: PodContext): number | null {
  const kills = stopKills(p);
  if (sumCounts(kills) < 2) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const kill of kills) {
    const from = Date.parse(kill.firstTimestamp ?? kill.lastTimestamp ?? '');
    const to = Date.parse(kill.lastTimestamp ?? kill.firstTimestamp ?? '');
    // An attempt without a time (NaN) leaves the span unknown: Math.min and Math.max pass NaN on.
    first = Math.min(first, from);
    last = Math.max(last, to);
  }
  return Number.isFinite(first) && Number.isFinite(last) ? Math.round((last - first) / 1000) : null;
}

export const STOP_RETRY_FACTS = [
  podFact({
    name: 'stopAttempts',
    type: 'number',
    description: 'How many times the events show kubelet trying to stop a container of the pod (Killing "Stopping container", 1.9-1.13 "Need to kill Pod"; counts summed).',
    example: 735,
    compute: (p) => sumCounts(stopKills(p)),
    cite: (p) => {
      const last = stopKills(p).at(-1);
      return last ? eventEvidence(last) : null;
    },
  }),
  podFact({
    name: 'stopRetrySeconds',
    type: 'number',
    description: 'Seconds between the first and the latest attempt to stop a container of the pod; null with fewer than two attempts or no times. Minutes of attempts mean kubelet cannot get the container stopped or removed.',
    example: 54000,
    compute: stopRetrySeconds,
  }),
];
