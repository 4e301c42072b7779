import type { Diagnoser } from '../engine/diagnose.js';
import type { Incident } from '../model/incident.js';
import type { PodDiagnosis } from '../model/finding.js';
import { rankPods } from '../report/rank-pods.js';
import type { WorkloadSummary } from '../model/workload.js';
import { rollUpWorkloads, type DiagnosedIncident } from '../engine/workload-rollup.js';

/** Diagnoses incidents and ranks the pods worst first. */
export async function diagnoseAll(diagnoser: Diagnoser, incidents: readonly Incident[]): Promise<PodDiagnosis[]> {
  const out: PodDiagnosis[] = [];
  for (const incident of incidents) out.push(await diagnoser.diagnose(incident));
  return rankPods(out);
}

/** Diagnoses incidents, ranks the pods worst first and rolls them up by workload. */
export async function diagnoseWithWorkloads(diagnoser: Diagnoser, incidents: readonly Incident[]): Promise<{ pods: PodDiagnosis[]; workloads: WorkloadSummary[] }> {
  const items: DiagnosedIncident[] = [];
  for (const incident of incidents) items.push({ incident, diagnosis: await diagnoser.diagnose(incident) });
  const pods = rankPods(items.map((i) => i.diagnosis));
  const order = new Map(pods.map((p, i) => [p, i]));
  items.sort((a, b) => (order.get(a.diagnosis) ?? 0) - (order.get(b.diagnosis) ?? 0));
  return { pods, workloads: rollUpWorkloads(items) };
}
