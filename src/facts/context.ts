import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { Incident } from '../model/incident.js';
import type { PodEvent } from '../model/event.js';
import { CONTAINER_PLACEHOLDER, isPlaceholder } from '../model/placeholders.js';
import { incidentFromPaste } from './evidence-shown.js';
import { syncFailure } from './kubelet-events.js';

export type ContainerKind = 'init' | 'app' | 'sidecar' | 'ephemeral';

/** What pod-scope facts read: the incident plus indexes built once. */
export interface PodContext {
  readonly incident: Incident;
  readonly pod: V1Pod;
  /** Capture time in ms; every "seconds since" fact is measured against it. */
  readonly now: number;
  /** All events about the pod. */
  readonly events: readonly PodEvent[];
  /** Events about the pod that name no container. */
  readonly podLevelEvents: readonly PodEvent[];
  readonly containers: readonly ContainerContext[];
}

/** What container-scope facts read. */
export interface ContainerContext {
  readonly pod: PodContext;
  readonly name: string;
  readonly kind: ContainerKind;
  readonly spec: V1Container | undefined;
  readonly status: V1ContainerStatus | undefined;
  /** Events about this container (by fieldPath, or by the message naming it). */
  readonly events: readonly PodEvent[];
  readonly previousLog: string | undefined;
  readonly currentLog: string | undefined;
}

const FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}/;

/** The container an event is about: its fieldPath, else a container its message names. */
export function eventContainer(event: PodEvent, containerNames: readonly string[]): string | null {
  const fieldPath = event.involvedObject.fieldPath;
  if (fieldPath) {
    const match = FIELD_PATH.exec(fieldPath);
    if (match?.[1]) return match[1];
  }
  const sync = syncFailure(event);
  if (sync && containerNames.includes(sync.container)) return sync.container;
  return containerNamedIn(event.message, containerNames);
}

/** kubelet names containers in messages as `container app`, `container "app"` or `container=app`. */
function containerNamedIn(message: string, containerNames: readonly string[]): string | null {
  const match = /[Cc]ontainer(?:=|\s+"?)([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/.exec(message);
  if (match?.[1] && containerNames.includes(match[1])) return match[1];
  return null;
}

/**
 * Whether an init container is a native sidecar (restartPolicy Always). A paste seldom shows the
 * policy, but kubelet starts app containers only after every regular init container has
 * completed: an init container still running beside a running app container must be a sidecar.
 */
function isSidecar(container: V1Container, status: V1ContainerStatus | undefined, pod: V1Pod, pasted: boolean): boolean {
  if (container.restartPolicy !== undefined) return container.restartPolicy === 'Always';
  if (!pasted || !status?.state?.running) return false;
  return (pod.status?.containerStatuses ?? []).some((s) => s.state?.running);
}

function kindOf(container: V1Container, isInit: boolean, status: V1ContainerStatus | undefined, pod: V1Pod, pasted: boolean): ContainerKind {
  if (!isInit) return 'app';
  return isSidecar(container, status, pod, pasted) ? 'sidecar' : 'init';
}

/** Builds the contexts facts are computed from; events are indexed by container once. */
export function buildPodContext(incident: Incident): PodContext {
  const pod = incident.pod;
  const spec = pod.spec;
  const statusByName = new Map<string, V1ContainerStatus>();
  for (const s of pod.status?.initContainerStatuses ?? []) statusByName.set(`init/${s.name}`, s);
  for (const s of pod.status?.containerStatuses ?? []) statusByName.set(`app/${s.name}`, s);

  const declared: Array<{ container: V1Container; isInit: boolean }> = [
    ...(spec?.initContainers ?? []).map((container) => ({ container, isInit: true })),
    ...(spec?.containers ?? []).map((container) => ({ container, isInit: false })),
  ];
  // A pod read from partial evidence may have statuses for containers its spec lacks.
  for (const s of pod.status?.initContainerStatuses ?? []) {
    if (!declared.some((d) => d.isInit && d.container.name === s.name)) {
      declared.push({ container: { name: s.name, image: s.image }, isInit: true });
    }
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    if (!declared.some((d) => !d.isInit && d.container.name === s.name)) {
      declared.push({ container: { name: s.name, image: s.image }, isInit: false });
    }
  }
  const names = declared.map((d) => d.container.name);

  const byContainer = new Map<string, PodEvent[]>();
  const podLevelEvents: PodEvent[] = [];
  for (const event of incident.events) {
    const container = eventContainer(event, names);
    if (container) {
      const list = byContainer.get(container) ?? [];
      list.push(event);
      byContainer.set(container, list);
    } else {
      podLevelEvents.push(event);
    }
  }

  const receiver = unattributedReceiver(names, podLevelEvents, statusByName.size > 0);
  if (receiver !== null && !names.includes(receiver)) declared.push({ container: { name: receiver }, isInit: false });
  const logs = new Map(incident.logs.map((l) => [l.container, l]));
  const capturedAt = Date.parse(incident.source.capturedAt);
  const containers: ContainerContext[] = [];
  const podContext: PodContext = {
    incident,
    pod,
    now: Number.isFinite(capturedAt) ? capturedAt : Date.now(),
    events: incident.events,
    podLevelEvents,
    containers,
  };
  const pasted = incidentFromPaste(incident);
  const unattributed = new Set(podLevelEvents);
  for (const { container, isInit } of declared) {
    const ownEvents = byContainer.get(container.name) ?? [];
    // In the incident's order (oldest first), so the latest event of the container is last.
    const own = new Set(ownEvents);
    const events = receiver === container.name ? incident.events.filter((e) => own.has(e) || (unattributed.has(e) && isContainerEvent(e))) : ownEvents;
    const status = statusByName.get(`${isInit ? 'init' : 'app'}/${container.name}`);
    containers.push({
      pod: podContext,
      name: container.name,
      kind: kindOf(container, isInit, status, pod, pasted),
      spec: container,
      status,
      events,
      previousLog: logs.get(container.name)?.previous,
      currentLog: logs.get(container.name)?.current,
    });
  }
  return podContext;
}

/**
 * The container that gets the events about a container which name none: a single-container
 * pod's only container. A pasted events table of a pod with several containers (describe drops
 * the fieldPath) or a single event row that names none still holds evidence: when no container
 * state was shown to explain it instead, it goes to the one container the paste does not name,
 * else to a stand-in the report calls `<container>`.
 */
function unattributedReceiver(names: readonly string[], podLevelEvents: readonly PodEvent[], statusShown: boolean): string | null {
  if (names.length === 1) return names[0] ?? null;
  if (statusShown || !podLevelEvents.some(isContainerEvent)) return null;
  const unnamed = names.filter(isPlaceholder);
  if (unnamed.length > 1) return null;
  return unnamed[0] ?? CONTAINER_PLACEHOLDER;
}

/** Reasons kubelet emits about a container, not about the pod as a whole. */
const CONTAINER_REASONS = new Set([
  'Pulling',
  'Pulled',
  'Failed',
  'BackOff',
  'Created',
  'Started',
  'Killing',
  'Unhealthy',
  'InspectFailed',
  'ErrImageNeverPull',
  'ProbeWarning',
  'FailedPostStartHook',
  'FailedPreStopHook',
]);

function isContainerEvent(event: PodEvent): boolean {
  return CONTAINER_REASONS.has(event.reason);
}

/** Ms timestamp of an event's last occurrence, or NaN. */
export function eventTime(event: PodEvent): number {
  return Date.parse(event.lastTimestamp ?? event.firstTimestamp ?? '');
}
