import type { Diagnoser } from '../engine/diagnose.js';
import type { Incident } from '../model/incident.js';
import type { PodDiagnosis } from '../model/finding.js';
import { rankPods } from '../report/rank-pods.js';
import type { RankedReport } from '../report/ranked-report.js';
import { streamReplay, type ReplayOptions } from '../sources/load-replay.js';
import type { ReplayPool } from './replay-pool.js';

/** Diagnoses incidents and ranks the pods worst first. */
export async function diagnoseAll(diagnoser: Diagnoser, incidents: readonly Incident[]): Promise<PodDiagnosis[]> {
  const out: PodDiagnosis[] = [];
  for (const incident of incidents) out.push(await diagnoser.diagnose(incident));
  return rankPods(out);
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
    const { timelines } = await streamReplay(paths, options, async (incident) => report.add(await diagnoser.diagnose(incident)), pool ?? undefined);
    for (const timeline of timelines) {
      const latest = timeline.snapshots[timeline.snapshots.length - 1];
      if (latest) report.add(await diagnoser.diagnose(latest));
    }
    return report;
  } finally {
    pool?.close();
  }
}
