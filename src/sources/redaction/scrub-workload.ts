import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import type { WorkloadEvidence, WorkloadRevision } from '../../model/workload.js';
import { scrubPod } from './scrub-pod.js';
import { scrubStrings } from './scrub-strings.js';

/** Scrubbed workloads by identity, both ways, so a shared workload stays shared and a second pass is free. */
const scrubbed = new WeakMap<WorkloadEvidence, WorkloadEvidence>();

/** A revision's template holds what a pod spec holds (env, commands, probes): it goes through the pod's scrub. */
function scrubTemplate(template: V1PodTemplateSpec | null): V1PodTemplateSpec | null {
  if (!template || typeof template !== 'object') return template;
  const { metadata, spec } = scrubPod({ metadata: template.metadata, spec: template.spec } as never);
  return { ...(metadata ? { metadata } : {}), ...(spec ? { spec } : {}) };
}

function scrubRevision(revision: WorkloadRevision): WorkloadRevision {
  const { template, ...rest } = revision;
  return { ...scrubStrings(rest), template: scrubTemplate(template) };
}

/**
 * A workload as podmortem keeps it: each revision's template scrubbed like the pod (env values
 * dropped, command lines and probe commands redacted, annotations by allow-list), every other
 * string through the secret shapes. Every pod of a workload holds the same object, so it is
 * scrubbed once and the result is shared the same way.
 */
export function scrubWorkload(workload: WorkloadEvidence): WorkloadEvidence {
  const known = scrubbed.get(workload);
  if (known) return known;
  const { revisions, ...rest } = workload;
  const out: WorkloadEvidence = { ...scrubStrings(rest), revisions: Array.isArray(revisions) ? revisions.map(scrubRevision) : [] };
  scrubbed.set(workload, out);
  scrubbed.set(out, out);
  return out;
}
