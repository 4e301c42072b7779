import { podRestarts, podStatusText } from '../../facts/pod-status.js';
import type { PodEvent } from '../../model/event.js';
import type { Finding, PodDiagnosis } from '../../model/finding.js';
import type { Incident } from '../../model/incident.js';

/** One recorded moment of a pod with its diagnosis. */
export interface DiagnosedSnapshot {
  readonly incident: Incident;
  readonly diagnosis: PodDiagnosis;
}

/** What changed between one snapshot and the next, for marking in every tab. */
export interface SnapshotChanges {
  readonly status: { readonly from: string; readonly to: string } | null;
  readonly restarts: { readonly from: number; readonly to: number } | null;
  /** Events of the later snapshot that are new or occurred again (count or last time grew). */
  readonly newEvents: ReadonlySet<PodEvent>;
  /** Ids of findings the later snapshot has and the earlier did not. */
  readonly newFindings: ReadonlySet<string>;
  /** Findings of the earlier snapshot that are gone. */
  readonly resolvedFindings: readonly Finding[];
  /** Containers whose state, last state or restart count changed. */
  readonly changedContainers: ReadonlySet<string>;
}

/** Aggregated events keep their identity across snapshots; their count and last time move. */
function eventIdentity(event: PodEvent): string {
  return [event.type, event.reason, event.involvedObject.fieldPath ?? '', event.message, event.firstTimestamp ?? ''].join('\u0000');
}

function containerSignature(incident: Incident): Map<string, string> {
  const statuses = [...(incident.pod.status?.initContainerStatuses ?? []), ...(incident.pod.status?.containerStatuses ?? [])];
  return new Map(statuses.map((s) => [s.name, JSON.stringify([s.state, s.lastState, s.restartCount, s.ready])]));
}

export function snapshotChanges(previous: DiagnosedSnapshot, current: DiagnosedSnapshot): SnapshotChanges {
  const fromStatus = podStatusText(previous.incident.pod);
  const toStatus = podStatusText(current.incident.pod);
  const fromRestarts = podRestarts(previous.incident.pod);
  const toRestarts = podRestarts(current.incident.pod);

  const before = new Map(previous.incident.events.map((e) => [eventIdentity(e), e]));
  const newEvents = new Set(
    current.incident.events.filter((event) => {
      const earlier = before.get(eventIdentity(event));
      return !earlier || event.count > earlier.count || (event.lastTimestamp ?? '') > (earlier.lastTimestamp ?? '');
    }),
  );

  const previousIds = new Set(previous.diagnosis.findings.map((f) => f.id));
  const currentIds = new Set(current.diagnosis.findings.map((f) => f.id));
  const beforeContainers = containerSignature(previous.incident);
  const changedContainers = new Set(
    [...containerSignature(current.incident)].filter(([name, signature]) => beforeContainers.get(name) !== signature).map(([name]) => name),
  );

  return {
    status: fromStatus === toStatus ? null : { from: fromStatus, to: toStatus },
    restarts: fromRestarts === toRestarts ? null : { from: fromRestarts, to: toRestarts },
    newEvents,
    newFindings: new Set([...currentIds].filter((id) => !previousIds.has(id))),
    resolvedFindings: previous.diagnosis.findings.filter((f) => !currentIds.has(f.id)),
    changedContainers,
  };
}

/** The changes in one line: `status Running → OOMKilled · restarts 0 → 1 · 2 new events · new oom-killed/app`. */
export function summariseChanges(changes: SnapshotChanges): string[] {
  const parts: string[] = [];
  if (changes.status) parts.push(`status ${changes.status.from} → ${changes.status.to}`);
  if (changes.restarts) parts.push(`restarts ${changes.restarts.from} → ${changes.restarts.to}`);
  if (changes.newEvents.size) parts.push(`${changes.newEvents.size} new event${changes.newEvents.size === 1 ? '' : 's'}`);
  for (const id of changes.newFindings) parts.push(`new ${id}`);
  for (const finding of changes.resolvedFindings) parts.push(`resolved ${finding.id}`);
  return parts;
}
