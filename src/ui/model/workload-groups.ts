import { rollUpWorkloads } from '../../engine/workload-rollup.js';
import type { Severity } from '../../model/severity.js';
import { visibleControlsInLine } from '../../report/visible-controls.js';
import type { Line } from './line.js';
import { fit } from './line.js';
import type { PodEntry } from './pod-entry.js';

/** One workload's line in the grouped list: its roll-up, and the keys of its pods that the filter keeps. */
export interface WorkloadGroup {
  /** `workload:namespace/Kind/name`: never a pod key, so the selection tells them apart. */
  readonly key: string;
  readonly severity: Severity | null;
  /** `deploy/orders-api 2/3 available: 2 pods oom-limit (...) since revision 14`. */
  readonly summary: string;
  readonly namespace: string;
  readonly podKeys: readonly string[];
  readonly expanded: boolean;
}

/** A row of the grouped list: a workload, or a pod (under its workload when expanded, or bare). */
export type ListItem =
  | { readonly kind: 'workload'; readonly key: string; readonly group: WorkloadGroup }
  | { readonly kind: 'pod'; readonly key: string; readonly entry: PodEntry; readonly nested: boolean };

const workloadKey = (namespace: string, kind: string, name: string) => `workload:${namespace}/${kind}/${name}`;

/**
 * The list grouped by workload, in the order the pods are sorted: a workload takes the place of
 * its first pod, its pods follow it when it is expanded, bare pods stay as they are. Each
 * workload line is the roll-up the reports print (counts, shared root cause, since which revision).
 */
export function workloadItems(visible: readonly PodEntry[], expanded: ReadonlySet<string>): ListItem[] {
  const owned = visible.filter((e) => e.diagnosis.owner);
  const summaries = new Map(
    rollUpWorkloads(owned.map((e) => ({ incident: e.snapshots[e.snapshots.length - 1]!, diagnosis: e.diagnosis }))).map((w) => [workloadKey(w.namespace, w.kind, w.name), w]),
  );
  const members = new Map<string, PodEntry[]>();
  for (const entry of owned) {
    const owner = entry.diagnosis.owner!;
    const key = workloadKey(entry.diagnosis.namespace, owner.kind, owner.name);
    const list = members.get(key) ?? [];
    list.push(entry);
    members.set(key, list);
  }
  const items: ListItem[] = [];
  const placed = new Set<string>();
  for (const entry of visible) {
    const owner = entry.diagnosis.owner;
    if (!owner) {
      items.push({ kind: 'pod', key: entry.key, entry, nested: false });
      continue;
    }
    const key = workloadKey(entry.diagnosis.namespace, owner.kind, owner.name);
    if (placed.has(key)) continue;
    placed.add(key);
    const pods = members.get(key) ?? [];
    const summary = summaries.get(key);
    const group: WorkloadGroup = {
      key,
      severity: summary?.severity ?? null,
      summary: visibleControlsInLine(summary?.summary ?? `${owner.kind}/${owner.name}`),
      namespace: entry.diagnosis.namespace,
      podKeys: pods.map((p) => p.key),
      expanded: expanded.has(key),
    };
    items.push({ kind: 'workload', key, group });
    if (group.expanded) for (const pod of pods) items.push({ kind: 'pod', key: pod.key, entry: pod, nested: true });
  }
  return items;
}

const SEV_LABEL: Record<Severity, string> = { critical: 'CRIT', warning: 'WARN', info: 'INFO' };

/** A workload's line: severity in words, an open or closed marker, the namespace when several are shown, then the roll-up. */
export function workloadLine(group: WorkloadGroup, width: number, showNamespace: boolean): Line {
  const sev = group.severity ? SEV_LABEL[group.severity] : 'OK';
  const head = `${sev.padEnd(5)}${group.expanded ? '▾' : '▸'} `;
  const text = `${showNamespace ? `${group.namespace}  ` : ''}${group.summary}  (${group.podKeys.length} pod${group.podKeys.length === 1 ? '' : 's'})`;
  return [
    { text: head, tone: group.severity ?? 'ok' },
    { text: fit(text, Math.max(0, width - head.length)) },
  ];
}
