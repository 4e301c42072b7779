import type { WorkloadEvidence, WorkloadPod, WorkloadRevision } from '../model/workload.js';
import { healthMoment, workloadPodHealth } from './workload-pods.js';

/** How a revision's pods were doing at capture: known healthy, known failing, mixed, or not known. */
export type RevisionHealth = 'healthy' | 'failing' | 'mixed' | null;

/** A revision with what its pods showed. */
export interface RevisionState {
  readonly revision: WorkloadRevision;
  readonly healthyPods: number;
  readonly failingPods: number;
  readonly health: RevisionHealth;
}

/** The revision a failing pod runs, set against the newest earlier one to compare it with. */
export interface RolloutComparison {
  readonly current: RevisionState;
  /** The newest earlier revision whose pods were healthy; else the one just before (health unknown or failing). */
  readonly previous: RevisionState | null;
  /** The revision after `previous`, when the evidence shows the failures began with it. */
  readonly firstFailing: RevisionState | null;
  /** Healthy pods of earlier revisions still running beside the failing ones. */
  readonly olderHealthyPods: number;
}

/** Whether `revision` is the one a pod with this revision label runs. */
export function revisionMatches(revision: WorkloadRevision, workloadName: string, hash: string): boolean {
  // Deployments and DaemonSets label pods with the short hash, StatefulSets with the ControllerRevision's name.
  return revision.hash === hash || revision.name === hash || revision.name === `${workloadName}-${hash}`;
}

function stateOf(revision: WorkloadRevision, workload: WorkloadEvidence, now: number): RevisionState {
  const pods = workload.pods.filter((p: WorkloadPod) => !p.terminating && p.revisionHash !== null && revisionMatches(revision, workload.name, p.revisionHash));
  let healthyPods = 0;
  let failingPods = 0;
  for (const pod of pods) {
    const health = workloadPodHealth(pod, now);
    if (health === 'healthy') healthyPods++;
    else if (health === 'failing') failingPods++;
  }
  let health: RevisionHealth = null;
  if (healthyPods && failingPods) health = 'mixed';
  else if (healthyPods) health = 'healthy';
  else if (failingPods) health = 'failing';
  else if (revision.replicas !== null && revision.replicas > 0 && revision.readyReplicas === revision.replicas) {
    // Its pods were not among those gathered, but the ReplicaSet counts them all ready.
    health = 'healthy';
  }
  return { revision, healthyPods, failingPods, health };
}

const cache = new WeakMap<WorkloadEvidence, Map<string, RolloutComparison | null>>();

/**
 * Where the pod's revision stands in its workload's history: the newest earlier revision whose
 * pods were healthy (else the one just before, whose health the evidence may not show), the
 * revision the failures began with when that is shown, and the older pods still healthy. Null
 * when the pod's revision or any earlier one is not in the evidence. Pure; computed once per
 * workload, revision and moment its pods' health tells apart (healthMoment).
 */
export function compareWithHistory(workload: WorkloadEvidence, hash: string, now: number): RolloutComparison | null {
  let byKey = cache.get(workload);
  if (!byKey) cache.set(workload, (byKey = new Map()));
  const key = `${hash}@${healthMoment(workload, now)}`;
  if (byKey.has(key)) return byKey.get(key) ?? null;
  const result = compute(workload, hash, now);
  byKey.set(key, result);
  return result;
}

function compute(workload: WorkloadEvidence, hash: string, now: number): RolloutComparison | null {
  const ordered = [...workload.revisions].filter((r) => r.revision !== null).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const index = ordered.findIndex((r) => revisionMatches(r, workload.name, hash));
  if (index <= 0) return null;
  const current = stateOf(ordered[index] as WorkloadRevision, workload, now);
  const earlier = ordered.slice(0, index).map((r) => stateOf(r, workload, now)).reverse();
  const healthy = earlier.find((s) => s.health === 'healthy');
  const previous = healthy ?? earlier[0] ?? null;
  let firstFailing: RevisionState | null = null;
  if (healthy) {
    const after = ordered.indexOf(healthy.revision) + 1;
    const next = after === index ? current : stateOf(ordered[after] as WorkloadRevision, workload, now);
    // "Began with" is said only when the next revision is the failing pod's own or is seen failing too.
    if (next === current || next.health === 'failing' || next.health === 'mixed') firstFailing = next;
  }
  return { current, previous, firstFailing, olderHealthyPods: earlier.reduce((sum, s) => sum + s.healthyPods, 0) };
}
