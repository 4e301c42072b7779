import type { V1Container, V1ContainerState, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { PodClues } from './event-clues.js';
import { CONTAINER_PLACEHOLDER, POD_PLACEHOLDER } from '../../model/placeholders.js';

type Json = Record<string, unknown>;

/** A pod rebuilt from pieces of its JSON or YAML. */
export interface RecoveredPod {
  readonly pod: V1Pod;
  readonly podNamed: boolean;
  readonly unnamedContainers: number;
}

interface ContainerPart {
  name?: string;
  init: boolean;
  spec?: Json;
  status?: Json;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATE_KEYS = ['waiting', 'running', 'terminated'];
const STATUS_KEYS = ['state', 'lastState', 'restartCount', 'ready', 'containerID', 'imageID', 'started'];
const SPEC_KEYS = ['resources', 'command', 'args', 'ports', 'env', 'envFrom', 'livenessProbe', 'readinessProbe', 'startupProbe', 'imagePullPolicy', 'volumeMounts', 'securityContext', 'workingDir'];
const POD_SPEC_KEYS = ['nodeName', 'restartPolicy', 'priority', 'priorityClassName', 'serviceAccountName', 'volumes', 'tolerations', 'nodeSelector', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'affinity'];
const POD_STATUS_KEYS = ['phase', 'reason', 'message', 'conditions', 'hostIP', 'podIP', 'podIPs', 'startTime', 'qosClass', 'nominatedNodeName'];
const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);
/** Condition types only a pod has: a `conditions:` list with one of them is a pod's, even with nothing else shown. */
const POD_CONDITION_TYPES = new Set(['PodScheduled', 'Initialized', 'Ready', 'ContainersReady', 'DisruptionTarget', 'PodReadyToStartContainers', 'PodHasNetwork']);

function hasPodConditions(status: Json): boolean {
  return Array.isArray(status.conditions) && status.conditions.some((c) => isObject(c) && typeof c.type === 'string' && POD_CONDITION_TYPES.has(c.type));
}

/** Reasons kubelet gives a container it keeps waiting: `{reason, message}` with one is a `waiting:` cut above its key. */
const WAITING_REASONS = new Set([
  'ContainerCreating', 'PodInitializing', 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName',
  'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreCreateHookError', 'PostStartHookError',
]);

function isWaitingInside(value: Json): boolean {
  return typeof value.reason === 'string' && WAITING_REASONS.has(value.reason) && Object.keys(value).every((k) => k === 'reason' || k === 'message');
}

function isState(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => STATE_KEYS.includes(k));
}

/** What the pieces say, sorted by what they are. */
class PodParts {
  readonly metadata: Json = {};
  readonly spec: Json = {};
  readonly status: Json = {};
  readonly containers: ContainerPart[] = [];
  readonly orphanStates: Array<{ which: 'state' | 'lastState' | 'unknown'; state: V1ContainerState }> = [];
  readonly orphanResources: Json[] = [];
  kindOtherThanPod = false;
  /** The piece says `kind: Pod` itself: its metadata alone (a deletion, finalizers) is a pod's. */
  saysPod = false;

  take(value: unknown, depth = 0): void {
    if (depth > 12) return;
    if (Array.isArray(value)) {
      for (const item of value) this.take(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.kind === 'string' && value.kind !== 'Pod' && !value.kind.endsWith('List')) {
      this.kindOtherThanPod = true;
      return;
    }
    if (value.kind === 'Pod') this.saysPod = true;
    if (looksLikeStatus(value)) {
      this.addContainer(value, 'status', false);
      return;
    }
    if (looksLikeSpec(value)) {
      this.addContainer(value, 'spec', false);
      return;
    }
    if (isState(value)) {
      this.orphanStates.push({ which: 'unknown', state: value as V1ContainerState });
      return;
    }
    if (isWaitingInside(value)) {
      this.orphanStates.push({ which: 'state', state: { waiting: value as V1ContainerState['waiting'] } });
      return;
    }
    if (typeof value.exitCode === 'number') {
      this.orphanStates.push({ which: 'unknown', state: { terminated: value as unknown as V1ContainerState['terminated'] } });
      return;
    }
    this.takeFields(value, depth);
  }

  /** `podStatus`: the fields are the pod's `status:` itself, where a `reason` is the pod's (NodeLost, Evicted). */
  private takeFields(value: Json, depth: number, podStatus = false): void {
    const podLevel = podStatus || POD_STATUS_KEYS.some((k) => k in value && (k !== 'reason' && k !== 'message')) || 'containerStatuses' in value;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'metadata' && isObject(item)) Object.assign(this.metadata, item);
      else if ((key === 'spec' || key === 'status') && isObject(item)) this.takeFields(item, depth + 1, key === 'status' && depth === 0);
      else if ((key === 'containers' || key === 'initContainers') && Array.isArray(item)) item.filter(isObject).forEach((c) => this.addContainer(c, 'spec', key === 'initContainers'));
      else if ((key === 'containerStatuses' || key === 'initContainerStatuses') && Array.isArray(item)) item.filter(isObject).forEach((c) => this.addContainer(c, 'status', key === 'initContainerStatuses'));
      else if ((key === 'state' || key === 'lastState') && isState(item)) this.orphanStates.push({ which: key, state: item as V1ContainerState });
      else if (key === 'resources' && isObject(item)) this.orphanResources.push(item);
      else if (key === 'phase' && typeof item === 'string' && PHASES.has(item)) this.status.phase = item;
      else if ((key === 'reason' || key === 'message') && podLevel && typeof item === 'string') this.status[key] = item;
      else if (POD_STATUS_KEYS.includes(key) && key !== 'phase' && key !== 'reason' && key !== 'message') this.status[key] = item;
      else if (POD_SPEC_KEYS.includes(key)) this.spec[key] = item;
      else if (isObject(item) || Array.isArray(item)) this.take(item, depth + 1);
    }
  }

  /** Named containers still lacking a part, oldest first, so pairing spec with status stays linear. */
  private readonly lacking = new Map<string, { items: ContainerPart[]; next: number }>();

  private addContainer(value: Json, part: 'spec' | 'status', init: boolean): void {
    const name = typeof value.name === 'string' && value.name ? value.name : undefined;
    const key = (which: 'spec' | 'status') => `${which}\u0000${init}\u0000${name}`;
    const queue = name === undefined ? undefined : this.lacking.get(key(part));
    const existing = queue?.items[queue.next];
    if (queue && existing) {
      queue.next++;
      existing[part] = value;
      return;
    }
    const container: ContainerPart = { ...(name ? { name } : {}), init, [part]: value };
    this.containers.push(container);
    if (name === undefined) return;
    const other = part === 'spec' ? 'status' : 'spec';
    const waiting = this.lacking.get(key(other)) ?? { items: [], next: 0 };
    waiting.items.push(container);
    this.lacking.set(key(other), waiting);
  }
}

