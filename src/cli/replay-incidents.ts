import type { Incident } from '../model/incident.js';
import type { ReplayInput } from '../sources/load-replay.js';

/** What gets diagnosed from replay input: each incident, and each timeline's latest snapshot (the pod as it is now). */
export function incidentsToDiagnose(input: ReplayInput): Incident[] {
  return [...input.incidents, ...input.timelines.flatMap((t) => t.snapshots.slice(-1))];
}
