import type { JobCondition, JobStatusEvidence } from '../model/job-status.js';
import type { Evidence } from '../model/finding.js';
import { standsForJobPods } from '../model/placeholders.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';

/*
 * A Job's own `status.conditions`: the Job controller marks it `Failed` (newer releases first an
 * interim `FailureTarget` with the same reason while it stops the pods) with the reason it gave
 * up, or `Complete`. After a DeadlineExceeded the controller has deleted the running pods, so the
 * Job is often all that is left; its condition is evidence for each of its pods.
 */

/** The pod's Job as the evidence holds it: the Job named by its owner chain, among its workload's Jobs. */
export function podJob(p: PodContext): JobStatusEvidence | undefined {
  const jobs = p.incident.workload?.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0) return undefined;
  const owners = p.incident.owners ?? [];
  const name = owners.find((o) => o.kind === 'Job')?.name ?? p.pod.metadata?.ownerReferences?.find((o) => o.kind === 'Job')?.name;
  return name === undefined ? undefined : jobs.find((j) => j.name === name);
}

const isTrue = (c: JobCondition) => c.status === 'True';

/** The condition that says the Job failed: `Failed`, else the interim `FailureTarget` (the pods are still being stopped). */
export function jobFailure(job: JobStatusEvidence | undefined): JobCondition | undefined {
  const conditions = job?.conditions ?? [];
  return conditions.find((c) => c.type === 'Failed' && isTrue(c)) ?? conditions.find((c) => c.type === 'FailureTarget' && isTrue(c));
}

function jobRef(job: JobStatusEvidence): string {
  return `job/${job.name}`;
}

/** Cites the Job's failure condition: `job/NAME status.conditions[Failed]`, its reason and message. */
export function citeJobFailure(p: PodContext): Evidence | null {
  const job = podJob(p);
  const failure = jobFailure(job);
  if (!job || !failure) return null;
  const since = failure.since ? ` (since ${failure.since})` : '';
  return { source: `${jobRef(job)} status.conditions[${failure.type}]`, text: `${failure.reason ?? '(reason not shown)'}: ${failure.message ?? '(message not shown)'}${since}` };
}

/** True, false or null (the Job's conditions were not shown) for a test of its conditions. */
function fromConditions(p: PodContext, test: (job: JobStatusEvidence) => boolean): boolean | null {
  const job = podJob(p);
  return job?.conditions ? test(job) : null;
}

export const JOB_STATUS_FACTS = [
  podFact({
    name: 'jobFailed',
    type: 'boolean',
    description: "Whether the pod's Job has a `Failed` (or the interim `FailureTarget`) condition that is True: the Job controller gave up on it; false when the Job's conditions are shown and hold none, null when the Job or its conditions are not in the evidence.",
    example: true,
    compute: (p) => fromConditions(p, (job) => jobFailure(job) !== undefined),
    cite: citeJobFailure,
  }),
  podFact({
    name: 'jobFailedReason',
    type: 'string',
    description: "Why the Job controller failed the pod's Job, the reason of its Failed condition: `DeadlineExceeded`, `BackoffLimitExceeded`, `PodFailurePolicy`, `MaxFailedIndexesExceeded`, `FailedIndexes`; null when the Job did not fail or its conditions are not shown.",
    example: 'BackoffLimitExceeded',
    compute: (p) => jobFailure(podJob(p))?.reason ?? null,
    cite: citeJobFailure,
  }),
  podFact({
    name: 'jobFailedMessage',
    type: 'string',
    description: "The message of the Job's Failed condition (`Job has reached the specified backoff limit`, or a pod failure policy's rule and exit code); null when none is shown.",
    example: 'Job has reached the specified backoff limit',
    compute: (p) => jobFailure(podJob(p))?.message ?? null,
    cite: citeJobFailure,
  }),
  podFact({
    name: 'jobCompleted',
    type: 'boolean',
    description: "Whether the pod's Job is `Complete` (or has met its success criteria); false when its conditions are shown without it, null when not shown.",
    example: false,
    compute: (p) => fromConditions(p, (job) => (job.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'SuccessCriteriaMet') && isTrue(c))),
  }),
  podFact({
    name: 'jobFailedPods',
    type: 'number',
    description: "How many of the Job's pods failed (`status.failed`); null when the Job's status is not shown.",
    example: 4,
    compute: (p) => podJob(p)?.failedPods ?? null,
    cite: (p, value) => {
      const job = podJob(p);
      return job && typeof value === 'number' ? { source: `${jobRef(job)} status.failed`, text: String(value) } : null;
    },
  }),
  podFact({
    name: 'jobBackoffLimit',
    type: 'number',
    description: "The Job's `spec.backoffLimit`: how many failed pods it retries before giving up; null when its spec is not shown.",
    example: 3,
    compute: (p) => podJob(p)?.backoffLimit ?? null,
  }),
  podFact({
    name: 'jobPodsShown',
    type: 'boolean',
    description: "Whether the pod itself is in the evidence: false for the stand-in of a Job's pods when only the Job was given (its pods deleted or not pasted), true for a Job's pod that is shown, null for pods of no Job in the evidence.",
    example: false,
    compute: (p) => (standsForJobPods(p.pod.metadata?.name) ? false : podJob(p) ? true : null),
  }),
];
