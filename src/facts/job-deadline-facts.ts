import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { eventEvidence } from './event-format.js';
import { lastMatching } from './event-queries.js';
import { ownerEvents } from './pod-queries.js';
import { citeJobFailure, jobFailure, podJob } from './job-status-facts.js';

/*
 * A Job's own deadline (`spec.activeDeadlineSeconds` of the Job, not of the pod) is enforced by
 * the Job controller: it records `DeadlineExceeded` ("Job was active longer than specified
 * deadline") on the Job and deletes its running pods. The pod's own events then show only a stop,
 * so the Job's event is what explains it, when the evidence joins it to the pod, or the Job's own
 * Failed condition with that reason, when the Job itself is in the evidence.
 */

function jobDeadlineEvent(p: PodContext): PodEvent | undefined {
  return lastMatching(ownerEvents(p), (e) => e.involvedObject.kind === 'Job' && e.reason === 'DeadlineExceeded');
}

const deadlineCondition = (p: PodContext) => jobFailure(podJob(p))?.reason === 'DeadlineExceeded';

/** True from the Job's condition or its event; false when either is in the evidence and says otherwise; else unknown. */
function jobDeadlineExceeded(p: PodContext): boolean | null {
  if (deadlineCondition(p) || jobDeadlineEvent(p)) return true;
  return podJob(p)?.conditions || ownerEvents(p).some((e) => e.involvedObject.kind === 'Job') ? false : null;
}

export const JOB_DEADLINE_FACTS = [
  podFact({
    name: 'jobDeadlineExceeded',
    type: 'boolean',
    description: 'Whether the pod\'s Job ran past its own activeDeadlineSeconds (the Job controller then deletes its running pods), from the Job\'s Failed condition with reason DeadlineExceeded or its DeadlineExceeded event; false when the Job\'s conditions or events are in the evidence and say nothing of it, null when neither is.',
    example: true,
    compute: jobDeadlineExceeded,
    cite: (p) => {
      if (deadlineCondition(p)) return citeJobFailure(p);
      const event = jobDeadlineEvent(p);
      return event ? eventEvidence(event) : null;
    },
  }),
  podFact({
    name: 'jobName',
    type: 'string',
    description: 'The pod\'s Job, when the Job itself or its events are in the evidence; null when neither is.',
    example: 'nightly-report-28871520',
    compute: (p) => podJob(p)?.name ?? ownerEvents(p).find((e) => e.involvedObject.kind === 'Job')?.involvedObject.name ?? null,
  }),
];
