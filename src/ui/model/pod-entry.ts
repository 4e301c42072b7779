import { formatAge } from '../../facts/duration.js';
import { podReadyText, podRestarts, podStatusText } from '../../facts/pod-status.js';
import type { PodDiagnosis } from '../../model/finding.js';
import type { Incident } from '../../model/incident.js';
import type { Severity } from '../../model/severity.js';
import { visibleControlsInLine } from '../../report/visible-controls.js';
import { healthRank, podHealth, severityRank, type Health } from './pod-health.js';
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
  /** `CRIT`, `WARN`, `INFO` or empty: the severity in words, so it reads without colour. */
  readonly sev: string;
  /** The top controller as `kind/name` (`deployment/api`), from the owner chain, else the pod's controller reference; empty for a bare pod. */
  readonly owner: string;
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
  /** Lower-cased fields the `/` filter searches. */
  readonly search: SearchFields;
  /** Restarts as a number and creation time in ms (NaN when unknown), for sorting. */
  readonly restartCount: number;
  readonly createdAt: number;
}

/** What the `/` filter matches, lower-cased (see pod-filter.ts for how). */
export interface SearchFields {
  readonly namespace: string;
  readonly name: string;
  readonly status: string;
  readonly owner: string;
  /** Cause and rule ids of every finding. */
  readonly ids: readonly string[];
  /** Titles of every finding, whole (regexes) and as words (plain terms match word starts). */
  readonly titles: readonly string[];
  readonly titleWords: readonly string[];
  readonly severity: string;
}

const SEV_LABEL: Record<Severity, string> = { critical: 'CRIT', warning: 'WARN', info: 'INFO' };

/** The top controller: the last link of the gathered owner chain, else the controller reference on the pod itself. */
function ownerOf(incident: Incident): string {
  const top = incident.owners?.[incident.owners.length - 1] ?? incident.pod.metadata?.ownerReferences?.find((o) => o.controller) ?? null;
  return top ? `${top.kind.toLowerCase()}/${top.name}` : '';
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
    sev: diagnosis.severity ? SEV_LABEL[diagnosis.severity] : '',
    owner: visibleControlsInLine(ownerOf(incident)),
    health: podHealth(diagnosis.severity, status, ready),
    snapshots,
    derived,
  };
}

/** Builds the entry of a pod from its snapshots (oldest first) and the latest one's diagnosis. */
export function podEntry(snapshots: readonly Incident[], diagnosis: PodDiagnosis): PodEntry {
  const latest = snapshots[snapshots.length - 1]!;
  const row = podRow(latest, diagnosis, snapshots.length);
  const titles = diagnosis.findings.map((f) => f.title.toLowerCase());
  return {
    key: `${row.namespace}/${row.name}`,
    snapshots,
    diagnosis,
    row,
    search: {
      namespace: row.namespace.toLowerCase(),
      name: row.name.toLowerCase(),
      status: row.status.toLowerCase(),
      owner: row.owner.toLowerCase(),
      ids: [...new Set(diagnosis.findings.flatMap((f) => [f.cause, f.rule]))].map((id) => id.toLowerCase()),
      titles,
      titleWords: [...new Set(titles.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u).filter(Boolean)))],
      severity: diagnosis.severity ?? '',
    },
    restartCount: podRestarts(latest.pod),
    createdAt: toMillis(latest.pod.metadata?.creationTimestamp),
  };
}

/** Unhealthy first (worst severity, then worst health), then by namespace and name. */
export function compareEntries(a: PodEntry, b: PodEntry): number {
  return (
    severityRank(b.row.severity) - severityRank(a.row.severity) ||
    healthRank(b.row.health) - healthRank(a.row.health) ||
    b.diagnosis.findings.length - a.diagnosis.findings.length ||
    a.row.namespace.localeCompare(b.row.namespace) ||
    a.row.name.localeCompare(b.row.name)
  );
}