function looksLikeStatus(value: Json): boolean {
  return typeof value.name === 'string' && STATUS_KEYS.some((k) => k in value);
}

function looksLikeSpec(value: Json): boolean {
  return (typeof value.name === 'string' || typeof value.image === 'string') && SPEC_KEYS.some((k) => k in value) && !STATUS_KEYS.some((k) => k in value);
}

/**
 * Pieces without a container name (a `resources:` block, a `lastState:` cut from its status)
 * belong to the one named container when there is exactly one, else to one unnamed container.
 */
function mergeContainers(parts: PodParts): { containers: ContainerPart[]; unnamed: number } {
  const named = parts.containers.filter((c) => c.name);
  const nameless = parts.containers.filter((c) => !c.name);
  const hasOrphans = nameless.length > 0 || parts.orphanStates.length > 0 || parts.orphanResources.length > 0;
  if (!hasOrphans) return { containers: named, unnamed: 0 };
  const target: ContainerPart = named.length === 1 && named[0] ? named[0] : { name: CONTAINER_PLACEHOLDER, init: false };
  for (const piece of nameless) {
    target.spec = { ...piece.spec, ...target.spec };
    target.status = { ...piece.status, ...target.status };
    target.init ||= piece.init;
  }
  if (parts.orphanResources.length) target.spec = { resources: Object.assign({}, ...parts.orphanResources), ...target.spec };
  for (const { which, state } of parts.orphanStates) {
    const status = (target.status ??= {});
    const slot = which === 'unknown' ? (status.state ? 'lastState' : 'state') : which;
    status[slot] ??= state;
  }
  const containers = target === named[0] ? named : [...named, target];
  return { containers, unnamed: target === named[0] ? 0 : 1 };
}

function toSpec(part: ContainerPart): V1Container {
  return { ...part.spec, name: part.name ?? CONTAINER_PLACEHOLDER } as V1Container;
}

function toStatus(part: ContainerPart): V1ContainerStatus {
  const image = part.status?.image ?? part.spec?.image;
  return { ...part.status, name: part.name ?? CONTAINER_PLACEHOLDER, ...(image ? { image } : {}) } as V1ContainerStatus;
}

/**
 * Rebuilds a partial pod from pasted pieces of `kubectl get pod -o yaml|json`: containers with
 * their specs and statuses, pod phase and metadata when present. Null when the pieces hold no
 * pod evidence, or belong to another kind.
 */
export function podFromFragments(values: readonly unknown[], clues: PodClues = {}): RecoveredPod | null {
  const parts = new PodParts();
  for (const value of values) parts.take(value);
  if (parts.kindOtherThanPod) return null;
  const { containers, unnamed } = mergeContainers(parts);
  // A pod's metadata says something by its name, or, cut above the name, by a deletion it shows (Terminating).
  const podMetadata = parts.saysPod && (typeof parts.metadata.name === 'string' || typeof parts.metadata.deletionTimestamp === 'string');
  if (containers.length === 0 && !parts.status.phase && !parts.status.reason && !hasPodConditions(parts.status) && !podMetadata) return null;
  const app = containers.filter((c) => !c.init);
  const init = containers.filter((c) => c.init);
  const name = typeof parts.metadata.name === 'string' ? parts.metadata.name : clues.name;
  const namespace = typeof parts.metadata.namespace === 'string' ? parts.metadata.namespace : clues.namespace;
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...parts.metadata, name: name ?? POD_PLACEHOLDER, ...(namespace ? { namespace } : {}) },
    spec: {
      ...parts.spec,
      ...(init.some((c) => c.spec) ? { initContainers: init.map(toSpec) } : {}),
      containers: app.map(toSpec),
    },
    status: {
      ...parts.status,
      // A condition cut before its `type:` line says nothing anyone can name.
      ...(Array.isArray(parts.status.conditions) ? { conditions: parts.status.conditions.filter((c) => isObject(c) && typeof c.type === 'string') } : {}),
      ...(init.some((c) => c.status) ? { initContainerStatuses: init.filter((c) => c.status).map(toStatus) } : {}),
      ...(app.some((c) => c.status) ? { containerStatuses: app.filter((c) => c.status).map(toStatus) } : {}),
    },
  };
  return { pod, podNamed: name !== undefined, unnamedContainers: unnamed };
}
