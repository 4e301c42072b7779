import type { V1Pod } from '@kubernetes/client-node';
import { summarizeWorkloadPod } from '../facts/workload-pods.js';
import type { WorkloadPod } from '../model/workload.js';

/**
 * What the first pass over a fleet's streamed pods keeps of each, so the second pass can join it
 * with its events and hand its text on without parsing it again: the fields that find its events
 * (uid, namespace and name, node, owners: see podEventIndex) and its workload (owners and
 * `pod-template-hash`: see WorkloadIndex), and its summary among its workload's pods.
 */
export interface PodHead {
  /** The pod cut down to those fields: what podEventIndex and WorkloadIndex.addPod read of it. */
  readonly pod: V1Pod;
  readonly summary: WorkloadPod;
}

const TEMPLATE_HASH = 'pod-template-hash';

/** The head of a parsed, shape-checked pod. */
export function podHead(pod: V1Pod): PodHead {
  const { metadata, spec } = pod;
  const hash = metadata?.labels?.[TEMPLATE_HASH];
  const head: V1Pod = {
    ...(pod.kind !== undefined ? { kind: pod.kind } : {}),
    metadata: {
      ...(metadata?.name !== undefined ? { name: metadata.name } : {}),
      ...(metadata?.namespace !== undefined ? { namespace: metadata.namespace } : {}),
      ...(metadata?.uid !== undefined ? { uid: metadata.uid } : {}),
      ...(metadata?.ownerReferences !== undefined ? { ownerReferences: metadata.ownerReferences } : {}),
      ...(hash !== undefined ? { labels: { [TEMPLATE_HASH]: hash } } : {}),
    },
    ...(spec?.nodeName !== undefined ? { spec: { nodeName: spec.nodeName } as V1Pod['spec'] } : {}),
  };
  return { pod: head, summary: summarizeWorkloadPod(pod) };
}
