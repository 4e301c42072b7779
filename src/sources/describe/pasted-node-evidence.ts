import type { V1Pod } from '@kubernetes/client-node';
import { CONTAINER_PLACEHOLDER, POD_PLACEHOLDER } from '../../model/placeholders.js';
import type { KubeObjects } from '../kube-objects.js';
import { readKubeletUnreachable, type KubeletUnreachable } from '../kubelet-unreachable.js';
import { addPod } from '../paste-pods.js';
import { nodeFromRow } from './get-nodes-rows.js';
import { CONTAINER_UNNAMED, NO_NAMESPACE } from './missing-evidence.js';
import type { CleanPaste, PasteLine } from './paste-lines.js';

// What a paste says about its pods' nodes: `kubectl get nodes` rows, and kubectl's errors when the
// API server could not dial a pod's kubelet.

/**
 * `kubectl get nodes` rows: the Nodes pasted pods run on (by NODE of `-o wide`, a description's
 * `Node:`), as far as the rows show them. A Node another input gives whole replaces them (replaceRowNodes).
 */
export function collectNodeRows(paste: CleanPaste, into: KubeObjects): void {
  for (const row of paste.nodeRows) {
    const node = nodeFromRow(row);
    into.nodes.push(node);
    into.rowNodes.add(node);
  }
}

/**
 * The kubelet dial error a command printed instead of its output, with the pod it is about (named
 * by the kubelet URL, else by the `kubectl logs` command); null when the lines are anything else.
 */
export function kubeletErrorOf(lines: readonly PasteLine[], commandPod: string | null): KubeletUnreachable | null {
  const written = lines.filter((l) => l.text);
  const errors = written.map((l) => readKubeletUnreachable(l.text));
  const first = errors[0];
  if (!first || errors.some((e) => e === null)) return null;
  const pod = first.pod ?? commandPod;
  return pod ? { ...first, pod } : null;
}

/**
 * Pods whose kubelet the API server could not reach: the pasted pod of that name gets the error,
 * a pod the paste shows nothing else of stands in for it. True when any was read.
 */
export function collectKubeletErrors(errors: readonly KubeletUnreachable[], into: KubeObjects, podsBefore: number): boolean {
  for (const error of errors) {
    const pasted = into.pods.slice(podsBefore).find((p) => p.metadata?.name === error.pod && (!error.namespace || !p.metadata?.namespace || p.metadata.namespace === error.namespace));
    if (pasted) {
      const notes = into.pasteNotes.get(pasted) ?? { missing: [], standIn: false };
      // The kubelet URL names the namespace that rows without a NAMESPACE column leave out.
      const namespaced = Boolean(error.namespace && !pasted.metadata?.namespace);
      if (namespaced && pasted.metadata) pasted.metadata.namespace = error.namespace ?? undefined;
      into.pasteNotes.set(pasted, { ...notes, missing: namespaced ? notes.missing.filter((m) => m !== NO_NAMESPACE) : notes.missing, kubeletUnreachable: error.error });
      continue;
    }
    const container = error.container ?? CONTAINER_PLACEHOLDER;
    const pod: V1Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: error.pod ?? POD_PLACEHOLDER, ...(error.namespace ? { namespace: error.namespace } : {}) }, spec: { containers: [{ name: container }] } };
    const missing = [
      `only kubectl's error reaching the pod's kubelet was pasted: the pod's state, events and node are not in the paste (add kubectl describe pod ${error.pod} and kubectl get nodes -o wide)`,
      ...(error.namespace ? [] : [NO_NAMESPACE]),
      ...(error.container ? [] : [CONTAINER_UNNAMED]),
    ];
    addPod(into, pod, { missing, standIn: true, kubeletUnreachable: error.error });
  }
  return errors.length > 0;
}
