import type { Diagnoser } from '../engine/diagnose.js';
import type { PodDiagnosis } from '../model/finding.js';
import type { Incident } from '../model/incident.js';
import { rankPods } from '../report/rank-pods.js';
import { isUnhealthy } from '../sources/cluster/pod-health.js';
import { rollUpWorkloads, type DiagnosedIncident } from '../engine/workload-rollup.js';
import type { WorkloadSummary } from '../model/workload.js';

/** Diagnosed pods split into unhealthy (worst first) and healthy. */
export interface SortedDiagnoses {
  readonly unhealthy: PodDiagnosis[];
  readonly healthy: PodDiagnosis[];
  /** The pods rolled up by the workload that owns them, worst first. */
  readonly workloads?: WorkloadSummary[];
}

/** Diagnoses live incidents and splits them by health, judged with the pod beside its findings. */
export async function diagnoseByHealth(diagnoser: Diagnoser, incidents: readonly Incident[]): Promise<SortedDiagnoses> {
  const unhealthy: PodDiagnosis[] = [];
  const healthy: PodDiagnosis[] = [];
  const items: DiagnosedIncident[] = [];
  for (const incident of incidents) {
    const diagnosis = await diagnoser.diagnose(incident);
    (isUnhealthy(incident.pod, diagnosis) ? unhealthy : healthy).push(diagnosis);
    items.push({ incident, diagnosis });
  }
  const sorted = { unhealthy: rankPods(unhealthy), healthy: rankPods(healthy) };
  const order = new Map([...sorted.unhealthy, ...sorted.healthy].map((p, i) => [p, i]));
  items.sort((a, b) => (order.get(a.diagnosis) ?? 0) - (order.get(b.diagnosis) ?? 0));
  return { ...sorted, workloads: rollUpWorkloads(items) };
}

/** A scan's ranking: pods worst first by a diagnosis of what the lists show, so logs and nodes go to the worst. */
export function rankByDiagnosis(diagnoser: Diagnoser): (incidents: readonly Incident[]) => Promise<Incident[]> {
  return async (incidents) => {
    const byDiagnosis = new Map<PodDiagnosis, Incident>();
    for (const incident of incidents) byDiagnosis.set(await diagnoser.diagnose(incident), incident);
    return rankPods([...byDiagnosis.keys()]).map((d) => byDiagnosis.get(d) as Incident);
  };
}
