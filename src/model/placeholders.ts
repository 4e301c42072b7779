/** Names that stand in for what the evidence does not show; they read as "fill this in" in commands. */
export const POD_PLACEHOLDER = '<pod>';
export const NAMESPACE_PLACEHOLDER = '<namespace>';
export const CONTAINER_PLACEHOLDER = '<container>';

/** Whether a name is a stand-in (`<container>`, `<container-2>`) rather than one the evidence gave. */
export function isPlaceholder(name: string): boolean {
  return name.startsWith('<');
}
