import type { Diagnoser } from '../engine/diagnose.js';
import type { PodDiagnosis } from '../model/finding.js';
import type { Incident } from '../model/incident.js';
import { rankPods } from '../report/rank-pods.js';
import { isUnhealthy } from '../sources/cluster/pod-health.js';

/** Diagnosed pods split into unhealthy (worst first) and healthy. */
export interface SortedDiagnoses {
  readonly unhealthy: PodDiagnosis[];
  readonly healthy: PodDiagnosis[];
}

/** Diagnoses live incidents and splits them by health, judged with the pod beside its findings. */
export async function diagnoseByHealth(diagnoser: Diagnoser, incidents: readonly Incident[]): Promise<SortedDiagnoses> {
  const unhealthy: PodDiagnosis[] = [];
  const healthy: PodDiagnosis[] = [];
  for (const incident of incidents) {
    const diagnosis = await diagnoser.diagnose(incident);
    (isUnhealthy(incident.pod, diagnosis) ? unhealthy : healthy).push(diagnosis);
  }
  return { unhealthy: rankPods(unhealthy), healthy: rankPods(healthy) };
}
