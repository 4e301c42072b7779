import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { PodEvent } from '../../model/event.js';
import type { Incident, SelectingService } from '../../model/incident.js';
import type { ClusterClient } from './api-client.js';
import { listEvents, NODE_EVENTS_NAMESPACE, nodeEventsSelector } from './fetch-events.js';
import { fetchLogs } from './fetch-logs.js';
import { fetchSelectingServices } from './fetch-services.js';
import { MissingEvidence } from './missing-evidence.js';
import { fetchPodWorkload, type PodWorkload } from './fetch-owners.js';
import type { ServerFaults } from './server-faults.js';
import type { ReadCache } from './read-cache.js';
import { NODES, PODS } from './resources.js';
import { scrubIncident } from '../redaction/scrub-incident.js';

/**
 * The Incident as every live path builds it: scrubbed of secrets, sorted missing lines, the moment
 * of capture (one moment for every pod of a scan, so their ages and their siblings' agree).
 */
export function liveIncident(client: ClusterClient, parts: Omit<Incident, 'source' | 'missing'>, missing: MissingEvidence, capturedAt = new Date().toISOString()): Incident {
  return scrubIncident({
    ...parts,
    source: { kind: 'cluster', context: client.target.context, capturedAt },
    ...(missing.lines.length ? { missing: [...missing.lines].sort() } : {}),
  });
}

async function podEvents(client: ClusterClient, pod: V1Pod, missing: MissingEvidence): Promise<PodEvent[]> {
  const uid = pod.metadata?.uid;
  if (!uid) return [];
  const read = await missing.attempt('events of the pod', () => listEvents(client, pod.metadata?.namespace, `involvedObject.uid=${uid}`));
  if (read && !read.complete) missing.add(`events of the pod: more than ${read.events.length} events; the rest were not read`);
  return read?.events ?? [];
}

/** What a scan already read for the whole scope, so a pod's own gathering does not read it again. */
export interface ScopeEvidence {
  readonly events: readonly PodEvent[];
  /** Undefined when the Services could not be read. */
  readonly services: readonly SelectingService[] | undefined;
  /** Why scope-wide evidence is missing. */
  readonly missing: readonly string[];
  /** The pod's owner chain, resolved from the scope's lists of controllers. */
  readonly owners: PodWorkload['owners'];
  readonly capturedAt: string;
  /** Where a scan records the server's faults (see ServerFaults); each read then degrades instead of stopping the run. */
  readonly faults?: ServerFaults;
}

/**
 * Everything around one pod, read concurrently once the pod is known: its events, its node and
 * the node's events, the Services selecting it, the logs that matter and (outside a scan, which
 * lists them for the scope) its owner chain, its workload's revisions and its sibling pods. A
 * handful of requests, whatever the pod's history; node, owner and Service reads are shared
 * through `reads` with the other pods of the same gathering.
 */
export async function gatherAroundPod(reads: ReadCache, pod: V1Pod, scope?: ScopeEvidence): Promise<Incident> {
  const client = reads.client;
  const missing = new MissingEvidence(scope?.faults);
  for (const line of scope?.missing ?? []) missing.add(line);
  const nodeName = pod.spec?.nodeName;
  const [events, node, nodeEvents, services, fetched, workload] = await Promise.all([
    scope ? scope.events : podEvents(client, pod, missing),
    nodeName ? missing.attempt(`node ${nodeName}`, () => reads.get<V1Node>({ verb: 'get', type: NODES, name: nodeName })) : undefined,
    nodeName
      ? missing.attempt(`events of node ${nodeName}`, () =>
          reads.once(`node events ${nodeName}`, async () => (await listEvents(client, NODE_EVENTS_NAMESPACE, nodeEventsSelector(nodeName))).events),
        )
      : [],
    scope ? scope.services : fetchSelectingServices(reads, pod, missing),
    fetchLogs(client, pod, missing),
    // The pod's own node is in the incident; the workload's summary needs no other.
    scope ? ({ owners: [...scope.owners] } as PodWorkload) : fetchPodWorkload(reads, pod, undefined, missing),
  ]);
  return liveIncident(
    client,
    {
      pod,
      events,
      logs: fetched.logs,
      ...(node ? { node } : {}),
      nodeEvents: nodeEvents ?? [],
      ...(fetched.kubeletUnreachable ? { kubeletUnreachable: fetched.kubeletUnreachable } : {}),
      ...(services ? { services } : {}),
      ...(workload.owners.length ? { owners: workload.owners } : {}),
      ...(workload.workload ? { workload: workload.workload } : {}),
    },
    missing,
    scope?.capturedAt,
  );
}

/** One pod's Incident by name. A missing or forbidden pod is the caller's to explain (ClusterRequestError). */
export async function gatherPod(reads: ReadCache, namespace: string, name: string): Promise<Incident> {
  const pod = await reads.client.get<V1Pod>({ verb: 'get', type: PODS, namespace, name });
  return gatherAroundPod(reads, pod);
}
