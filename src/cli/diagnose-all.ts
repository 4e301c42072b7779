import type { Diagnoser } from '../engine/diagnose.js';
import type { Incident } from '../model/incident.js';
import type { PodDiagnosis } from '../model/finding.js';
import { rankPods } from '../report/rank-pods.js';
import type { WorkloadSummary } from '../model/workload.js';
import { rollupPod, rollUpWorkloads, type DiagnosedIncident } from '../engine/workload-rollup.js';
import type { RankedReport } from '../report/ranked-report.js';
import { streamReplay, type ReplayOptions } from '../sources/load-replay.js';
import type { ReplayPool } from './replay-pool.js';

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

/**
 * Diagnoses replay input while it is read (each pod as soon as it is joined with its events,
 * then each timeline's latest snapshot) into `report`: each pod's part of the report is written
 * as soon as it is diagnosed, so neither all the pods nor all their diagnoses are ever held.
 * With a `pool`, the pods of a fleet's Lists are diagnosed in its worker threads.
 */
export async function diagnoseReplay(
  diagnoser: Diagnoser,
  paths: readonly string[],
  options: ReplayOptions,
  report: RankedReport,
  pool: ReplayPool | null = null,
): Promise<RankedReport> {
  try {
    await pool?.prestartFor(paths);
    const { timelines } = await streamReplay(paths, options, async (incident) => {
      const diagnosis = await diagnoser.diagnose(incident);
      report.add(diagnosis, rollupPod(incident, diagnosis));
    }, pool ?? undefined);
    for (const timeline of timelines) {
      const latest = timeline.snapshots[timeline.snapshots.length - 1];
      if (!latest) continue;
      const diagnosis = await diagnoser.diagnose(latest);
      report.add(diagnosis, rollupPod(latest, diagnosis));
    }
    return report;
  } finally {
    pool?.close();
  }
}
