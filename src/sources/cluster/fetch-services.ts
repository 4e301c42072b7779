import type { V1EndpointSlice, V1Pod, V1Service } from '@kubernetes/client-node';
import type { SelectingService } from '../../model/incident.js';
import { selectingServices } from '../assemble-incidents.js';
import type { MissingEvidence } from './missing-evidence.js';
import type { ReadCache } from './read-cache.js';
import { ENDPOINT_SLICES, SERVICES } from './resources.js';

/**
 * The Services in the pod's namespace whose selector matches it, with the pod's readiness in
 * their EndpointSlices. Slices are read only for those Services (by the service-name label), so
 * a namespace with many Services costs two small lists.
 */
export async function fetchSelectingServices(reads: ReadCache, pod: V1Pod, missing: MissingEvidence): Promise<SelectingService[] | undefined> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const services = await missing.attempt('Services selecting the pod', () =>
    reads.list<V1Service>({ verb: 'list', type: SERVICES, namespace }),
  );
  if (!services) return undefined;
  const selecting = selectingServices(pod, services, []);
  if (selecting.length === 0) return [];
  const names = selecting.map((s) => s.name).sort();
  const slices = await missing.attempt(`endpoint readiness in Service${names.length > 1 ? 's' : ''} ${names.join(', ')}`, () =>
    reads.list<V1EndpointSlice>({
      verb: 'list',
      type: ENDPOINT_SLICES,
      namespace,
      query: { labelSelector: `kubernetes.io/service-name in (${names.join(',')})` },
    }),
  );
  return selectingServices(pod, services, slices ?? []);
}
