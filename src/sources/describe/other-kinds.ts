import { keyValue } from './key-value.js';
import type { PasteLine } from './paste-lines.js';

/**
 * Top-level keys that kubectl describe prints for other kinds and never for a pod, so a
 * `kubectl describe deployment` paste is not mistaken for a pod built from its Pod Template.
 */
const KEYS_OF_OTHER_KINDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Node', ['Roles', 'Taints', 'Unschedulable', 'Capacity', 'Allocatable', 'System Info', 'PodCIDR', 'ProviderID', 'Non-terminated Pods', 'Allocated resources']],
  ['Deployment', ['StrategyType', 'RollingUpdateStrategy', 'OldReplicaSets', 'NewReplicaSet', 'MinReadySeconds']],
  ['ReplicaSet, StatefulSet or DaemonSet', ['Pods Status', 'Replicas', 'Update Strategy', 'Desired Number of Nodes Scheduled', 'Pod Template']],
  ['Job or CronJob', ['Completions', 'Parallelism', 'Pods Statuses', 'Schedule', 'Concurrency Policy', 'Completion Mode']],
  ['Service', ['TargetPort', 'Endpoints', 'Session Affinity', 'IP Families', 'External Traffic Policy']],
  ['PersistentVolumeClaim', ['StorageClass', 'Access Modes', 'VolumeMode', 'Used By']],
];

/** The kind a described block is about when it is not a pod, e.g. `Deployment`; null for a pod. */
export function otherDescribedKind(block: readonly PasteLine[]): string | null {
  const outermost = Math.min(...block.filter((l) => l.text).map((l) => l.indent));
  const keys = new Set(block.filter((l) => l.indent <= outermost).flatMap((l) => keyValue(l.text)?.key ?? []));
  // Kinds are listed most telling first: a Deployment also prints Replicas and a Pod Template.
  return KEYS_OF_OTHER_KINDS.find(([, kindKeys]) => kindKeys.some((k) => keys.has(k)))?.[0] ?? null;
}
