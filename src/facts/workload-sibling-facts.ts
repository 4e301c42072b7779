import type { WorkloadEvidence, WorkloadNode } from '../model/workload.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { healthMoment, revisionHashOf, summarizeWorkloadNode, workloadPodHealth } from './workload-pods.js';

/** The pod's replicas of the same revision, split by health, with where they run. */
interface SiblingSplit {
  readonly replicas: number;
  readonly failing: number;
  readonly healthy: number;
  readonly failingNodes: readonly string[];
  readonly healthyNodes: readonly string[];
  /** Null when a failing replica's zone is not known. */
  readonly failingZones: readonly string[] | null;
  readonly healthyZones: readonly string[] | null;
  readonly failingRestarts: number;
  /** Whether every failing replica started after every healthy one; null when a start time is missing. */
  readonly failingStartedAfterHealthy: boolean | null;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function nodeIndex(workload: WorkloadEvidence): Map<string, WorkloadNode> {
  return new Map(workload.nodes.map((n) => [n.name, n]));
}

function split(workload: WorkloadEvidence, hash: string | null, now: number): SiblingSplit {
  const nodes = nodeIndex(workload);
  const same = workload.pods.filter((p) => !p.terminating && (hash === null || p.revisionHash === hash));
  const failing = same.filter((p) => workloadPodHealth(p, now) === 'failing');
  const healthy = same.filter((p) => workloadPodHealth(p, now) === 'healthy');
  const zones = (pods: typeof same) => {
    const found = pods.map((p) => (p.node ? (nodes.get(p.node)?.zone ?? null) : null));
    return found.every((z): z is string => z !== null) ? sorted(found) : null;
  };
  const times = (pods: typeof same) => pods.map((p) => (p.startedAt ? Date.parse(p.startedAt) : NaN));
  const failingStarts = times(failing);
  const healthyStarts = times(healthy);
  const known = [...failingStarts, ...healthyStarts].every(Number.isFinite) && failing.length > 0 && healthy.length > 0;
  return {
    replicas: same.length,
    failing: failing.length,
    healthy: healthy.length,
    failingNodes: sorted(failing.flatMap((p) => (p.node ? [p.node] : []))),
    healthyNodes: sorted(healthy.flatMap((p) => (p.node ? [p.node] : []))),
    failingZones: zones(failing),
    healthyZones: zones(healthy),
    failingRestarts: failing.reduce((sum, p) => sum + p.restarts, 0),
    failingStartedAfterHealthy: known ? Math.min(...failingStarts) > Math.max(...healthyStarts) : null,
  };
}

const cache = new WeakMap<WorkloadEvidence, Map<string, SiblingSplit>>();

/** The split for the pod's revision; computed once per workload, revision and moment its pods' health tells apart (healthMoment). */
function siblings(p: PodContext): SiblingSplit | null {
  const workload = p.incident.workload;
  if (!workload || workload.pods.length < 2) return null;
  const hash = revisionHashOf(p.pod.metadata?.labels);
  let byKey = cache.get(workload);
  if (!byKey) cache.set(workload, (byKey = new Map()));
  const key = `${hash ?? ''}@${healthMoment(workload, p.now)}`;
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = split(workload, hash, p.now)));
  return result;
}

function single(values: readonly string[] | null | undefined): string | null {
  return values && values.length === 1 ? (values[0] as string) : null;
}

/** What is wrong with the node every failing replica runs on: from the workload's nodes, else the pod's own. */
function failingNodeConditions(p: PodContext): string[] | null {
  const node = single(siblings(p)?.failingNodes);
  if (!node) return null;
  const known = p.incident.workload?.nodes.find((n) => n.name === node);
  if (known) return [...known.conditions];
  if (p.incident.node?.metadata?.name === node) return summarizeWorkloadNode(p.incident.node).conditions as string[];
  return null;
}

