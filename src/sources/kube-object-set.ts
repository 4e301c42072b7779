import type { V1EndpointSlice, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import type { PodEvent } from '../model/event.js';
import type { ContainerLogs } from '../model/incident.js';
import type { Bundle } from './bundle.js';
import { emptyOwnerObjects, type OwnerObjects } from './workload-evidence.js';

/** What a pod read from pasted text (describe output, YAML pieces) could not show. */
export interface PasteNotes {
  /** Human lines for `Incident.missing`. */
  readonly missing: readonly string[];
  /** The capture time the paste's relative ages were counted back from. */
  readonly capturedAt?: string;
  /** That capture time is only the latest time the paste shows: the paste did not say when it was taken. */
  readonly captureInferred?: boolean;
  /** Built from events alone: a real Pod from another input replaces it. */
  readonly standIn: boolean;
  /** The paste showed none of its events (cut above them, or a piece of YAML): unknown unless others join it. */
  readonly eventsNotShown?: boolean;
  /** `kubectl logs` output pasted with it. */
  readonly logs?: readonly ContainerLogs[];
  /**
   * The events of its own describe block. They are this pod's, never another described pod's of
   * the same name: a paste of the same pod described many times joins in linear time.
   */
  readonly ownEvents?: readonly PodEvent[];
  /** kubectl's error that the API server could not reach the pod's kubelet (`dial tcp IP:10250: i/o timeout`). */
  readonly kubeletUnreachable?: string;
  /** kubectl's report that the API server refused to create the pod (`pods "web" is forbidden: ...`). */
  readonly createRefused?: string;
  /** A failure line of program output pasted beside the pod that names none of its containers. */
  readonly unplacedOutputFailure?: string;
  /** `Terminating` as the paste printed it, which does not say when the deletion began (see Incident). */
  readonly deletionShownAs?: string;
  /** The pod's rows show it ready, then not, with no restart between (see Incident). */
  readonly readinessLostInRows?: string;
  /** Pods of other workloads the paste shows Terminating on the same node (see Incident). */
  readonly terminatingNeighbours?: readonly string[];
}

/** Kubernetes objects read from inputs, sorted by kind. */
export interface KubeObjects {
  pods: V1Pod[];
  events: PodEvent[];
  nodes: V1Node[];
  services: V1Service[];
  endpointSlices: V1EndpointSlice[];
  bundles: Bundle[];
  pasteNotes: Map<V1Pod, PasteNotes>;
  /** Nodes known only from `kubectl get nodes` rows: a Node another input gives whole replaces them. */
  rowNodes: Set<V1Node>;
  /** Controllers given beside the pods (`kubectl get deploy,rs,pods -o json`): owner chains and rollout history. */
  owners: OwnerObjects;
  /** The first controller read and where, to say what to add when no pod came with it. */
  firstOwner?: { readonly label: string; readonly object: Record<string, unknown> };
}

export function emptyObjects(): KubeObjects {
  return { pods: [], events: [], nodes: [], services: [], endpointSlices: [], bundles: [], pasteNotes: new Map(), rowNodes: new Set(), owners: emptyOwnerObjects() };
}
