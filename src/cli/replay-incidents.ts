import type { Incident } from '../model/incident.js';
import type { IncidentSet } from '../model/incident-feed.js';

/** What gets diagnosed from replay input: each incident, and each timeline's latest snapshot (the pod as it is now). */
export function incidentsToDiagnose(input: IncidentSet): Incident[] {
  return [...input.incidents, ...input.timelines.flatMap((t) => t.snapshots.slice(-1))];
}
