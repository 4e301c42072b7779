import { podFact } from './definition.js';
import type { PodContext } from './context.js';

const RESOURCE_NAMES: Record<string, string> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  ReplicaSet: 'replicaset',
  Job: 'job',
  CronJob: 'cronjob',
  ReplicationController: 'replicationcontroller',
};

/**
 * The object a fix is applied to, as `kubectl` names it. The gathered owner chain wins; without
 * it, a ReplicaSet whose pods carry `pod-template-hash` belongs to the Deployment named by the
 * ReplicaSet's name minus that hash.
 */
function workloadOf(p: PodContext): string | null {
  const top = p.incident.owners?.at(-1);
  if (top) return `${RESOURCE_NAMES[top.kind] ?? top.kind.toLowerCase()}/${top.name}`;
  const owner = p.pod.metadata?.ownerReferences?.find((o) => o.controller) ?? p.pod.metadata?.ownerReferences?.[0];
  if (!owner) return p.pod.metadata?.name ? `pod/${p.pod.metadata.name}` : null;
  const hash = p.pod.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `deployment/${owner.name.slice(0, -hash.length - 1)}`;
  }
  if (owner.kind === 'Node') return p.pod.metadata?.name ? `pod/${p.pod.metadata.name}` : null;
  return `${RESOURCE_NAMES[owner.kind] ?? owner.kind.toLowerCase()}/${owner.name}`;
}

/** Kinds `kubectl rollout` (history, undo, restart, status) works on. */
const ROLLOUT_KINDS = new Set(['deployment', 'statefulset', 'daemonset']);
/** Kinds whose pod template (`spec.template`) a fix can change in place; a Pod's or a Job's is immutable. */
const TEMPLATE_KINDS = new Set([...ROLLOUT_KINDS, 'replicaset', 'replicationcontroller']);

/** The workload when it is one of `kinds`, else null, so a command that could not work on it is left out. */
function workloadOfKind(kinds: ReadonlySet<string>): (p: PodContext) => string | null {
  return (p) => {
    const workload = workloadOf(p);
    return workload && kinds.has(workload.slice(0, workload.indexOf('/'))) ? workload : null;
  };
}

export const WORKLOAD_FACTS = [
  podFact({
    name: 'workload',
    type: 'string',
    description: 'The workload that owns the pod as kubectl names it (`deployment/api`, `statefulset/db`, `job/backup-123`); `pod/NAME` for bare and static pods.',
    example: 'deployment/orders-api',
    compute: workloadOf,
  }),
  podFact({
    name: 'rolloutWorkload',
    type: 'string',
    description: 'The workload as `kubectl rollout history|undo|restart` names it: a Deployment, StatefulSet or DaemonSet; unknown for pods, ReplicaSets, Jobs and other owners, which kubectl cannot roll out.',
    example: 'deployment/orders-api',
    compute: workloadOfKind(ROLLOUT_KINDS),
  }),
  podFact({
    name: 'templateWorkload',
    type: 'string',
    description: 'The workload whose pod template (`spec.template`) a fix can change in place (`kubectl set resources|image`, `kubectl patch`): a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController; unknown for bare pods and Jobs, whose template cannot change.',
    example: 'deployment/orders-api',
    compute: workloadOfKind(TEMPLATE_KINDS),
  }),
];
