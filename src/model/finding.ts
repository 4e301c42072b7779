import type { Severity } from './severity.js';

/** One line of proof: where it was read and what it says. */
export interface Evidence {
  /** The field path, event or log the text comes from, e.g. `status.containerStatuses[app].lastState.terminated.reason`. */
  readonly source: string;
  readonly text: string;
}

/** One step of what to do next; `command` is a kubectl (or shell) line to confirm or fix. */
export interface RemediationStep {
  readonly text: string;
  readonly command?: string;
}

/** One condition of a rule as it was evaluated: the "why" behind a finding. */
export interface MatchedCondition {
  readonly fact: string;
  readonly operator: string;
  readonly value: unknown;
  readonly factValue: unknown;
  readonly result: boolean;
}

/** What a rule concluded about one pod or container. */
export interface Finding {
  /** Unique within a pod: `rule` or `rule/container`. */
  readonly id: string;
  readonly rule: string;
  readonly cause: string;
  readonly severity: Severity;
  /** The container the finding is about; null for the pod as a whole. */
  readonly container: string | null;
  readonly title: string;
  readonly explanation: string;
  readonly evidence: readonly Evidence[];
  readonly remediation: readonly RemediationStep[];
  /** For a symptom: the id of the finding that causes it. */
  readonly causedBy?: string;
  /** Whether this finding is a symptom of another (linked by `causedBy`). */
  readonly symptom: boolean;
  /**
   * Context for the root cause, never a cause itself: what changed before it (a rollout), where it
   * happens (the failing replicas' node). `relatedTo` is the id of the finding it explains.
   */
  readonly context?: boolean;
  readonly relatedTo?: string;
  /** The conditions that matched, with the fact values they saw. */
  readonly why: readonly MatchedCondition[];
}

/**
 * Where a header value came from: the pod's status (`shown`); its events, when the status is not
 * in the evidence (`derived`: a best guess, and for restarts a lower bound since events expire);
 * or nowhere (`not-shown`).
 */
export type HeaderSource = 'shown' | 'derived' | 'not-shown';

/** How much of the header the evidence showed, so no report claims a status it only guessed. */
export interface PodHeader {
  readonly phase: 'shown' | 'not-shown';
  readonly status: HeaderSource;
  /** Restarts of the app and sidecar containers; with `restartsFrom: derived`, at least this many. Null when not shown. */
  readonly restarts: number | null;
  readonly restartsFrom: HeaderSource;
}

/** The controller a pod belongs to, as kubectl names its kind: the top of the owner chain. */
export interface PodOwner {
  readonly kind: string;
  readonly name: string;
  /** The revision the pod runs (Deployment, StatefulSet, DaemonSet); null when not known. */
  readonly revision: number | null;
}

/** The diagnosis of one pod: findings ranked root cause first. */
export interface PodDiagnosis {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | null;
  readonly phase: string;
  /** Status as `kubectl get pods` prints it, e.g. `CrashLoopBackOff`, `Init:Error`. */
  readonly status: string;
  /** The worst severity among the findings; null when healthy. */
  readonly severity: Severity | null;
  readonly findings: readonly Finding[];
  /** Evidence that was not available for this diagnosis. */
  readonly missing: readonly string[];
  /** Where phase, status and restarts came from; absent means all were shown. */
  readonly header?: PodHeader;
  /** The top controller (`Deployment orders-api`); null for a bare pod or when not known. */
  readonly owner?: PodOwner | null;
}
