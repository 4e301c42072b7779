import { pathDeeperThan } from '../model/json-depth.js';
import { InputError } from './input-error.js';

/**
 * The shape of every object podmortem reads from a file, a paste or an API server, checked in
 * this one place before anything else touches it: a string where a list belongs, a null in a
 * list of containers or an event without its object is named here ("field
 * status.containerStatuses of pod shop/web-0 is not a list"), never thrown later as a JavaScript
 * error. Only the fields podmortem reads are described; anything else passes as it is. A field
 * that is null or absent is simply not set.
 */
type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  /** A label value, a quantity, a port: kubectl writes strings, a hand-written YAML numbers and booleans. */
  | 'scalar'
  /** An RFC 3339 time (Date.parse reads it). */
  | 'time'
  | 'object'
  | { readonly list: Shape }
  | { readonly map: Shape }
  | { readonly fields: Readonly<Record<string, Shape>>; readonly required?: readonly string[] };

const list = (item: Shape): Shape => ({ list: item });
const map = (value: Shape): Shape => ({ map: value });
const fields = (shape: Record<string, Shape>, required: readonly string[] = []): Shape => ({ fields: shape, required });

const METADATA = fields({
  name: 'string',
  namespace: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'number',
  labels: map('scalar'),
  annotations: map('scalar'),
  creationTimestamp: 'time',
  deletionTimestamp: 'time',
  deletionGracePeriodSeconds: 'number',
  finalizers: list('string'),
  ownerReferences: list(fields({ kind: 'string', name: 'string', uid: 'string', controller: 'boolean', apiVersion: 'string' }, ['kind', 'name'])),
});

const PROBE = fields({
  exec: fields({ command: list('scalar') }),
  httpGet: fields({ path: 'string', port: 'scalar', host: 'string', scheme: 'string', httpHeaders: list(fields({ name: 'string', value: 'scalar' }, ['name'])) }),
  tcpSocket: fields({ port: 'scalar', host: 'string' }),
  grpc: fields({ port: 'number', service: 'string' }),
  initialDelaySeconds: 'number',
  periodSeconds: 'number',
  timeoutSeconds: 'number',
  failureThreshold: 'number',
  successThreshold: 'number',
  terminationGracePeriodSeconds: 'number',
});

const HANDLER = fields({ exec: fields({ command: list('scalar') }), httpGet: fields({ path: 'string', port: 'scalar', httpHeaders: list(fields({ name: 'string', value: 'scalar' })) }) });

// The API server refuses a container or a status without its name; everything indexes by it.
const CONTAINER = fields({
  name: 'string',
  image: 'string',
  imagePullPolicy: 'string',
  command: list('scalar'),
  args: list('scalar'),
  workingDir: 'string',
  restartPolicy: 'string',
  env: list(fields({ name: 'string', value: 'scalar', valueFrom: 'object' }, ['name'])),
  envFrom: list(fields({ configMapRef: fields({ name: 'string', optional: 'boolean' }), secretRef: fields({ name: 'string', optional: 'boolean' }), prefix: 'string' })),
  resources: fields({ limits: map('scalar'), requests: map('scalar') }),
  ports: list(fields({ containerPort: 'number', hostPort: 'number', protocol: 'string', name: 'string' })),
  volumeMounts: list(fields({ name: 'string', mountPath: 'string', subPath: 'string', readOnly: 'boolean' }, ['name'])),
  livenessProbe: PROBE,
  readinessProbe: PROBE,
  startupProbe: PROBE,
  lifecycle: fields({ postStart: HANDLER, preStop: HANDLER }),
  securityContext: 'object',
}, ['name']);

const CONTAINER_STATE = fields({
  waiting: fields({ reason: 'string', message: 'string' }),
  running: fields({ startedAt: 'time' }),
  terminated: fields({ exitCode: 'number', signal: 'number', reason: 'string', message: 'string', startedAt: 'time', finishedAt: 'time', containerID: 'string' }),
});

const CONTAINER_STATUS = fields({
  name: 'string',
  image: 'string',
  imageID: 'string',
  containerID: 'string',
  ready: 'boolean',
  started: 'boolean',
  restartCount: 'number',
  state: CONTAINER_STATE,
  lastState: CONTAINER_STATE,
}, ['name']);

const CONDITION = fields({ type: 'string', status: 'string', reason: 'string', message: 'string', lastTransitionTime: 'time', lastProbeTime: 'time', lastHeartbeatTime: 'time' }, ['type']);

