import type { V1EndpointSlice, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import type { KubeObjects } from './kube-object-set.js';
import { normalizeEvent } from './normalize-event.js';
import { InputError } from './input-error.js';
import { isBundle, parseBundle } from './bundle.js';
import { collectPodParts } from './paste-pods.js';
import { collectJobParts } from './job-stand-ins.js';
import { workloadRef } from '../model/workload-ref.js';
import { OWNER_KINDS, type OwnerObjects } from './workload-evidence.js';
import { checkShape, MAX_OBJECT_DEPTH } from './object-shapes.js';
import { pathDeeperThan } from '../model/json-depth.js';

// The set itself lives apart so the live path can build one without loading the paste readers (and YAML).
export { emptyObjects, type KubeObjects, type PasteNotes } from './kube-object-set.js';

/** Kinds `podmortem diagnose KIND/NAME` reads on a live cluster. */
const DIAGNOSABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** A workload given without any of its pods: what to give instead, in one line. */
export function workloadWithoutPods(label: string, object: Record<string, unknown>): InputError {
  const kind = String(object.kind);
  const selector = selectorOf(object);
  const name = (object.metadata as { name?: string } | undefined)?.name ?? 'NAME';
  const live = DIAGNOSABLE_KINDS.has(kind) ? ` (or podmortem diagnose ${workloadRef(kind, name)} on a live cluster)` : '';
  return new InputError(`${label} is a ${kind}, not a Pod: give its pods, e.g. kubectl get pods ${selector ? `-l ${selector}` : ''} -o yaml > pods.yaml${live}`.replace('  ', ' '));
}

function selectorOf(object: Record<string, unknown>): string | null {
  const spec = object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined;
  const labels = spec?.selector?.matchLabels;
  return labels ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') : null;
}

/** A workload's pod template (`spec.template`) pasted without its kind is not a pod. */
function isWorkloadSpec(object: Record<string, unknown>): boolean {
  const spec = object.spec as { template?: unknown; jobTemplate?: unknown } | undefined;
  return Boolean(spec && typeof spec === 'object' && (spec.template || spec.jobTemplate));
}

/** Sorts one parsed document (object, List or bundle) into `into`; unknown kinds are errors that say what to give instead. */
export function collectObjects(label: string, document: unknown, into: KubeObjects): void {
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    if (Array.isArray(document)) {
      const deep = pathDeeperThan(document, MAX_OBJECT_DEPTH);
      if (deep) throw new InputError(`${label} nests deeper than ${MAX_OBJECT_DEPTH} levels (at ${deep}): that is no kubectl output; give kubectl get -o yaml (or -o json) output`);
      for (const item of document) collectObjects(label, item, into);
      return;
    }
    throw new InputError(`${label} holds no Kubernetes object: give kubectl get pod NAME -o yaml (or -o json) output`);
  }
  const object = document as Record<string, unknown>;
  checkShape(label, object);
  if (isBundle(object)) {
    into.bundles.push(parseBundle(label, object));
    return;
  }
  const kind = typeof object.kind === 'string' ? object.kind : '';
  switch (kind) {
    case 'Pod':
      into.pods.push(object as V1Pod);
      return;
    case 'Event':
      into.events.push(normalizeEvent(object));
      return;
    case 'Node':
      into.nodes.push(object as V1Node);
      return;
    case 'Service':
      into.services.push(object as V1Service);
      return;
    case 'EndpointSlice':
      into.endpointSlices.push(object as unknown as V1EndpointSlice);
      return;
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ControllerRevision':
    case 'Job':
    case 'CronJob':
      (into.owners[OWNER_KINDS[kind] as keyof OwnerObjects] as unknown[]).push(object);
      into.firstOwner ??= { label, object };
      return;
    case 'List':
    case 'PodList':
    case 'EventList':
    case 'NodeList':
    case 'ServiceList':
    case 'EndpointSliceList':
    case 'ReplicaSetList':
    case 'DeploymentList':
    case 'StatefulSetList':
    case 'DaemonSetList':
    case 'ControllerRevisionList':
    case 'JobList':
    case 'CronJobList': {
      const items = Array.isArray(object.items) ? object.items : [];
      const itemKind = kind === 'List' ? undefined : kind.replace(/List$/, '');
      for (const item of items) {
        const withKind = itemKind && item && typeof item === 'object' && !('kind' in item) ? { kind: itemKind, ...item } : item;
        collectObjects(label, withKind, into);
      }
      return;
    }
  }
  if (!kind && !isWorkloadSpec(object) && (collectJobParts(label, [object], into) || collectPodParts(label, object, into))) return;
  if (!kind && ('containers' in object || 'containerStatuses' in object || 'spec' in object)) {
    throw new InputError(`${label} looks like part of a pod without its kind: give the whole object from kubectl get pod NAME -o yaml`);
  }
  throw new InputError(`${label} is a ${kind || 'document without a kind'}, which podmortem does not read: give Pods, Events, a Node, Services, EndpointSlices, their Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions, Jobs, or a podmortem bundle`);
}