export const WORKLOAD_SIBLING_FACTS = [
  podFact({
    name: 'replicaPods',
    type: 'number',
    description: 'Pods of the same workload and revision as this one (itself included), not terminating.',
    example: 5,
    compute: (p) => siblings(p)?.replicas ?? null,
  }),
  podFact({
    name: 'failingReplicas',
    type: 'number',
    description: 'Of those, how many are failing (this one included when it fails).',
    example: 3,
    compute: (p) => siblings(p)?.failing ?? null,
  }),
  podFact({
    name: 'healthyReplicas',
    type: 'number',
    description: 'Of those, how many run ready and stable.',
    example: 2,
    compute: (p) => siblings(p)?.healthy ?? null,
  }),
  podFact({
    name: 'failingNodes',
    type: 'string[]',
    description: 'Nodes the failing replicas of the same revision run on.',
    example: ['worker-3'],
    compute: (p) => siblings(p)?.failingNodes ?? null,
  }),
  podFact({
    name: 'healthyNodes',
    type: 'string[]',
    description: 'Nodes the healthy replicas of the same revision run on.',
    example: ['worker-1', 'worker-2'],
    compute: (p) => siblings(p)?.healthyNodes ?? null,
  }),
  podFact({
    name: 'failingNode',
    type: 'string',
    description: 'The one node every failing replica runs on; null when they run on several (or none is known).',
    example: 'worker-3',
    compute: (p) => single(siblings(p)?.failingNodes),
  }),
  podFact({
    name: 'failingNodeHasHealthyReplica',
    type: 'boolean',
    description: 'Whether a healthy replica of the same revision runs on a node where replicas fail (then the node alone does not explain it).',
    example: false,
    compute: (p) => {
      const s = siblings(p);
      return s && s.failing > 0 ? s.failingNodes.some((n) => s.healthyNodes.includes(n)) : null;
    },
  }),
  podFact({
    name: 'failingNodeConditions',
    type: 'string[]',
    description: 'What is wrong with the node every failing replica runs on (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable, NotReady); null when that node was not read.',
    example: ['MemoryPressure'],
    compute: failingNodeConditions,
  }),
  podFact({
    name: 'failingZones',
    type: 'string[]',
    description: 'Zones (`topology.kubernetes.io/zone`) of the failing replicas; null when a failing replica\'s node was not read.',
    example: ['eu-west-1c'],
    compute: (p) => siblings(p)?.failingZones ?? null,
  }),
  podFact({
    name: 'healthyZones',
    type: 'string[]',
    description: 'Zones of the healthy replicas; null when a healthy replica\'s node was not read.',
    example: ['eu-west-1a', 'eu-west-1b'],
    compute: (p) => siblings(p)?.healthyZones ?? null,
  }),
  podFact({
    name: 'failingZone',
    type: 'string',
    description: 'The one zone every failing replica runs in; null when several or not known.',
    example: 'eu-west-1c',
    compute: (p) => single(siblings(p)?.failingZones),
  }),
  podFact({
    name: 'failingZoneHasHealthyReplica',
    type: 'boolean',
    description: 'Whether a healthy replica runs in a zone where replicas fail; null when zones are not known.',
    example: false,
    compute: (p) => {
      const s = siblings(p);
      if (!s?.failingZones || !s.healthyZones || s.failing === 0) return null;
      return s.failingZones.some((z) => s.healthyZones?.includes(z));
    },
  }),
  podFact({
    name: 'failingReplicaRestarts',
    type: 'number',
    description: 'Restarts of the failing replicas of the same revision, added up.',
    example: 21,
    compute: (p) => siblings(p)?.failingRestarts ?? null,
  }),
  podFact({
    name: 'failingStartedAfterHealthy',
    type: 'boolean',
    description: 'Whether every failing replica started after every healthy one (newer pods fail: something they meet at start changed).',
    example: true,
    compute: (p) => siblings(p)?.failingStartedAfterHealthy ?? null,
  }),
];
