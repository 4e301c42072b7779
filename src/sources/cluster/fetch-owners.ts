import type { V1LabelSelector, V1Node, V1ObjectMeta, V1Pod } from '@kubernetes/client-node';
import type { OwnerLink } from '../../model/incident.js';
import type { WorkloadEvidence } from '../../model/workload.js';
import { controllerOf, emptyOwnerObjects, OWNER_KINDS, WorkloadIndex, type OwnerObjects } from '../workload-evidence.js';
import { labelSelectorText } from './label-selector.js';
import type { MissingEvidence } from './missing-evidence.js';
import type { ReadCache } from './read-cache.js';
import { CONTROLLER_REVISIONS, CRON_JOBS, DAEMON_SETS, DEPLOYMENTS, JOBS, PODS, REPLICA_SETS, STATEFUL_SETS, type ResourceType } from './resources.js';

/** What to list for pods controlled by each kind: the controller, its owner's kind, and its revisions. */
const LISTS_FOR_CONTROLLER: Readonly<Record<string, readonly ResourceType[]>> = {
  ReplicaSet: [REPLICA_SETS, DEPLOYMENTS],
  StatefulSet: [STATEFUL_SETS, CONTROLLER_REVISIONS],
  DaemonSet: [DAEMON_SETS, CONTROLLER_REVISIONS],
  Job: [JOBS, CRON_JOBS],
};

/** Adds listed or read objects; one already there (read by name, then listed) is kept once. */
function addObjects(into: OwnerObjects, type: ResourceType, items: readonly unknown[]): void {
  const list = into[OWNER_KINDS[type.kind] as keyof OwnerObjects] as Array<{ metadata?: V1ObjectMeta }>;
  const known = new Set(list.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`));
  for (const item of items as Array<{ metadata?: V1ObjectMeta }>) {
    if (!known.has(`${item.metadata?.namespace}/${item.metadata?.name}`)) list.push(item);
  }
}

/**
 * The controllers of a scope's pods, one list per kind for the whole scope (paged), whatever the
 * number of pods: ReplicaSets and Deployments, StatefulSets, DaemonSets and their
 * ControllerRevisions, Jobs and CronJobs, each only when some pod of `pods` needs it. A list
 * podmortem may not read becomes a missing-evidence line; owners then come from ownerReferences.
 */
export async function listScopeOwners(reads: ReadCache, namespace: string | undefined, pods: readonly V1Pod[], missing: MissingEvidence): Promise<OwnerObjects> {
  const types = new Map<string, ResourceType>();
  for (const pod of pods) for (const type of LISTS_FOR_CONTROLLER[controllerOf(pod.metadata)?.kind ?? ''] ?? []) types.set(type.plural, type);
  const owners = emptyOwnerObjects();
  await Promise.all(
    [...types.values()].map(async (type) => {
      const items = await missing.attempt(`owners and revisions (${type.plural})`, () => reads.list<unknown>({ verb: 'list', type, namespace }));
      if (items) addObjects(owners, type, items);
    }),
  );
  return owners;
}

type Selecting = { metadata?: V1ObjectMeta; spec?: { selector?: V1LabelSelector } };
const TYPE_OF_KIND: Readonly<Record<string, ResourceType>> = {
  ReplicaSet: REPLICA_SETS,
  Deployment: DEPLOYMENTS,
  StatefulSet: STATEFUL_SETS,
  DaemonSet: DAEMON_SETS,
  Job: JOBS,
  CronJob: CRON_JOBS,
};

/** What one pod's gathering learns about its workload: the owner chain and the shared evidence. */
export interface PodWorkload {
  readonly owners: OwnerLink[];
  readonly workload?: WorkloadEvidence;
}

/**
 * One pod's workload, read around it: its owner chain (one get per link), then for the workload
 * its revisions (ReplicaSets or ControllerRevisions) and its pods, each one list by the
 * workload's selector. A handful of requests, shared through `reads` with other pods.
 */
export async function fetchPodWorkload(reads: ReadCache, pod: V1Pod, node: V1Node | undefined, missing: MissingEvidence): Promise<PodWorkload> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const owners = emptyOwnerObjects();
  let workload: Selecting | undefined;
  let kind: string | undefined;
  let owner = controllerOf(pod.metadata);
  for (let depth = 0; owner && depth < 4; depth++) {
    const type = TYPE_OF_KIND[owner.kind];
    if (!type) break;
    const { name } = owner;
    const object = await missing.attempt(`owner of the pod (${owner.kind} ${name})`, () => reads.get<Selecting>({ verb: 'get', type, namespace, name }));
    if (!object) break;
    addObjects(owners, type, [object]);
    workload = object;
    kind = owner.kind;
    owner = controllerOf(object.metadata);
  }
  const selector = labelSelectorText(workload?.spec?.selector);
  const revisions = kind === 'Deployment' ? REPLICA_SETS : kind === 'StatefulSet' || kind === 'DaemonSet' ? CONTROLLER_REVISIONS : undefined;
  const [revisionItems, pods] = selector
    ? await Promise.all([
        revisions
          ? missing.attempt(`revisions of ${kind} ${workload?.metadata?.name}`, () => reads.list<unknown>({ verb: 'list', type: revisions, namespace, query: { labelSelector: selector } }))
          : undefined,
        missing.attempt(`the other pods of ${kind} ${workload?.metadata?.name}`, () => reads.list<V1Pod>({ verb: 'list', type: PODS, namespace, query: { labelSelector: selector } })),
      ])
    : [undefined, undefined];
  if (revisions && revisionItems) addObjects(owners, revisions, revisionItems);
  // The pod as read a moment ago stands for itself in the list of its siblings.
  const siblings = [pod, ...(pods ?? []).filter((p) => p.metadata?.uid !== pod.metadata?.uid)];
  const index = new WorkloadIndex(owners, siblings, node ? [node] : []);
  const workloadEvidence = index.workloadOf(pod);
  return { owners: index.ownersOf(pod), ...(workloadEvidence ? { workload: workloadEvidence } : {}) };
}
