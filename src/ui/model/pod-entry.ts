import { formatAge } from '../../facts/duration.js';
import { podReadyText, podRestarts, podStatusText } from '../../facts/pod-status.js';
import type { PodDiagnosis } from '../../model/finding.js';
import type { Incident } from '../../model/incident.js';
import type { Severity } from '../../model/severity.js';
import { visibleControlsInLine } from '../../report/visible-controls.js';
import { healthRank, podHealth, type Health } from './pod-health.js';
import { captureMillis, toMillis } from './timestamps.js';

/** One line of the pod list, every cell already text. */
export interface PodRow {
  readonly namespace: string;
  readonly name: string;
  readonly ready: string;
  readonly status: string;
  /** `7 (3m ago)` as kubectl prints it; `0` when it never restarted. */
  readonly restarts: string;
  readonly age: string;
  /** Title of the root-cause finding; empty when no rule found a problem. */
  readonly rootCause: string;
  readonly severity: Severity | null;
  readonly health: Health;
  /** How many recorded snapshots the pod has (1 unless it is a timeline). */
  readonly snapshots: number;
  /** Cells read from the pod's events because the evidence lacks its status: a best guess, restarts a lower bound. */
  readonly derived: ReadonlyArray<'status' | 'restarts'>;
}

/** A pod as the UI holds it: its snapshots (oldest first), the latest one's diagnosis and its row. */
export interface PodEntry {
  /** `namespace/name`: stable across refreshes, so the selection survives them. */
  readonly key: string;
  readonly snapshots: readonly Incident[];
  readonly diagnosis: PodDiagnosis;
  readonly row: PodRow;
  /** Lower-cased text the `/` filter searches. */
  readonly searchText: string;
}

function lastRestartMillis(incident: Incident): number {
  const statuses = [...(incident.pod.status?.containerStatuses ?? []), ...(incident.pod.status?.initContainerStatuses ?? [])];
  return Math.max(-Infinity, ...statuses.map((s) => toMillis(s.lastState?.terminated?.finishedAt)).filter(Number.isFinite));
}

function ago(now: number, then: number): string | null {
  return Number.isFinite(then) ? formatAge((now - then) / 1000) : null;
}

export function podRow(incident: Incident, diagnosis: PodDiagnosis, snapshots: number): PodRow {
  const pod = incident.pod;
  const now = captureMillis(incident.source.capturedAt);
  const header = diagnosis.header;
  const restarts = podRestarts(pod);
  const lastRestart = restarts > 0 ? ago(now, lastRestartMillis(incident)) : null;
  const ready = podReadyText(pod);
  // A pod rebuilt from pasted events has no status to print: say what its events imply, or that it was not shown.
  const status = !header ? podStatusText(pod) : header.status === 'not-shown' ? 'not shown' : diagnosis.status;
  const shownRestarts = lastRestart ? `${restarts} (${lastRestart} ago)` : String(restarts);
  const derived = [...(header?.status === 'derived' ? (['status'] as const) : []), ...(header?.restartsFrom === 'derived' ? (['restarts'] as const) : [])];
  // Every cell is one line: a name holding a line break must not draw a row of its own.
  return {
    namespace: visibleControlsInLine(diagnosis.namespace),
    name: visibleControlsInLine(diagnosis.name),
    ready,
    status: visibleControlsInLine(status),
    restarts: !header || header.restartsFrom === 'shown' ? shownRestarts : header.restartsFrom === 'derived' ? `≥${header.restarts}` : '?',
    age: ago(now, toMillis(pod.metadata?.creationTimestamp)) ?? '<unknown>',
    rootCause: visibleControlsInLine(diagnosis.findings[0]?.title ?? ''),
    severity: diagnosis.severity,
    health: podHealth(diagnosis.severity, status, ready),
    snapshots,
    derived,
  };
}

/** Builds the entry of a pod from its snapshots (oldest first) and the latest one's diagnosis. */
export function podEntry(snapshots: readonly Incident[], diagnosis: PodDiagnosis): PodEntry {
  const latest = snapshots[snapshots.length - 1]!;
  const row = podRow(latest, diagnosis, snapshots.length);
  const findingWords = diagnosis.findings.flatMap((f) => [f.title, f.cause, f.rule]);
  return {
    key: `${row.namespace}/${row.name}`,
    snapshots,
    diagnosis,
    row,
    searchText: [row.namespace, row.name, row.status, ...findingWords].join(' ').toLowerCase(),
  };
}

/** Unhealthy first (worst severity, then worst health), then by namespace and name. */
export function compareEntries(a: PodEntry, b: PodEntry): number {
  return (
    healthRank(b.row.health) - healthRank(a.row.health) ||
    b.diagnosis.findings.length - a.diagnosis.findings.length ||
    a.row.namespace.localeCompare(b.row.namespace) ||
    a.row.name.localeCompare(b.row.name)
  );
}

/** The entries the `/` filter keeps: every word of the query must occur somewhere in the row. */
export function filterEntries(entries: readonly PodEntry[], query: string): readonly PodEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((entry) => words.every((word) => entry.searchText.includes(word)));
}
