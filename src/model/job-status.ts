/**
 * One condition of a Job's `status.conditions`, as the Job controller writes it: `Failed` or its
 * interim `FailureTarget` with a reason (`DeadlineExceeded`, `BackoffLimitExceeded`,
 * `PodFailurePolicy`, `MaxFailedIndexesExceeded`, `FailedIndexes`), `Complete` (or its interim
 * `SuccessCriteriaMet`), `Suspended`.
 */
export interface JobCondition {
  readonly type: string;
  /** `True`, `False` or `Unknown`. */
  readonly status: string;
  readonly reason: string | null;
  readonly message: string | null;
  /** `lastTransitionTime`; null when not shown. */
  readonly since: string | null;
}

/**
 * A Job's own state as far as the evidence shows it: its conditions and pod counts. The Job is
 * often all that is left of a failed run (the controller deletes the pods it stops), so it is
 * evidence in its own right, kept as plain values for the facts to read.
 */
export interface JobStatusEvidence {
  /** The Job's name; a placeholder (`<job>`) for a status pasted without its metadata. */
  readonly name: string;
  readonly namespace: string;
  /** `status.conditions`; null when they were not shown (a spec alone, a pasted piece without them): unknown, not none. */
  readonly conditions: readonly JobCondition[] | null;
  /** `status.failed`, `status.succeeded`, `status.active`: pods counted so far; null when not shown. */
  readonly failedPods: number | null;
  readonly succeededPods: number | null;
  readonly activePods: number | null;
  readonly startTime: string | null;
  /** `spec.backoffLimit` and `spec.activeDeadlineSeconds`; null when not shown or not set. */
  readonly backoffLimit: number | null;
  readonly activeDeadlineSeconds: number | null;
}
