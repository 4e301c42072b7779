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
