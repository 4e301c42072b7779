import type { V1Pod } from '@kubernetes/client-node';
import type { PodEvent } from '../../model/event.js';
import type { KubeObjects } from '../kube-objects.js';
import { missingEvidence, NO_NAMESPACE } from './missing-evidence.js';
import type { TableEvent } from './events-table.js';
import { podFromSections } from './to-pod.js';

/*
 * Events name the pods they are about, so a pod known only from its events (a `kubectl get events
 * -o yaml` list, Event objects pasted as YAML or JSON pieces) is still a pod to diagnose: a
 * stand-in with the containers its events name, replaced by the real Pod when another input has
 * it. Controllers' events name the pods they made (`Created pod: web-7d9f-x2k8p`), which joins a
 * Job's events to its pods.
 */

function key(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

function hasPod(pods: readonly V1Pod[], namespace: string | undefined, name: string): boolean {
  return pods.some((p) => p.metadata?.name === name && (!namespace || !p.metadata?.namespace || p.metadata.namespace === namespace));
}

/** An API event in the shape the describe readers take: no ages, its own times. */
function asTableEvent(event: PodEvent): TableEvent {
  return {
    type: event.type,
    reason: event.reason,
    message: event.message,
    count: event.count,
    lastSeenAgo: null,
    firstSeenAgo: null,
    lastSeenAt: event.lastTimestamp,
    firstSeenAt: event.firstTimestamp,
    source: event.source,
    ...(event.involvedObject.fieldPath ? { fieldPath: event.involvedObject.fieldPath } : {}),
  };
}

/** Adds a stand-in pod for every pod that events are about but no input gave. */
export function addStandInsForEvents(into: KubeObjects): void {
  const byPod = new Map<string, PodEvent[]>();
  for (const event of into.events) {
    const object = event.involvedObject;
    if (object.kind !== 'Pod' || !object.name || hasPod(into.pods, object.namespace, object.name)) continue;
    const list = byPod.get(key(object.namespace, object.name)) ?? [];
    list.push(event);
    byPod.set(key(object.namespace, object.name), list);
  }
  for (const events of byPod.values()) {
    const object = events[0]?.involvedObject;
    if (!object) continue;
    const described = podFromSections({ sections: [], unread: [], cut: false }, events.map(asTableEvent), {
      name: object.name,
      ...(object.namespace ? { namespace: object.namespace } : {}),
    });
    if (object.uid && described.pod.metadata) described.pod.metadata.uid = object.uid;
    const missing = missingEvidence({
      podNamed: true,
      namespaced: Boolean(object.namespace),
      hasStatus: false,
      hasContainers: false,
      unnamedContainers: described.unnamedContainers,
      events: 'present',
      eventsOnly: true,
      cut: false,
      unread: [],
      capture: { ms: 0, from: 'flag' },
      usedAges: false,
    });
    into.pods.push(described.pod);
    into.pasteNotes.set(described.pod, { missing, standIn: true });
  }
}

const CREATED_POD = /^Created pod: ([a-z0-9][a-z0-9.-]{0,252})$/;

/**
 * A controller's `Created pod: NAME` event says who owns a pod whose paste did not show its owner
 * (`Controlled By`): the pod gets that owner, so the owner's events can be joined to it.
 */
export function addOwnersFromEvents(into: KubeObjects): void {
  const byName = new Map<string, V1Pod[]>();
  for (const pod of into.pods) {
    const name = pod.metadata?.name;
    if (name && !pod.metadata?.ownerReferences?.length) byName.set(name, [...(byName.get(name) ?? []), pod]);
  }
  if (byName.size === 0) return;
  for (const event of into.events) {
    if (event.reason !== 'SuccessfulCreate') continue;
    const name = CREATED_POD.exec(event.message)?.[1];
    const owner = event.involvedObject;
    if (!name || owner.kind === 'Pod') continue;
    for (const pod of byName.get(name) ?? []) {
      const metadata = pod.metadata;
      if (!metadata || metadata.ownerReferences?.length) continue;
      if (owner.namespace && metadata.namespace && owner.namespace !== metadata.namespace) continue;
      metadata.ownerReferences = [{ apiVersion: owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid ?? '', controller: true }];
    }
  }
}

/** The pod a refusal names: `pods "web-x" is forbidden`, or the StatefulSet's `create Pod web-0 in StatefulSet web failed`. */
const REFUSED_POD = /\bpods "([a-z0-9][a-z0-9.-]{0,252})" is forbidden|\bcreate Pod ([a-z0-9][a-z0-9.-]{0,252}) in /;
const API_VERSIONS: Readonly<Record<string, string>> = { Job: 'batch/v1', ReplicationController: 'v1' };

/**
 * A controller whose `FailedCreate` events say the API server refused its pods, and no pod of it
 * in the evidence: the pod that was never created stands in (named as the latest refusal names
 * it), owned by the controller, so the refusal, on the owner, is joined to it and explains it.
 */
export function addStandInsForRefusedCreates(into: KubeObjects): void {
  // Owners in the evidence that have a pod, and each refusing owner's latest refusal (events come oldest first).
  const owning = new Set(into.pods.flatMap((p) => (p.metadata?.ownerReferences ?? []).map((o) => `${o.kind}/${o.name}`)));
  const latestByOwner = new Map<string, PodEvent>();
  for (const event of into.events) {
    const owner = event.involvedObject;
    if (event.reason !== 'FailedCreate' || owner.kind === 'Pod' || owner.kind === 'Node' || !owner.name) continue;
    if (!owning.has(`${owner.kind}/${owner.name}`)) latestByOwner.set(`${key(owner.namespace, owner.name)}/${owner.kind}`, event);
  }
  for (const latest of latestByOwner.values()) {
    const owner = latest.involvedObject;
    const named = REFUSED_POD.exec(latest.message);
    const name = named?.[1] ?? named?.[2] ?? `${owner.name}-<not created>`;
    const pod: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        ...(owner.namespace ? { namespace: owner.namespace } : {}),
        ownerReferences: [{ apiVersion: API_VERSIONS[owner.kind] ?? 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid ?? '', controller: true }],
      },
      spec: { containers: [] },
    };
    const missing = [
      `the pod was never created: only the events of its ${owner.kind} ${owner.name} show it (its spec is the ${owner.kind}'s pod template)`,
      ...(owner.namespace ? [] : [NO_NAMESPACE]),
    ];
    into.pods.push(pod);
    into.pasteNotes.set(pod, { missing, standIn: true });
  }
}
