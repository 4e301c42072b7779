import type { V1Job, V1LabelSelector } from '@kubernetes/client-node';
import type { Incident } from '../../model/incident.js';
import { InputError } from '../input-error.js';
import type { ClusterClient } from './api-client.js';
import { closestNames } from './closest-names.js';
import { gatherPod } from './gather-pod.js';
import { gatherScope, type ScanOptions } from './gather-scope.js';
import { labelSelectorText } from './label-selector.js';
import type { PodTarget } from './pod-target.js';
import type { ReadCache } from './read-cache.js';
import { ClusterRequestError } from './request-error.js';
import { JOBS, PODS, type ResourceType } from './resources.js';
import { jobWithoutPodsIncident } from './job-without-pods.js';

/** Pages of names read to suggest what a mistyped name meant. */
const SUGGESTION_PAGES = 2;

/** "pod "x" not found in namespace y", with the closest existing names when podmortem may list them. */
export async function notFound(client: ClusterClient, type: ResourceType, namespace: string, name: string): Promise<InputError> {
  const what = `${type.kind.toLowerCase()} "${name}" not found in namespace ${namespace}`;
  let names: string[];
  try {
    const list = await client.list<{ metadata?: { name?: string } }>({ verb: 'list', type, namespace }, SUGGESTION_PAGES);
    names = list.items.map((i) => i.metadata?.name ?? '').filter(Boolean);
  } catch (error) {
    if (!(error instanceof ClusterRequestError && error.kind === 'status')) throw error;
    return new InputError(`${what}: check the name and -n (podmortem may not list ${type.plural} there to suggest names)`);
  }
  if (names.length === 0) return new InputError(`${what}, which has no ${type.plural}: is -n right? (kubectl get ${type.plural} -A finds it)`);
  const closest = closestNames(name, names);
  if (closest.length) return new InputError(`${what}; did you mean ${closest.join(', ')}?`);
  return new InputError(`${what}; none of its ${names.length} ${type.plural} has a similar name: is -n right?`);
}

async function orNotFound<T>(client: ClusterClient, type: ResourceType, namespace: string, name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ClusterRequestError && error.notFound) throw await notFound(client, type, namespace, name);
    throw error;
  }
}

/**
 * The incidents `diagnose` looks at: the one pod, or every pod a workload's selector matches
 * (gathered like a scan of that selector, so a big Deployment costs a bounded number of requests).
 */
export async function gatherTarget(reads: ReadCache, namespace: string, target: PodTarget, options: ScanOptions = {}): Promise<Incident[]> {
  const client = reads.client;
  if (target.kind === 'pod') return [await orNotFound(client, PODS, namespace, target.name, () => gatherPod(reads, namespace, target.name))];
  const workload = await orNotFound(client, target.type, namespace, target.name, () =>
    client.get<{ spec?: { selector?: V1LabelSelector } }>({ verb: 'get', type: target.type, namespace, name: target.name }),
  );
  const labelSelector = labelSelectorText(workload.spec?.selector);
  if (!labelSelector) throw new InputError(`${target.ref} in namespace ${namespace} has no pod selector, so it selects no pods to diagnose`);
  const incidents = await gatherScope(reads, { namespace, labelSelector }, options);
  if (incidents.length || target.type !== JOBS) return incidents;
  // A finished Job whose pods are gone is still evidence: its conditions say how it ended.
  const standIn = jobWithoutPodsIncident(client, workload as V1Job, new Date().toISOString());
  return standIn ? [standIn] : incidents;
}
