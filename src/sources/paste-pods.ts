import type { V1Pod } from '@kubernetes/client-node';
import { podFromFragments, type RecoveredPod } from './describe/fragment-to-pod.js';
import { missingFromFragment } from './describe/missing-evidence.js';
import { InputError } from './input-error.js';
import type { KubeObjects, PasteNotes } from './kube-objects.js';
import { shapeProblem } from './object-shapes.js';

// Pods rebuilt from pasted pieces, kept apart from the describe-text reader (text-input.ts) so
// reading kubectl JSON or YAML never loads that reader nor the YAML parser it needs.

export function addPod(into: KubeObjects, pod: V1Pod, notes: PasteNotes): void {
  into.pods.push(pod);
  into.pasteNotes.set(pod, notes);
}

export function addRecovered(label: string, into: KubeObjects, recovered: RecoveredPod, cut: boolean): void {
  // The pieces are copied as they were pasted: a wrong type in them is named, not met later.
  const problem = shapeProblem('Pod', recovered.pod);
  if (problem) throw new InputError(`${label}: ${problem}: fix that piece of the pasted YAML or JSON`);
  addPod(into, recovered.pod, { missing: missingFromFragment({ ...recovered, namespaced: Boolean(recovered.pod.metadata?.namespace), cut }), standIn: false });
}

/**
 * Pieces of a pod without its `kind` (a `status:` block, a containers list) that parsed as YAML
 * or JSON: rebuilt like pasted fragments. False when they hold no pod evidence.
 */
export function collectPodParts(label: string, document: Record<string, unknown>, into: KubeObjects): boolean {
  const recovered = podFromFragments([document]);
  if (!recovered) return false;
  addRecovered(label, into, recovered, false);
  return true;
}

/** A pod known only from pasted events gives way to the real Pod when another input has it. */
export function replaceStandInPods(into: KubeObjects): void {
  const real = into.pods.filter((p) => !into.pasteNotes.get(p)?.standIn);
  into.pods = into.pods.filter((pod) => {
    if (!into.pasteNotes.get(pod)?.standIn) return true;
    const { name, namespace } = pod.metadata ?? {};
    const replacement = real.find((r) => r.metadata?.name === name && (!namespace || !r.metadata?.namespace || r.metadata.namespace === namespace));
    if (!replacement) return true;
    into.pasteNotes.delete(pod);
    // Events pasted without a namespace belong to the real pod's.
    const realNamespace = replacement.metadata?.namespace;
    if (realNamespace && !namespace) {
      into.events = into.events.map((e) =>
        e.involvedObject.kind === 'Pod' && e.involvedObject.name === name && !e.involvedObject.namespace
          ? { ...e, involvedObject: { ...e.involvedObject, namespace: realNamespace } }
          : e,
      );
    }
    return false;
  });
}