const POD = fields({
  metadata: METADATA,
  spec: fields({
    containers: list(CONTAINER),
    initContainers: list(CONTAINER),
    ephemeralContainers: list(CONTAINER),
    nodeName: 'string',
    restartPolicy: 'string',
    priority: 'number',
    priorityClassName: 'string',
    serviceAccountName: 'string',
    nodeSelector: map('scalar'),
    affinity: 'object',
    tolerations: list(fields({ key: 'string', operator: 'string', value: 'scalar', effect: 'string', tolerationSeconds: 'number' })),
    volumes: list(fields({ name: 'string', configMap: 'object', secret: 'object', persistentVolumeClaim: 'object', projected: 'object', emptyDir: 'object', hostPath: 'object' }, ['name'])),
    terminationGracePeriodSeconds: 'number',
    activeDeadlineSeconds: 'number',
  }),
  status: fields({
    phase: 'string',
    reason: 'string',
    message: 'string',
    hostIP: 'string',
    podIP: 'string',
    qosClass: 'string',
    nominatedNodeName: 'string',
    startTime: 'time',
    conditions: list(CONDITION),
    containerStatuses: list(CONTAINER_STATUS),
    initContainerStatuses: list(CONTAINER_STATUS),
    ephemeralContainerStatuses: list(CONTAINER_STATUS),
  }),
});

const OBJECT_REFERENCE = fields({ kind: 'string', name: 'string', namespace: 'string', uid: 'string', fieldPath: 'string', apiVersion: 'string' });

const CORE_EVENT = fields({
  metadata: METADATA,
  involvedObject: OBJECT_REFERENCE,
  reason: 'string',
  message: 'string',
  type: 'string',
  count: 'number',
  firstTimestamp: 'time',
  lastTimestamp: 'time',
  eventTime: 'time',
  source: fields({ component: 'string', host: 'string' }),
  reportingComponent: 'string',
  series: fields({ count: 'number', lastObservedTime: 'time' }),
});

const EVENTS_V1_EVENT = fields({
  metadata: METADATA,
  regarding: OBJECT_REFERENCE,
  reason: 'string',
  note: 'string',
  type: 'string',
  deprecatedCount: 'number',
  deprecatedFirstTimestamp: 'time',
  deprecatedLastTimestamp: 'time',
  eventTime: 'time',
  reportingController: 'string',
  deprecatedSource: fields({ component: 'string', host: 'string' }),
  series: fields({ count: 'number', lastObservedTime: 'time' }),
});

const NODE = fields({
  metadata: METADATA,
  spec: fields({ unschedulable: 'boolean', taints: list(fields({ key: 'string', value: 'scalar', effect: 'string' }, ['key'])) }),
  status: fields({
    conditions: list(CONDITION),
    allocatable: map('scalar'),
    capacity: map('scalar'),
    nodeInfo: fields({ architecture: 'string', operatingSystem: 'string', kubeletVersion: 'string', containerRuntimeVersion: 'string' }),
  }),
});

const SERVICE = fields({ metadata: METADATA, spec: fields({ selector: map('scalar'), type: 'string', ports: list('object') }) });

const ENDPOINT_SLICE = fields({
  metadata: METADATA,
  endpoints: list(
    fields({
      addresses: list('string'),
      conditions: fields({ ready: 'boolean', serving: 'boolean', terminating: 'boolean' }),
      targetRef: OBJECT_REFERENCE,
      nodeName: 'string',
    }),
  ),
});

const LIST = fields({ items: list('object') });

/** A Job: what its stand-in and the Job facts read (job-status.ts). The API server requires a condition's type and status. */
const JOB = fields({
  metadata: METADATA,
  spec: fields({ backoffLimit: 'number', activeDeadlineSeconds: 'number', completions: 'number', parallelism: 'number' }),
  status: fields({
    conditions: list(fields({ type: 'string', status: 'string', reason: 'string', message: 'string', lastTransitionTime: 'time', lastProbeTime: 'time' }, ['type', 'status'])),
    failed: 'number',
    succeeded: 'number',
    active: 'number',
    startTime: 'time',
    completionTime: 'time',
  }),
});

/** An event as an Incident holds it (model/event.ts): what every fact reads without a guard. */
const POD_EVENT = fields(
  {
    type: 'string',
    reason: 'string',
    message: 'string',
    count: 'number',
    firstTimestamp: 'time',
    lastTimestamp: 'time',
    involvedObject: fields({ kind: 'string', name: 'string', namespace: 'string', uid: 'string', fieldPath: 'string' }, ['kind', 'name']),
    source: 'string',
    host: 'string',
  },
  ['reason', 'message', 'involvedObject'],
);

