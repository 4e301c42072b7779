import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import type { OwnerLink } from '../../model/incident.js';
import type { MissingEvidence } from './missing-evidence.js';
import type { ReadCache } from './read-cache.js';
import { JOBS, REPLICA_SETS, type ResourceType } from './resources.js';

/** Owners that are themselves owned by the workload a user thinks in: Deployment, CronJob. */
const OWNED_OWNERS: Readonly<Record<string, ResourceType>> = { ReplicaSet: REPLICA_SETS, Job: JOBS };

/** The controller reference, else the first owner: what `kubectl describe` shows as Controlled By. */
export function controllerOf(metadata: V1ObjectMeta | undefined): V1OwnerReference | undefined {
  const owners = metadata?.ownerReferences ?? [];
  return owners.find((o) => o.controller) ?? owners[0];
}

/**
 * The chain from the pod's controller up to the workload (ReplicaSet -> Deployment,
 * Job -> CronJob): at most one read per link that has an owner of its own, shared via `reads`.
 */
export async function fetchOwnerChain(reads: ReadCache, metadata: V1ObjectMeta | undefined, missing: MissingEvidence): Promise<OwnerLink[]> {
  const chain: OwnerLink[] = [];
  let owner = controllerOf(metadata);
  const namespace = metadata?.namespace ?? 'default';
  while (owner && chain.length < 4) {
    chain.push({ kind: owner.kind, name: owner.name });
    const type = OWNED_OWNERS[owner.kind];
    if (!type) break;
    const { kind, name } = owner;
    const object = await missing.attempt(`owner of ${kind} ${name}`, () =>
      reads.get<{ metadata?: V1ObjectMeta }>({ verb: 'get', type, namespace, name }),
    );
    owner = controllerOf(object?.metadata);
  }
  return chain;
}
