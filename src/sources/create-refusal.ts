import type { V1Pod } from '@kubernetes/client-node';
import { NO_NAMESPACE } from './describe/missing-evidence.js';
import type { KubeObjects } from './kube-objects.js';
import { addPod } from './paste-pods.js';

/*
 * When a person creates a pod themselves (`kubectl apply -f pod.yaml`, `kubectl run`, `kubectl
 * create`) and the API server refuses it, no pod and no event ever exist: kubectl prints the
 * refusal and that is all the evidence there is.
 *   Error from server (Forbidden): error when creating "web.yaml": pods "web" is forbidden: exceeded quota: team, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi
 *   Error from server (Forbidden): pods "web" is forbidden: violates PodSecurity "restricted:latest": ...
 * Only a refusal that names a pod is read: one of a Deployment or another object is not a pod's.
 */

/** A pod the API server refused to create, as kubectl reported it. */
export interface CreateRefusal {
  readonly pod: string;
  readonly namespace: string | null;
  /** `pods "web" is forbidden: exceeded quota: ...`: the API server's words from the resource on. */
  readonly message: string;
}

const REFUSED = /^Error from server(?: \([A-Za-z]{1,40}\))?: (?:error when creating "[^"]{1,500}": )?(pods "([a-z0-9][a-z0-9.-]{0,252})" is forbidden: .{1,4000})$/;
/** kubectl names the namespace in the quota or Pod Security message only sometimes; `-n NS` on its command line says it. */
const NAMESPACE_FLAG = /(?:^|\s)(?:-n|--namespace)[= ]?([a-z0-9][a-z0-9-]{0,62})(?:\s|$)/;

/** The refusal one line of kubectl's output shows; null for any other line. */
export function readCreateRefusal(line: string, command: string | null): CreateRefusal | null {
  const match = REFUSED.exec(line.trim());
  if (!match?.[1] || !match[2]) return null;
  return { pod: match[2], namespace: (command && NAMESPACE_FLAG.exec(command)?.[1]) ?? null, message: match[1] };
}

/**
 * Pods the API server refused to create: the pasted pod of that name gets the refusal, a pod the
 * paste shows nothing else of stands in for it. True when any was read.
 */
export function collectCreateRefusals(refusals: readonly CreateRefusal[], into: KubeObjects, podsBefore: number): boolean {
  for (const refusal of refusals) {
    const pasted = into.pods.slice(podsBefore).find((p) => p.metadata?.name === refusal.pod);
    if (pasted) {
      const notes = into.pasteNotes.get(pasted) ?? { missing: [], standIn: false };
      into.pasteNotes.set(pasted, { ...notes, createRefused: refusal.message });
      continue;
    }
    const pod: V1Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: refusal.pod, ...(refusal.namespace ? { namespace: refusal.namespace } : {}) }, spec: { containers: [] } };
    const missing = [`only kubectl's error creating the pod was pasted: the API server refused it, so the pod never existed and has no status or events`, ...(refusal.namespace ? [] : [NO_NAMESPACE])];
    addPod(into, pod, { missing, standIn: true, createRefused: refusal.message });
  }
  return refusals.length > 0;
}
