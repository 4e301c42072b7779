import type { PodFacts } from '../../facts/compute.js';
import type { DetailTab } from '../keys/key-bindings.js';
import { containersLines } from './containers-lines.js';
import { eventsLines } from './events-lines.js';
import { findingsLines } from './findings-lines.js';
import type { Line } from './line.js';
import { logsLines } from './logs-lines.js';
import type { DiagnosedSnapshot, SnapshotChanges } from './snapshot-changes.js';
import { whyLines } from './why-lines.js';

/** The content of one detail tab for one snapshot, fitted to the width. */
export function detailLines(tab: DetailTab, snapshot: DiagnosedSnapshot, facts: PodFacts, changes: SnapshotChanges | null, width: number): Line[] {
  switch (tab) {
    case 'Findings':
      return findingsLines(snapshot.diagnosis, changes, width);
    case 'Containers':
      return containersLines(facts, changes, width);
    case 'Events':
      return eventsLines(facts.context, changes, width);
    case 'Logs':
      return logsLines(snapshot.incident, snapshot.diagnosis, width);
    case 'Why':
      return whyLines(snapshot.diagnosis, width);
  }
}