const INCIDENT = fields(
  {
    pod: POD,
    events: list(POD_EVENT),
    logs: list(fields({ container: 'string', previous: 'string', current: 'string' }, ['container'])),
    node: NODE,
    nodeEvents: list(POD_EVENT),
    services: list(fields({ name: 'string', namespace: 'string', selector: map('scalar'), endpointReady: 'boolean', readyEndpoints: 'number' }, ['name'])),
    owners: list(fields({ kind: 'string', name: 'string' }, ['kind', 'name'])),
    source: fields({ kind: 'string', files: list('string'), context: 'string', capturedAt: 'time', capturedAtInferred: 'boolean' }),
    missing: list('string'),
  },
  ['pod'],
);

const BUNDLE = fields({
  schemaVersion: 'number',
  createdBy: 'string',
  createdAt: 'time',
  incidents: list(INCIDENT),
  timelines: list(fields({ namespace: 'string', name: 'string', snapshots: list(INCIDENT) }, ['snapshots'])),
});

/** The kinds of object described, as their `kind` names them. */
export type ShapeKind = 'Pod' | 'Event' | 'Node' | 'Service' | 'EndpointSlice' | 'Job' | 'List' | 'PodmortemBundle';

/** An object nested deeper than this is no Kubernetes object (the deepest real ones nest about 20). */
export const MAX_OBJECT_DEPTH = 64;

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  scalar: 'a single value',
  time: 'a time like 2026-01-02T15:04:05Z',
  object: 'an object',
  list: 'a list',
  map: 'an object',
  fields: 'an object',
};

interface Mismatch {
  readonly path: string;
  readonly expected: string;
  readonly missing?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fits(value: unknown, shape: Shape): boolean {
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
        return typeof value === 'string';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'scalar':
        return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      case 'time':
        return typeof value === 'string' && Number.isFinite(Date.parse(value));
      case 'object':
        return isRecord(value);
    }
  }
  return 'list' in shape ? Array.isArray(value) : isRecord(value);
}

/** A field's path from its parts, outermost first (`status.containerStatuses[0].state`). */
function pathOf(parts: ReadonlyArray<string | number>): string {
  let path = '';
  for (const key of parts) path = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
  return path;
}

/** Where a value does not fit: its path's parts from the innermost out (reversed once, for the message). */
interface Misfit {
  readonly parts: Array<string | number>;
  readonly expected: string;
  readonly missing?: boolean;
}

const misfit = (key: string | number, expected: string, missing?: boolean): Misfit => ({ parts: [key], expected, ...(missing ? { missing } : {}) });
const expectedOf = (shape: Shape): string => EXPECTED[typeof shape === 'string' ? shape : 'list' in shape ? 'list' : 'map' in shape ? 'map' : 'fields']!;

/**
 * A fields shape's entries, listed once: the walk below runs over every pod of a fleet, so it
 * neither lists a shape's fields nor builds a path per field it visits (a path is built only for
 * the field that does not fit, on the way back up).
 */
const fieldEntries = new WeakMap<object, ReadonlyArray<readonly [string, Shape]>>();
function entriesOf(shape: { readonly fields: Readonly<Record<string, Shape>> }): ReadonlyArray<readonly [string, Shape]> {
  let entries = fieldEntries.get(shape);
  if (!entries) fieldEntries.set(shape, (entries = Object.entries(shape.fields)));
  return entries;
}

/** The first field that does not fit, in document order, or null. Null and absent fields fit anything. */
function firstMismatch(value: unknown, shape: Shape): Mismatch | null {
  if (!fits(value, shape)) return { path: '', expected: expectedOf(shape) };
  const found = misfitWithin(value, shape);
  if (!found) return null;
  return { path: pathOf(found.parts.reverse()), expected: found.expected, ...(found.missing ? { missing: true } : {}) };
}

/** The first part of `value` (which fits `shape` itself) that does not fit, or null. */
function misfitWithin(value: unknown, shape: Shape): Misfit | null {
  if (typeof shape === 'string') return null;
  if ('list' in shape) {
    const items = value as unknown[];
    const itemShape = shape.list;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // A list item is never "not set": a null container status is a damaged list.
      if (item === null || item === undefined) return misfit(i, EXPECTED[typeof itemShape === 'string' ? itemShape : 'fields']!);
      const found = within(item, itemShape, i);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  if ('map' in shape) {
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (item === null || item === undefined) continue;
      const found = within(item, shape.map, key);
      if (found) return found;
    }
    return null;
  }
  for (const key of shape.required ?? []) {
    if (record[key] === null || record[key] === undefined) return misfit(key, '', true);
  }
  for (const [key, fieldShape] of entriesOf(shape)) {
    const item = record[key];
    if (item === null || item === undefined) continue;
    const found = within(item, fieldShape, key);
    if (found) return found;
  }
  return null;
}

