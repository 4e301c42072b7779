import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import type { JobStatusEvidence } from './job-status.js';
import type { Severity } from './severity.js';

/**
 * One pod template revision of a workload: a Deployment's ReplicaSet (numbered by its
 * `deployment.kubernetes.io/revision` annotation) or a StatefulSet's or DaemonSet's
 * ControllerRevision (numbered by its `revision`).
 */
export interface WorkloadRevision {
  /** The number `kubectl rollout history` shows; null when the object does not carry one. */
  readonly revision: number | null;
  readonly source: 'ReplicaSet' | 'ControllerRevision';
  /** The ReplicaSet's or ControllerRevision's name. */
  readonly name: string;
  /** The label value the revision's pods carry: `pod-template-hash` or `controller-revision-hash`. */
  readonly hash: string | null;
  readonly createdAt: string | null;
  /**
   * Revision numbers this template had before (a rollback re-uses the old ReplicaSet and gives
   * it a new number, so its creation time is not when this revision began).
   */
  readonly earlierRevisions?: readonly number[];
  /** The pod template, scrubbed like a pod; null when the object did not hold one. */
  readonly template: V1PodTemplateSpec | null;
  /** A ReplicaSet's counts from its status; null for ControllerRevisions and when not shown. */
  readonly replicas: number | null;
  readonly readyReplicas: number | null;
}

/** What a workload's other pods looked like at capture: enough to compare siblings, never their specs. */
export interface WorkloadPod {
  readonly name: string;
  /** `pod-template-hash` or `controller-revision-hash`: which revision the pod runs. */
  readonly revisionHash: string | null;
  readonly node: string | null;
  readonly phase: string | null;
  /** The pod's Ready condition; null when not shown. */
  readonly ready: boolean | null;
  /** Restarts of all its containers. */
  readonly restarts: number;
  readonly startedAt: string | null;
  /** When a container of it last ended before restarting; null when it never restarted. */
  readonly lastRestartAt: string | null;
  /** Being deleted (a rollout replacing it, an eviction). */
  readonly terminating: boolean;
  /** What its containers report as wrong: waiting reasons, last termination reasons, the pod's own reason. */
  readonly problems: readonly string[];
}

/** A node some of the workload's pods run on, as far as it was read. */
export interface WorkloadNode {
  readonly name: string;
  /** `topology.kubernetes.io/zone`; null when the node was not read or has none. */
  readonly zone: string | null;
  /** Conditions that are wrong: `MemoryPressure`, `DiskPressure`, `PIDPressure`, `NetworkUnavailable`, `NotReady`. */
  readonly conditions: readonly string[];
}

/**
 * Everything about a pod's workload that a diagnosis reads: the controller's counts, its pod
 * template revisions and a summary of every pod it owns. Gathering builds one per workload and
 * every pod of that workload points at the same object, so a 1,000-pod Deployment holds its
 * revisions once.
 */
export interface WorkloadEvidence {
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet` (without a Deployment), `Job`, `CronJob`. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Replicas wanted (a DaemonSet: pods it should schedule); null when not shown. */
  readonly desired: number | null;
  readonly ready: number | null;
  /** Available replicas (Deployment, StatefulSet, DaemonSet); null when not shown. */
  readonly available: number | null;
  /** Revisions, oldest first; empty for kinds without revisions (Jobs) or when none could be read. */
  readonly revisions: readonly WorkloadRevision[];
  /** The workload's pods (this one included) as the gathering saw them. */
  readonly pods: readonly WorkloadPod[];
  /** The nodes of those pods that were read. */
  readonly nodes: readonly WorkloadNode[];
  /** A Job's own state, or a CronJob's Jobs' (each pod finds its own Job by name); absent for other kinds or when no Job object was read. */
  readonly jobs?: readonly JobStatusEvidence[];
}

/** One workload's line in a scan: its counts, its pods' most common root cause, and since which revision. */
export interface WorkloadSummary {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The newest revision in the evidence (Deployment, StatefulSet, DaemonSet); null when not known. */
  readonly revision: number | null;
  readonly ready: number | null;
  readonly desired: number | null;
  /** Available replicas (Deployment, StatefulSet, DaemonSet); null when not shown. */
  readonly available: number | null;
  /** The worst severity among its pods; null when all are healthy. */
  readonly severity: Severity | null;
  /** The root cause most of its unhealthy pods share; null when none is unhealthy. */
  readonly cause: string | null;
  /** The revision the failures began with, when a rollout finding says so. */
  readonly sinceRevision: number | null;
  /** One line: `deploy/orders-api 1/3 available: 2 pods oom-limit (...) since revision 14`. */
  readonly summary: string;
  /** Its pods in this report (names), unhealthy ones first. */
  readonly pods: readonly string[];
  readonly unhealthyPods: number;
}
