import type { Diagnoser } from '../engine/diagnose.js';
import type { Incident } from '../model/incident.js';
import type { PodDiagnosis } from '../model/finding.js';
import { rankPods } from '../report/rank-pods.js';

/** Diagnoses incidents and ranks the pods worst first. */
export async function diagnoseAll(diagnoser: Diagnoser, incidents: readonly Incident[]): Promise<PodDiagnosis[]> {
  const out: PodDiagnosis[] = [];
  for (const incident of incidents) out.push(await diagnoser.diagnose(incident));
  return rankPods(out);
}
