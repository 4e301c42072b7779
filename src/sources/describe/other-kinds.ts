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
  for (const line of block) {
    if (line.indent > outermost) continue;
    const key = keyValue(line.text)?.key;
    const kind = key ? KEYS_OF_OTHER_KINDS.find(([, keys]) => keys.includes(key))?.[0] : undefined;
    if (kind) return kind;
  }
  return null;
}
