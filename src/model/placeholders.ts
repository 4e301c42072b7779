/** Names that stand in for what the evidence does not show; they read as "fill this in" in commands. */
export const POD_PLACEHOLDER = '<pod>';
export const NAMESPACE_PLACEHOLDER = '<namespace>';
export const CONTAINER_PLACEHOLDER = '<container>';

/** Whether a name is a stand-in (`<container>`, `<container-2>`) rather than one the evidence gave. */
export function isPlaceholder(name: string): boolean {
  return name.startsWith('<');
}

/**
 * The status of a Node's Ready condition known only from a `kubectl get nodes` row: kubectl prints
 * NotReady for False and for Unknown alike, so a Node rebuilt from a row carries this word instead
 * of claiming either.
 */
export const NOT_READY_FROM_ROW = 'NotReady';

/**
 * What follows a Job's name in the pod that stands for its pods when only the Job is in the
 * evidence (`nightly-export-<pods not shown>`): never a pod name the API server would accept.
 */
export const JOB_PODS_NOT_SHOWN = '-<pods not shown>';

/** Whether a pod is the stand-in for the pods of a Job known only from the Job itself. */
export function standsForJobPods(podName: string | undefined): boolean {
  return Boolean(podName?.endsWith(JOB_PODS_NOT_SHOWN));
}
