import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { JOB_PODS_NOT_SHOWN } from '../model/placeholders.js';
import { InputError } from './input-error.js';
import type { KubeObjects } from './kube-object-set.js';
import { shapeProblem } from './object-shapes.js';

/*
 * A Job is often all that is left of a failed run: with DeadlineExceeded the Job controller
 * deletes the pods it stops, and a ticket holds `kubectl get job -o yaml` or just its status
 * block. Such a Job stands for its pods: a stand-in pod it owns (named so a reader sees it is not
 * a real pod) carries the Job's evidence to the rules, the way refused creates do.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Names a Job pasted without its metadata, as the pod placeholders do. */
export const JOB_PLACEHOLDER = '<job>';

/** Condition types only a Job has (a pod's, a node's or a Deployment's are others). */
const JOB_CONDITION_TYPES = new Set(['Failed', 'Complete', 'FailureTarget', 'Suspended', 'SuccessCriteriaMet']);
/** Conditions that say a Job is over, or being stopped: only then do its missing pods stand for anything. */
const FINISHED_CONDITION_TYPES = new Set(['Failed', 'Complete', 'FailureTarget', 'SuccessCriteriaMet']);
const COUNTS = ['failed', 'succeeded', 'active'];

/** A Job's status by its shape: a condition of a Job-only type, or pod counts beside its startTime. */
function isJobStatus(value: Json): boolean {
  if (Array.isArray(value.conditions) && value.conditions.some((c) => isObject(c) && typeof c.type === 'string' && JOB_CONDITION_TYPES.has(c.type))) return true;
  return 'startTime' in value && COUNTS.some((k) => k in value) && !('phase' in value) && !('containerStatuses' in value);
}

/**
 * A Job rebuilt from pieces of its YAML or JSON pasted without `kind` (`status:` and what is under
 * it, with its metadata and spec when they came too); null when no piece is shaped like a Job's status.
 */
export function jobFromFragments(values: readonly unknown[]): Json | null {
  let metadata: Json = {};
  let spec: Json = {};
  const status: Json = {};
  let found = false;
  for (const value of values) {
    if (!isObject(value) || 'kind' in value) continue;
    const inner = isObject(value.status) ? value.status : value;
    if (!isJobStatus(inner)) continue;
    found = true;
    if (isObject(value.metadata)) metadata = { ...metadata, ...value.metadata };
    if (isObject(value.spec)) spec = { ...spec, ...value.spec };
    for (const key of ['conditions', ...COUNTS, 'startTime', 'completionTime']) if (key in inner) status[key] = inner[key];
  }
  if (!found) return null;
  // A pasted piece has no pod template: the Job reads as a piece (absent is not none, see job-status.ts).
  const { template: _template, ...specFields } = spec;
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { ...metadata, name: typeof metadata.name === 'string' ? metadata.name : JOB_PLACEHOLDER }, spec: specFields, status };
}

/** Adds the Job that pasted pieces hold; false when they hold none. A wrong type in it is one line. */
export function collectJobParts(label: string, values: readonly unknown[], into: KubeObjects): boolean {
  const job = jobFromFragments(values);
  if (!job) return false;
  const problem = shapeProblem('Job', job);
  if (problem) throw new InputError(`${label}: ${problem}: a Job's status holds conditions (type, status, reason, message) and pod counts (failed, succeeded, active as numbers); fix that piece of the pasted YAML or JSON`);
  into.owners.jobs.push(job as V1Job);
  into.firstOwner ??= { label, object: job };
  return true;
}

/** Whether the Job's status shows it over, or being stopped (Failed, FailureTarget, Complete, SuccessCriteriaMet). */
export function jobFinished(job: V1Job): boolean {
  return (job.status?.conditions ?? []).some((c) => FINISHED_CONDITION_TYPES.has(c.type) && c.status === 'True');
}

function ownsPod(job: V1Job, pod: V1Pod): boolean {
  const { name, namespace } = job.metadata ?? {};
  if (namespace && pod.metadata?.namespace && namespace !== pod.metadata.namespace) return false;
  const owned = (pod.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Job' && o.name === name);
  const labels = pod.metadata?.labels ?? {};
  return owned || labels['job-name'] === name || labels['batch.kubernetes.io/job-name'] === name;
}

/** The pod standing for a finished Job's pods, owned by the Job, and what the evidence lacks. */
export function jobPodsStandIn(job: V1Job): { pod: V1Pod; missing: string[] } {
  const name = job.metadata?.name ?? JOB_PLACEHOLDER;
  const namespace = job.metadata?.namespace;
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}${JOB_PODS_NOT_SHOWN}`,
      ...(namespace ? { namespace } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata?.uid ?? '', controller: true }],
    },
    spec: { containers: [] },
  };
  const ns = namespace ? ` -n ${namespace}` : '';
  const missing = [
    `the pods of Job ${name} are not in the evidence, only the Job (the Job controller deletes the running pods of a Job it fails; a TTL or a cleanup may delete the rest): kubectl get pods${ns} -l job-name=${name} -o yaml, and their logs from your log store once they are gone`,
    ...(name === JOB_PLACEHOLDER ? [`the Job's name is not in the paste (shown as ${JOB_PLACEHOLDER})`] : []),
  ];
  return { pod, missing };
}

/** Adds a stand-in pod for each finished Job that no pod in the evidence belongs to. */
export function addStandInsForJobs(into: KubeObjects): void {
  for (const job of into.owners.jobs) {
    if (!jobFinished(job) || into.pods.some((pod) => ownsPod(job, pod))) continue;
    const { pod, missing } = jobPodsStandIn(job);
    into.pods.push(pod);
    into.pasteNotes.set(pod, { missing, standIn: true });
  }
}
