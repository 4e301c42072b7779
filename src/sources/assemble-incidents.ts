import type { V1EndpointSlice, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import type { PodEvent } from '../model/event.js';
import type { ContainerLogs, Incident, IncidentSource, SelectingService } from '../model/incident.js';
import type { KubeObjects, PasteNotes } from './kube-objects.js';
import { sortEvents } from './normalize-event.js';
import { WorkloadIndex, type WorkloadIndexData } from './workload-evidence.js';

export interface AssembleOptions {
  readonly files: readonly string[];
  readonly kind: IncidentSource['kind'];
  /** Capture time; default: the latest time the evidence itself records. */
  readonly capturedAt?: string;
  /** Logs by container name, applied to every pod that has such a container. */
  readonly logs?: readonly ContainerLogs[];
}

function podKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? 'default'}/${name ?? ''}`;
}

/**
 * Joins events to pods by uid, else by namespace and name; only events about a Pod join a pod.
 * `free` holds the name-joined events no described pod owns (see PasteNotes.ownEvents).
 */
function indexPodEvents(events: readonly PodEvent[], owned: ReadonlySet<PodEvent>) {
  const byUid = new Map<string, PodEvent[]>();
  const byName = new Map<string, PodEvent[]>();
  const free = new Map<string, PodEvent[]>();
  const byNode = new Map<string, PodEvent[]>();
  const add = (index: Map<string, PodEvent[]>, key: string, event: PodEvent) => {
    const list = index.get(key);
    if (list) list.push(event);
    else index.set(key, [event]);
  };
  for (const event of events) {
    const object = event.involvedObject;
    if (object.kind === 'Node') {
      add(byNode, object.name, event);
      continue;
    }
    if (object.kind !== 'Pod') continue;
    if (object.uid) add(byUid, object.uid, event);
    const key = podKey(object.namespace, object.name);
    add(byName, key, event);
    if (!owned.has(event)) add(free, key, event);
  }
  return { byUid, byName, free, byNode };
}

type EventIndex = ReturnType<typeof indexPodEvents>;

/**
 * A pod's events: a described pod's own block plus the events no described pod owns; any other
 * pod's by uid and name. Pods that share a name and uid share one list, computed once, so a
 * paste repeating a pod stays linear.
 */
function eventsFor(pod: V1Pod, index: EventIndex, own: readonly PodEvent[] | undefined, shared: Map<string, PodEvent[]>): PodEvent[] {
  const uid = pod.metadata?.uid;
  const key = podKey(pod.metadata?.namespace, pod.metadata?.name);
  const memo = `${key}\u0000${uid ?? ''}`;
  if (!own && shared.has(memo)) return shared.get(memo)!;
  // An event with a uid belongs to that pod instance only; a same-named earlier pod's events stay out.
  const matching = ((own ? index.free : index.byName).get(key) ?? []).filter((e) => !e.involvedObject.uid || !uid || e.involvedObject.uid === uid);
  // A described pod's uid (if any) is the paste place its own events carry: nothing else has it.
  const withUid = own || !uid ? [] : (index.byUid.get(uid) ?? []);
  const events = sortEvents([...new Set([...(own ?? []), ...withUid, ...matching])]);
  if (!own) shared.set(memo, events);
  return events;
}

function selects(service: V1Service, pod: V1Pod): boolean {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return false;
  if ((service.metadata?.namespace ?? 'default') !== (pod.metadata?.namespace ?? 'default')) return false;
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The pod's endpoint readiness in a Service, from EndpointSlices labelled with the Service's name. */
export function selectingServices(pod: V1Pod, services: readonly V1Service[], slices: readonly V1EndpointSlice[]): SelectingService[] {
  return services
    .filter((s) => selects(s, pod))
    .map((service) => {
      const name = service.metadata?.name ?? '';
      const namespace = service.metadata?.namespace ?? 'default';
      const own = slices.filter(
        (slice) => slice.metadata?.labels?.['kubernetes.io/service-name'] === name && (slice.metadata?.namespace ?? 'default') === namespace,
      );
      const endpoints = own.flatMap((slice) => slice.endpoints ?? []);
      const mine = endpoints.find(
        (e) => (e.targetRef?.uid && e.targetRef.uid === pod.metadata?.uid) || (e.targetRef?.kind === 'Pod' && e.targetRef.name === pod.metadata?.name),
      );
      const known = own.length > 0;
      return {
        name,
        namespace,
        selector: service.spec?.selector ?? {},
        endpointReady: mine ? mine.conditions?.ready !== false : known ? false : null,
        readyEndpoints: known ? endpoints.filter((e) => e.conditions?.ready !== false).length : null,
      };
    });
}

/** The times the API server and kubelet record in a pod's status: start, conditions, container states. */
function statusTimes(pod: V1Pod): unknown[] {
  const status = pod.status;
  if (!status) return [];
  const times: unknown[] = [status.startTime];
  for (const condition of status.conditions ?? []) times.push(condition.lastTransitionTime, condition.lastProbeTime);
  const containers = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])];
  for (const container of containers) {
    for (const state of [container.state, container.lastState]) {
      times.push(state?.running?.startedAt, state?.terminated?.startedAt, state?.terminated?.finishedAt);
    }
  }
  return times;
}

function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

export function latestEvidenceTime(pod: V1Pod, events: readonly PodEvent[]): string {
  let latest = -Infinity;
  const consider = (value: unknown) => {
    const ms = toMs(value);
    // The runtime writes 1970 for processes that never started; that is no time at all.
    if (ms > 0 && ms > latest) latest = ms;
  };
  statusTimes(pod).forEach(consider);
  for (const e of events) {
    consider(e.firstTimestamp);
    consider(e.lastTimestamp);
  }
  consider(pod.metadata?.creationTimestamp);
  return Number.isFinite(latest) ? new Date(latest).toISOString() : new Date().toISOString();
}

/** A pod's own events, its node's and its owners', oldest first. */
export interface PodEvents {
  readonly events: PodEvent[];
  readonly nodeEvents: PodEvent[];
  /** Events about the pod's owners (`ownerReferences`: a Job, a ReplicaSet), in its namespace. */
  readonly ownerEvents?: PodEvent[];
}

/** Events about objects other than pods and nodes, by kind and name: what a pod's owners are. */
function indexOwnerEvents(events: readonly PodEvent[]): Map<string, PodEvent[]> {
  const byObject = new Map<string, PodEvent[]>();
  for (const event of events) {
    const { kind, name } = event.involvedObject;
    if (kind === 'Pod' || kind === 'Node') continue;
    const key = `${kind}/${name}`;
    const list = byObject.get(key) ?? [];
    list.push(event);
    byObject.set(key, list);
  }
  return byObject;
}

function ownerEventsFor(pod: V1Pod, byObject: ReadonlyMap<string, PodEvent[]>): PodEvent[] {
  const owners = pod.metadata?.ownerReferences ?? [];
  if (owners.length === 0 || byObject.size === 0) return [];
  const namespace = pod.metadata?.namespace;
  const sameNamespace = (e: PodEvent) => !e.involvedObject.namespace || !namespace || e.involvedObject.namespace === namespace;
  return sortEvents(owners.flatMap((o) => (byObject.get(`${o.kind}/${o.name}`) ?? []).filter(sameNamespace)));
}

/** The events described pods own (their own block's, see PasteNotes.ownEvents). */
export function ownedEvents(objects: KubeObjects): Set<PodEvent> {
  const owned = new Set<PodEvent>();
  for (const pod of objects.pods) for (const event of objects.pasteNotes.get(pod)?.ownEvents ?? []) owned.add(event);
  return owned;
}

/**
 * Events indexed by pod, by node and by owner once; returns what finds one pod's, given the events
 * of its own describe block when it was described (`owned` holds every such block's events).
 */
export function podEventIndex(events: readonly PodEvent[], owned: ReadonlySet<PodEvent> = new Set()): (pod: V1Pod, own?: readonly PodEvent[]) => PodEvents {
  const index = indexPodEvents(events, owned);
  const byOwner = indexOwnerEvents(events);
  const shared = new Map<string, PodEvent[]>();
  return (pod, own) => {
    const nodeName = pod.spec?.nodeName;
    const ownerEvents = ownerEventsFor(pod, byOwner);
    return {
      events: eventsFor(pod, index, own, shared),
      nodeEvents: nodeName ? sortEvents([...(index.byNode.get(nodeName) ?? [])]) : [],
      ...(ownerEvents.length ? { ownerEvents } : {}),
    };
  };
}

/** What a pod's Incident is built from besides the pod and its events: the same for every pod of a replay. */
export interface JoinContext {
  readonly nodes: readonly V1Node[];
  readonly services: readonly V1Service[];
  readonly endpointSlices: readonly V1EndpointSlice[];
  readonly options: AssembleOptions;
  /**
   * The controllers given beside the pods and a summary of every pod by workload (see
   * workloadIndexFor); absent when there is nothing to compare a pod with.
   */
  readonly workloads?: WorkloadIndexData;
}

/** The join context of loose objects (their events left out: see podEventIndex). */
export function joinContext(objects: KubeObjects, options: AssembleOptions, workloads?: WorkloadIndexData): JoinContext {
  return { nodes: objects.nodes, services: objects.services, endpointSlices: objects.endpointSlices, options, ...(workloads ? { workloads } : {}) };
}

/**
 * Returns what builds one pod's Incident from the pod, its events and the shared context (nodes
 * by name, Services, logs), so pods can be joined one at a time as they are read, here or in a
 * worker thread. `notes` are what a paste could not show about the pod.
 */
export function incidentBuilder(context: JoinContext): (pod: V1Pod, events: PodEvents, notes?: PasteNotes) => Incident {
  const { options } = context;
  const nodes = new Map(context.nodes.map((n) => [n.metadata?.name ?? '', n]));
  const gatheredServices = context.services.length > 0;
  // Controllers given beside the pods (kubectl get deploy,rs,pods): owner chains and rollout history.
  const workloads = context.workloads ? WorkloadIndex.fromData(context.workloads, context.nodes) : null;
  return (pod, { events, nodeEvents, ownerEvents }, notes) => {
    const nodeName = pod.spec?.nodeName;
    const node = nodeName ? nodes.get(nodeName) : undefined;
    const containerNames = new Set([
      ...(pod.spec?.containers ?? []).map((c) => c.name),
      ...(pod.spec?.initContainers ?? []).map((c) => c.name),
    ]);
    const given = (options.logs ?? []).filter((l) => containerNames.has(l.container) || containerNames.size === 0);
    // Log files given on the command line win over logs pasted with describe text.
    const logs = [...given, ...(notes?.logs ?? []).filter((l) => !given.some((g) => g.container === l.container))];
    // A chain read from ownerReferences alone is no gathered chain; siblings are compared all the same.
    const owners = workloads?.hasOwnerObjects ? workloads.ownersOf(pod) : [];
    const workload = workloads?.workloadOf(pod);
    return {
      pod,
      events,
      logs,
      ...(node ? { node } : {}),
      nodeEvents,
      ...(ownerEvents?.length ? { ownerEvents } : {}),
      ...(gatheredServices ? { services: selectingServices(pod, context.services, context.endpointSlices) } : {}),
      ...(owners.length ? { owners } : {}),
      ...(workload ? { workload } : {}),
      source: {
        // A stand-in rebuilt from events is pasted evidence whatever file held the events: what it does not show is unknown.
        kind: notes?.standIn ? 'describe' : options.kind,
        files: options.files,
        capturedAt: options.capturedAt ?? notes?.capturedAt ?? latestEvidenceTime(pod, [...events, ...nodeEvents]),
        ...(!options.capturedAt && (!notes?.capturedAt || notes.captureInferred) ? { capturedAtInferred: true } : {}),
      },
      ...(notes?.missing.length ? { missing: notes.missing } : {}),
      ...(notes?.eventsNotShown && events.length === 0 ? { eventsNotShown: true as const } : {}),
      ...(notes?.kubeletUnreachable ? { kubeletUnreachable: notes.kubeletUnreachable } : {}),
      ...(notes?.createRefused ? { createRefused: notes.createRefused } : {}),
      ...(notes?.unplacedOutputFailure ? { unplacedOutputFailure: notes.unplacedOutputFailure } : {}),
      ...(notes?.deletionShownAs ? { deletionShownAs: notes.deletionShownAs } : {}),
      ...(notes?.readinessLostInRows ? { readinessLostInRows: notes.readinessLostInRows } : {}),
      ...(notes?.terminatingNeighbours ? { terminatingNeighbours: notes.terminatingNeighbours } : {}),
    };
  };
}

/**
 * The workload index pods are joined with, its pods still to be added (WorkloadIndex.addPod):
 * when controllers were given beside the pods, or there are several pods to compare siblings
 * among (their chains then read from ownerReferences alone); null for a lone pod.
 */
export function workloadIndexFor(objects: KubeObjects, podCount: number): WorkloadIndex | null {
  const hasOwners = Object.values(objects.owners).some((list) => list.length > 0);
  if (!hasOwners && podCount < 2) return null;
  return new WorkloadIndex(objects.owners, objects.pods, objects.nodes);
}

/**
 * Indexes loose objects (events by pod and node, nodes by name) once and returns what builds one
 * pod's Incident from them, so pods can be joined one at a time as they are read.
 */
export function joinIncidents(objects: KubeObjects, options: AssembleOptions): (pod: V1Pod) => Incident {
  const eventsOf = podEventIndex(objects.events, ownedEvents(objects));
  const workloads = workloadIndexFor(objects, objects.pods.length);
  const build = incidentBuilder(joinContext(objects, options, workloads && !workloads.isEmpty ? workloads.data() : undefined));
  return (pod) => {
    const notes = objects.pasteNotes.get(pod);
    return build(pod, eventsOf(pod, notes?.ownEvents), notes);
  };
}

/** Builds one Incident per pod from loose objects. */
export function assembleIncidents(objects: KubeObjects, options: AssembleOptions): Incident[] {
  return objects.pods.map(joinIncidents(objects, options));
}
