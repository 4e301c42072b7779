import type { V1EndpointSlice, V1Pod, V1Service } from '@kubernetes/client-node';
import type { Incident } from '../../model/incident.js';
import { assembleIncidents, selectingServices } from '../assemble-incidents.js';
import { emptyObjects } from '../kube-object-set.js';
import { scrubWorkload } from '../redaction/scrub-workload.js';
import { WorkloadIndex } from '../workload-evidence.js';
import { listEvents } from './fetch-events.js';
import { listScopeOwners } from './fetch-owners.js';
import { gatherAroundPod, liveIncident } from './gather-pod.js';
import { mapLimit } from './map-limit.js';
import { MissingEvidence } from './missing-evidence.js';
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

/** How a scan orders its work and reports progress. */
export interface ScanOptions {
  readonly onProgress?: (what: string) => void;
  /**
   * Orders pods needing attention worst first, by a diagnosis of what the lists already show;
   * the first MAX_DETAILED_PODS get their logs and node read. Without it, list order.
   */
  readonly rank?: (incidents: readonly Incident[]) => Promise<readonly Incident[]>;
  /** Where a scan records the server's faults; each read then degrades instead of stopping the run. */
  readonly faults?: ServerFaults;
}

/** Pods needing attention whose logs and node a scan reads, at most; the rest are diagnosed from status, events and the listed owners. */
export const MAX_DETAILED_PODS = 20;
/** Detailed pods gathered at the same time. */
export const DETAIL_CONCURRENCY = 4;
/** Event pages a scan reads for its scope (500 events each). */
const SCOPE_EVENT_PAGES = 100;

/**
 * Incidents for every pod in scope, from one list of pods, one of events, one of Services and
 * one of EndpointSlices, and one list per kind of controller the unhealthy pods have
 * (ReplicaSets and Deployments, StatefulSets, DaemonSets and ControllerRevisions, Jobs and
 * CronJobs), each paged, joined in memory: every pod gets its owner chain and its workload's
 * revisions and siblings from those lists. Pods needing attention are ranked worst first by a
 * diagnosis of what is listed, and the worst MAX_DETAILED_PODS get their logs and node read, with
 * bounded concurrency, so the request count does not grow with the number of pods.
 *
 * Given `faults`, a server that fails once the pods are listed (stops, resets, times out, 5xx)
 * costs only what it had not answered yet: each pod keeps what was read, its missing evidence
 * names the failed read, `faults` lists them, and once the server stopped answering no pod's
 * detail is asked for. Without it such a failure stops the run, as before.
 */
export async function gatherScope(reads: ReadCache, scope: ScanScope, options: ScanOptions = {}): Promise<Incident[]> {
  const client = reads.client;
  const namespace = scope.namespace ?? undefined;
  const faults = options.faults;
  const missing = new MissingEvidence(faults);
  const capturedAt = new Date().toISOString();
  options.onProgress?.(`listing pods and events in ${namespace ? `namespace ${namespace}` : 'all namespaces'}`);
  const [pods, events, services, slices] = await Promise.all([
    client.list<V1Pod>({ verb: 'list', type: PODS, namespace, query: { labelSelector: scope.labelSelector } }),
    missing.attempt('events', async () => (await listEvents(client, namespace, undefined, SCOPE_EVENT_PAGES)).events),
    missing.attempt('Services selecting the pod', () => reads.list<V1Service>({ verb: 'list', type: SERVICES, namespace })),
    missing.attempt('endpoint readiness in Services', () => reads.list<V1EndpointSlice>({ verb: 'list', type: ENDPOINT_SLICES, namespace })),
  ]);
  if (!pods.complete) missing.add(`pods: more than ${pods.items.length} pods in scope; the rest were not read (narrow it with -n or -l)`);
  const owners = await listScopeOwners(reads, namespace, pods.items.filter(needsAttention), missing);
  const listed = new WorkloadIndex(owners, pods.items);
  const joined = assembleIncidents({ ...emptyObjects(), pods: pods.items, events: events ?? [] }, { files: [], kind: 'cluster', capturedAt }).map((incident) => {
    const workload = listed.workloadOf(incident.pod);
    return workload ? { ...incident, owners: listed.ownersOf(incident.pod), workload } : incident;
  });
  const attention = joined.filter((i) => needsAttention(i.pod));
  const ranked = options.rank ? await options.rank(attention) : attention;
  const detailed = new Set(ranked.slice(0, MAX_DETAILED_PODS).map((i) => i.pod));
  if (detailed.size) options.onProgress?.(`reading logs and nodes of the ${detailed.size} worst pod${detailed.size > 1 ? 's' : ''}`);
  const gathered = await mapLimit(joined, DETAIL_CONCURRENCY, async ({ pod, events: podEvents, nodeEvents }) => {
    const evidence = {
      events: podEvents,
      services: services ? selectingServices(pod, services, slices ?? []) : undefined,
      missing: missing.lines,
      owners: listed.ownersOf(pod),
      capturedAt,
      ...(faults ? { faults } : {}),
    };
    if (detailed.has(pod) && !faults?.stopped) return gatherAroundPod(reads, pod, evidence);
    const own = new MissingEvidence();
    for (const line of missing.lines) own.add(line);
    if (detailed.has(pod)) {
      own.add(`logs and node: not read, the API server stopped answering during the scan; run podmortem diagnose ${pod.metadata?.name} -n ${pod.metadata?.namespace} when it is back`);
    } else if (needsAttention(pod)) {
      own.add(`logs and node: a scan reads them for the ${MAX_DETAILED_PODS} worst pods; run podmortem diagnose ${pod.metadata?.name} -n ${pod.metadata?.namespace}`);
    }
    return liveIncident(
      client,
      {
        pod,
        events: podEvents,
        logs: [],
        nodeEvents,
        ...(evidence.services ? { services: evidence.services } : {}),
        ...(evidence.owners.length ? { owners: evidence.owners } : {}),
      },
      own,
      capturedAt,
    );
  });
  // The workloads again, now with the nodes the detailed pods read: one shared, scrubbed object per workload.
  const withNodes = new WorkloadIndex(owners, pods.items, gathered.flatMap((i) => (i.node ? [i.node] : [])));
  return gathered.map((incident, i) => {
    const workload = withNodes.workloadOf(joined[i]?.pod as V1Pod);
    return workload ? { ...incident, workload: scrubWorkload(workload) } : incident;
  });
}
