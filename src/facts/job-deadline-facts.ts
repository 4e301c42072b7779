import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { eventEvidence } from './event-format.js';
import { lastMatching } from './event-queries.js';
import { ownerEvents } from './pod-queries.js';

/*
 * A Job's own deadline (`spec.activeDeadlineSeconds` of the Job, not of the pod) is enforced by
 * the Job controller: it records `DeadlineExceeded` ("Job was active longer than specified
 * deadline") on the Job and deletes its running pods. The pod's own events then show only a stop,
 * so the Job's event is what explains it, when the evidence joins it to the pod.
 */

function jobDeadlineEvent(p: PodContext): PodEvent | undefined {
  return lastMatching(ownerEvents(p), (e) => e.involvedObject.kind === 'Job' && e.reason === 'DeadlineExceeded');
}

export const JOB_DEADLINE_FACTS = [
  podFact({
    name: 'jobDeadlineExceeded',
    type: 'boolean',
    description: 'Whether an event about the pod\'s Job says the Job ran past its own activeDeadlineSeconds (the Job controller then deletes its running pods); false when the Job\'s events are in the evidence and say nothing of it, null when they are not.',
    example: true,
    compute: (p) => (jobDeadlineEvent(p) ? true : ownerEvents(p).some((e) => e.involvedObject.kind === 'Job') ? false : null),
    cite: (p) => {
      const event = jobDeadlineEvent(p);
      return event ? eventEvidence(event) : null;
    },
  }),
  podFact({
    name: 'jobName',
    type: 'string',
    description: 'The Job whose events the evidence joins to the pod; null when none.',
    example: 'nightly-report-28871520',
    compute: (p) => ownerEvents(p).find((e) => e.involvedObject.kind === 'Job')?.involvedObject.name ?? null,
  }),
];
