import type { PodFacts } from '../../facts/compute.js';
import type { DetailTab } from '../keys/key-bindings.js';
import { containersLines } from './containers-lines.js';
import { describeLines, yamlLines } from './describe-lines.js';
import type { DetailContent } from './detail-content.js';
import { eventsLines } from './events-lines.js';
import { findingsLines } from './findings-lines.js';
import type { Line } from './line.js';
import { logsLines, type LogRequest } from './logs-lines.js';
import type { DiagnosedSnapshot, SnapshotChanges } from './snapshot-changes.js';
import { whyLines } from './why-lines.js';

/** How the user set up the tabs that have choices. */
export interface DetailOptions {
  readonly logs: LogRequest;
  /** Logs, describe and YAML wrapped instead of scrolled sideways. */
  readonly wrap: boolean;
}

const prose = (lines: Line[]): DetailContent => ({ lines, wide: new Map(), commands: [] });

/** The content of one detail tab for one snapshot, fitted to the width. */
export function detailLines(tab: DetailTab, snapshot: DiagnosedSnapshot, facts: PodFacts, changes: SnapshotChanges | null, options: DetailOptions, width: number): DetailContent {
  switch (tab) {
    case 'Findings':
      return findingsLines(snapshot.diagnosis, changes, width);
    case 'Containers':
      return prose(containersLines(facts, changes, width));
    case 'Events':
      return prose(eventsLines(facts.context, changes, width));
    case 'Logs':
      return logsLines(snapshot.incident, snapshot.diagnosis, options.logs, options.wrap, width);
    case 'Why':
      return prose(whyLines(snapshot.diagnosis, width));
    case 'Describe':
      return describeLines(snapshot.incident, options.wrap, width);
    case 'YAML':
      return yamlLines(snapshot.incident, options.wrap, width);
  }
}
