import type { V1EndpointSlice, V1Pod, V1Service } from '@kubernetes/client-node';
import type { Incident } from '../../model/incident.js';
import { assembleIncidents, selectingServices } from '../assemble-incidents.js';
import { emptyObjects } from '../kube-object-set.js';
import { listEvents } from './fetch-events.js';
import { gatherAroundPod, liveIncident } from './gather-pod.js';
import { mapLimit } from './map-limit.js';
import { MissingEvidence } from './missing-evidence.js';
import { controllerOf } from './owner-chain.js';
import { needsAttention } from './pod-health.js';
import type { ServerFaults } from './server-faults.js';
import type { ReadCache } from './read-cache.js';
import { ENDPOINT_SLICES, PODS, SERVICES } from './resources.js';

/** What a scan looks at: one namespace or all, optionally only pods matching a label selector. */
export interface ScanScope {
  /** Null: all namespaces. */
  readonly namespace: string | null;
  readonly labelSelector?: string;
}

/** Pods needing attention whose logs, node and owners a scan reads, at most; the rest are diagnosed from status and events. */
export const MAX_DETAILED_PODS = 20;
/** Detailed pods gathered at the same time. */
export const DETAIL_CONCURRENCY = 4;
/** Event pages a scan reads for its scope (500 events each). */
const SCOPE_EVENT_PAGES = 100;

/**
 * Incidents for every pod in scope, from one list of pods, one of events, one of Services and
 * one of EndpointSlices (each paged), joined in memory. Only pods whose status needs attention
 * get their logs, node and owner chain read, at most MAX_DETAILED_PODS of them with bounded
 * concurrency, so the request count does not grow with the number of pods.
 *
 * Given `faults`, a server that fails once the pods are listed (stops, resets, times out, 5xx)
 * costs only what it had not answered yet: each pod keeps what was read, its missing evidence
 * names the failed read, `faults` lists them, and once the server stopped answering no pod's
 * detail is asked for. Without it such a failure stops the run, as before.
 */
export async function gatherScope(reads: ReadCache, scope: ScanScope, onProgress?: (what: string) => void, faults?: ServerFaults): Promise<Incident[]> {
  const client = reads.client;
  const namespace = scope.namespace ?? undefined;
  const missing = new MissingEvidence(faults);
  onProgress?.(`listing pods and events in ${namespace ? `namespace ${namespace}` : 'all namespaces'}`);
  const [pods, events, services, slices] = await Promise.all([
    client.list<V1Pod>({ verb: 'list', type: PODS, namespace, query: { labelSelector: scope.labelSelector } }),
    missing.attempt('events', async () => (await listEvents(client, namespace, undefined, SCOPE_EVENT_PAGES)).events),
    missing.attempt('Services selecting the pod', () => reads.list<V1Service>({ verb: 'list', type: SERVICES, namespace })),
    missing.attempt('endpoint readiness in Services', () => reads.list<V1EndpointSlice>({ verb: 'list', type: ENDPOINT_SLICES, namespace })),
  ]);
  if (!pods.complete) missing.add(`pods: more than ${pods.items.length} pods in scope; the rest were not read (narrow it with -n or -l)`);
  const joined = assembleIncidents({ ...emptyObjects(), pods: pods.items, events: events ?? [] }, { files: [], kind: 'cluster' });
  const detailed = new Set(joined.filter((i) => needsAttention(i.pod)).slice(0, MAX_DETAILED_PODS).map((i) => i.pod));
  if (detailed.size) onProgress?.(`reading logs, nodes and owners of ${detailed.size} pod${detailed.size > 1 ? 's' : ''}`);
  return mapLimit(joined, DETAIL_CONCURRENCY, async ({ pod, events: podEvents, nodeEvents }) => {
    const evidence = {
      events: podEvents,
      services: services ? selectingServices(pod, services, slices ?? []) : undefined,
      missing: missing.lines,
      ...(faults ? { faults } : {}),
    };
    if (detailed.has(pod) && !faults?.stopped) return gatherAroundPod(reads, pod, evidence);
    const own = new MissingEvidence();
    for (const line of missing.lines) own.add(line);
    if (detailed.has(pod)) {
      own.add(`logs, node and owners: not read, the API server stopped answering during the scan; run podmortem diagnose ${pod.metadata?.name} -n ${pod.metadata?.namespace} when it is back`);
    } else if (needsAttention(pod)) {
      own.add(`logs, node and owners: a scan reads them for the first ${MAX_DETAILED_PODS} pods needing attention; run podmortem diagnose ${pod.metadata?.name} -n ${pod.metadata?.namespace}`);
    }
    const owner = controllerOf(pod.metadata);
    return liveIncident(
      client,
      {
        pod,
        events: podEvents,
        logs: [],
        nodeEvents,
        ...(evidence.services ? { services: evidence.services } : {}),
        ...(owner ? { owners: [{ kind: owner.kind, name: owner.name }] } : {}),
      },
      own,
    );
  });
}
