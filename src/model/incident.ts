import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { PodEvent } from './event.js';
import type { WorkloadEvidence } from './workload.js';

/** Where an incident's evidence came from. */
export interface IncidentSource {
  /** `file` for kubectl JSON/YAML and bundles, `describe` for pasted describe text, `cluster` for live. */
  readonly kind: 'file' | 'describe' | 'cluster';
  /** Files the evidence was read from, when it came from files. */
  readonly files?: readonly string[];
  /** Kubeconfig context, when it came from a cluster. */
  readonly context?: string;
  /** ISO time the evidence was captured; ages and "since" facts are measured against it. */
  readonly capturedAt: string;
  /**
   * True when the evidence did not say when it was captured and `capturedAt` is the latest time it
   * shows: the capture was then, or later, so a span that ends at it is at least what it measures,
   * and one that starts at that latest time is unknown, not zero.
   */
  readonly capturedAtInferred?: boolean;
}

/** Log text of one container, as the last lines `kubectl logs` would print. */
export interface ContainerLogs {
  readonly container: string;
  /** Log of the previous (crashed) instance: `kubectl logs --previous`. */
  readonly previous?: string;
  /** Log of the current instance. */
  readonly current?: string;
}

/** A Service whose selector matches the pod, with the pod's endpoint readiness in it. */
export interface SelectingService {
  readonly name: string;
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  /** Whether the pod's endpoint is marked ready in the Service's EndpointSlices; null when unknown. */
  readonly endpointReady: boolean | null;
  /** How many ready endpoints the Service has in total; null when unknown. */
  readonly readyEndpoints?: number | null;
}

/** One link in the owner chain, from the pod's direct owner up to the workload. */
export interface OwnerLink {
  readonly kind: string;
  readonly name: string;
}

/**
 * Everything known about one pod at one moment. Plain and serialisable: gathering produces it,
 * diagnosis reads it, bundles store it. Nothing downstream fetches more.
 */
export interface Incident {
  readonly pod: V1Pod;
  /** Events whose involved object is this pod, oldest first. */
  readonly events: readonly PodEvent[];
  readonly logs: readonly ContainerLogs[];
  readonly node?: V1Node;
  /** Events whose involved object is the pod's node. */
  readonly nodeEvents: readonly PodEvent[];
  /** Events about the pod's owners (its Job, its ReplicaSet) when the evidence holds them, oldest first. */
  readonly ownerEvents?: readonly PodEvent[];
  /** Services selecting the pod; undefined when not gathered. */
  readonly services?: readonly SelectingService[];
  readonly owners?: readonly OwnerLink[];
  /**
   * The workload the pod belongs to, its revisions and its other pods; shared (the same object)
   * by every pod of that workload. Undefined when not gathered.
   */
  readonly workload?: WorkloadEvidence;
  readonly source: IncidentSource;
  /** Evidence that could not be gathered (e.g. forbidden), one human line each. */
  readonly missing?: readonly string[];
  /**
   * True when the pod came from a paste that shows no events of it (a description cut above its
   * Events, a piece of its YAML): how many kills or stops the events would record is unknown, not 0.
   */
  readonly eventsNotShown?: true;
  /**
   * The dial error the API server met reaching the pod's kubelet to serve its logs (or exec), e.g.
   * `dial tcp 10.0.4.7:10250: i/o timeout`: the node is down or cut off from the control plane.
   */
  readonly kubeletUnreachable?: string;
  /**
   * kubectl's report that the API server refused to create the pod a person created themselves
   * (`pods "web" is forbidden: exceeded quota: ...`): the pod never existed.
   */
  readonly createRefused?: string;
  /**
   * A failure line in program output pasted beside the pod that names no container (no `kubectl
   * logs -c` line, several containers shown): which container printed it is not known.
   */
  readonly unplacedOutputFailure?: string;
  /**
   * How a paste showed that the pod is being deleted when it did not show when (`Terminating` in a
   * get pods row or a description's Status): its deletionTimestamp was placed at the capture.
   */
  readonly deletionShownAs?: string;
  /**
   * A paste's get pods rows of the pod show it ready and then not, still Running with no restart
   * between (a `--watch`, two listings): how they show it. Only a failing readiness probe does that.
   */
  readonly readinessLostInRows?: string;
  /**
   * Other pods, of other workloads, that the same paste shows Terminating on this pod's node
   * (`namespace/name`, the first few): the mark of a node that stopped reporting.
   */
  readonly terminatingNeighbours?: readonly string[];
}
