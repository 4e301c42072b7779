import type { Diagnoser } from '../engine/diagnose.js';
import type { Incident } from '../model/incident.js';
import type { PodDiagnosis } from '../model/finding.js';
import { rankPods } from '../report/rank-pods.js';
import type { RankedReport } from '../report/ranked-report.js';
import { streamReplay, type ReplayOptions } from '../sources/load-replay.js';

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
 */
export async function diagnoseReplay(diagnoser: Diagnoser, paths: readonly string[], options: ReplayOptions, report: RankedReport): Promise<RankedReport> {
  const { timelines } = await streamReplay(paths, options, async (incident) => report.add(await diagnoser.diagnose(incident)));
  for (const timeline of timelines) {
    const latest = timeline.snapshots[timeline.snapshots.length - 1];
    if (latest) report.add(await diagnoser.diagnose(latest));
  }
  return report;
}
