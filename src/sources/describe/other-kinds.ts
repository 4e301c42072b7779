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

/** Top-level keys kubectl describe prints for a pod (and for no node). */
const POD_ONLY_KEYS = ['Containers', 'Init Containers', 'Status', 'IP', 'IPs', 'Controlled By', 'QoS Class', 'Volumes', 'Start Time', 'Service Account', 'Priority'];

/** A row of a Conditions table that only a node has (`DiskPressure  True  ...`). */
const NODE_CONDITION_ROW = /^(?:MemoryPressure|DiskPressure|PIDPressure|NetworkUnavailable|KernelDeadlock|ReadonlyFilesystem|FrequentKubeletRestart|FrequentContainerdRestart)\s+(?:True|False|Unknown)(?:\s|$)/;

/** The kind a described block is about when it is not a pod, e.g. `Deployment`; null for a pod. */
export function otherDescribedKind(block: readonly PasteLine[]): string | null {
  const outermost = Math.min(...block.filter((l) => l.text).map((l) => l.indent));
  const keys = new Set(block.filter((l) => l.indent <= outermost).flatMap((l) => keyValue(l.text)?.key ?? []));
  // A Conditions table of a node's own condition types is a node's, even cut from the rest of its
  // description; beside a pod's keys it is a node pasted with the pod, which is read.
  if (block.some((l) => NODE_CONDITION_ROW.test(l.text)) && !POD_ONLY_KEYS.some((k) => keys.has(k))) return 'Node';
  // Kinds are listed most telling first: a Deployment also prints Replicas and a Pod Template.
  return KEYS_OF_OTHER_KINDS.find(([, kindKeys]) => kindKeys.some((k) => keys.has(k)))?.[0] ?? null;
}