/** `item`, at `key` of its parent, checked against `shape`: the misfit with `key` added to its path. */
function within(item: unknown, shape: Shape, key: string | number): Misfit | null {
  const found = fits(item, shape) ? misfitWithin(item, shape) : { parts: [], expected: expectedOf(shape) };
  found?.parts.push(key);
  return found;
}

const SHAPES: Record<ShapeKind, Shape> = { Pod: POD, Event: CORE_EVENT, Node: NODE, Service: SERVICE, EndpointSlice: ENDPOINT_SLICE, Job: JOB, List: LIST, PodmortemBundle: BUNDLE };

function shapeOf(kind: ShapeKind, object: Record<string, unknown>): Shape {
  if (kind !== 'Event') return SHAPES[kind];
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  return apiVersion.startsWith('events.k8s.io/') || ('regarding' in object && !('involvedObject' in object)) ? EVENTS_V1_EVENT : CORE_EVENT;
}

/** `pod shop/web-0`, `event web-0.17a2`, `the bundle`: the object a message is about. */
function objectName(kind: ShapeKind, object: Record<string, unknown>): string {
  if (kind === 'PodmortemBundle') return 'the bundle';
  if (kind === 'List') return 'the List';
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const named = name ? ` ${namespace ? `${namespace}/` : ''}${name}` : ' (unnamed)';
  return `${kind === 'EndpointSlice' ? 'EndpointSlice' : kind.toLowerCase()}${named}`;
}

/**
 * What is wrong with the shape of one object of `kind`, as a phrase to put after a label
 * ("field status.containerStatuses of pod shop/web-0 is not a list"), or null when it fits.
 */
export function shapeProblem(kind: ShapeKind, value: unknown): string | null {
  if (!isRecord(value)) return `a ${kind} that is not an object`;
  const deep = pathDeeperThan(value, MAX_OBJECT_DEPTH);
  if (deep) return `${objectName(kind, value)} nests deeper than ${MAX_OBJECT_DEPTH} levels (at ${deep})`;
  const mismatch = firstMismatch(value, shapeOf(kind, value));
  if (!mismatch) return null;
  const about = objectName(kind, value);
  return mismatch.missing ? `field ${mismatch.path} of ${about} is missing` : `field ${mismatch.path} of ${about} is not ${mismatch.expected}`;
}

/**
 * A list item of a pasted piece that lacks a field every such item has (an owner reference cut
 * after its apiVersion): the path to its list and its index, or null when the first misfit is
 * anything else. Readers of pastes drop such an item as cut, rather than refuse the pod.
 */
export function cutListItem(kind: ShapeKind, value: unknown): { listPath: ReadonlyArray<string | number>; index: number } | null {
  if (!isRecord(value) || pathDeeperThan(value, MAX_OBJECT_DEPTH)) return null;
  const shape = shapeOf(kind, value);
  if (!fits(value, shape)) return null;
  const found = misfitWithin(value, shape);
  if (!found?.missing) return null;
  const parts = [...found.parts].reverse();
  for (let i = parts.length - 1; i >= 0; i--) {
    const index = parts[i];
    if (typeof index === 'number') return { listPath: parts.slice(0, i), index };
  }
  return null;
}

/** The kind of a parsed document podmortem has a shape for, or null. */
export function shapeKindOf(object: Record<string, unknown>): ShapeKind | null {
  const kind = object.kind;
  if (kind === 'Pod' || kind === 'Event' || kind === 'Node' || kind === 'Service' || kind === 'EndpointSlice' || kind === 'Job' || kind === 'PodmortemBundle') return kind;
  return typeof kind === 'string' && kind.endsWith('List') ? 'List' : null;
}

/**
 * Every object read is checked here before it is used: a wrong type is one line naming the field
 * and the object, never a crash later. `kind` is the object's own unless the caller knows it
 * (a List item that names no kind).
 */
export function checkShape(label: string, object: Record<string, unknown>, kind: ShapeKind | null = shapeKindOf(object)): void {
  const problem = kind && shapeProblem(kind, object);
  if (!problem) return;
  const fix = kind === 'PodmortemBundle' ? 'the bundle is damaged; record it again with podmortem record' : 'that is not what kubectl writes; save it again with kubectl get -o yaml (or -o json)';
  throw new InputError(`${label}: ${problem}: ${fix}`);
}
