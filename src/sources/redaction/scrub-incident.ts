import type { Incident } from '../../model/incident.js';
import { scrubNode, scrubPod } from './scrub-pod.js';
import { scrubStrings } from './scrub-strings.js';
import { scrubWorkload } from './scrub-workload.js';

/**
 * The one boundary every Incident passes before anything reads it: live gathering
 * (`liveIncident`), replay of files, pastes and bundles (`loadReplay`) and bundle writing
 * (`saveBundle`). Diagnosis, every report, the UI, bundles and --debug output only ever see
 * what this returns: the pod and node as scrubPod/scrubNode keep them, and every other string
 * (event messages, log text, missing-evidence lines, Service selectors) through the secret
 * shapes; the workload's revision templates as pods. Idempotent, so an incident scrubbed twice is
 * the same.
 */
export function scrubIncident(incident: Incident): Incident {
  const { pod, node, workload, ...rest } = incident;
  return {
    ...scrubStrings(rest),
    pod: scrubPod(pod),
    ...(node ? { node: scrubNode(node) } : {}),
    ...(workload && typeof workload === 'object' ? { workload: scrubWorkload(workload) } : {}),
  };
}

/** A timeline (or anything holding snapshots) with every snapshot scrubbed. */
export function scrubTimeline<T extends { readonly snapshots: readonly Incident[] }>(timeline: T): T {
  return { ...timeline, snapshots: timeline.snapshots.map(scrubIncident) };
}
