import type {
  V1ControllerRevision,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Node,
  V1ObjectMeta,
  V1OwnerReference,
  V1Pod,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { OwnerLink } from '../model/incident.js';
import type { JobStatusEvidence } from '../model/job-status.js';
import type { WorkloadEvidence, WorkloadPod, WorkloadRevision } from '../model/workload.js';
import { summarizeWorkloadNode, summarizeWorkloadPod } from '../facts/workload-pods.js';
import { jobStatusFromBundle, jobStatusOf } from './job-status.js';

/** The controllers pods belong to, as listed from a cluster or read from `kubectl get ... -o json` dumps. */
export interface OwnerObjects {
  replicaSets: V1ReplicaSet[];
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  controllerRevisions: V1ControllerRevision[];
  jobs: V1Job[];
  cronJobs: V1CronJob[];
}

export function emptyOwnerObjects(): OwnerObjects {
  return { replicaSets: [], deployments: [], statefulSets: [], daemonSets: [], controllerRevisions: [], jobs: [], cronJobs: [] };
}

/** Object kinds that are owners, and the OwnerObjects list each goes to. */
export const OWNER_KINDS: Readonly<Record<string, keyof OwnerObjects>> = {
  ReplicaSet: 'replicaSets',
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  DaemonSet: 'daemonSets',
  ControllerRevision: 'controllerRevisions',
  Job: 'jobs',
  CronJob: 'cronJobs',
};

/** Revisions kept per workload: the Deployment default `revisionHistoryLimit`. */
const MAX_REVISIONS = 10;
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';

type Owned = { metadata?: V1ObjectMeta };

/** The controller reference, else the first owner: what `kubectl describe` shows as Controlled By. */
export function controllerOf(metadata: V1ObjectMeta | undefined): V1OwnerReference | undefined {
  const owners = metadata?.ownerReferences ?? [];
  return owners.find((o) => o.controller) ?? owners[0];
}

const key = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? 'default'}/${name}`;
const time = (value: unknown) => (value === undefined || value === null ? null : String(value as string));

function revisionNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function isOwnedBy(object: Owned, owner: Owned & { kind?: string }, kind: string): boolean {
  const ref = controllerOf(object.metadata);
  if (!ref || ref.kind !== kind || object.metadata?.namespace !== owner.metadata?.namespace) return false;
  return ref.uid && owner.metadata?.uid ? ref.uid === owner.metadata.uid : ref.name === owner.metadata?.name;
}

function fromReplicaSet(rs: V1ReplicaSet): WorkloadRevision {
  const annotations = rs.metadata?.annotations ?? {};
  const earlier = (annotations[REVISION_HISTORY_ANNOTATION] ?? '')
    .split(',')
    .map((v) => revisionNumber(v.trim()))
    .filter((n): n is number => n !== null);
  return {
    revision: revisionNumber(annotations[REVISION_ANNOTATION]),
    source: 'ReplicaSet',
    name: rs.metadata?.name ?? '',
    hash: rs.metadata?.labels?.['pod-template-hash'] ?? null,
    createdAt: time(rs.metadata?.creationTimestamp),
    ...(earlier.length ? { earlierRevisions: earlier } : {}),
    template: rs.spec?.template ?? null,
    replicas: rs.spec?.replicas ?? null,
    readyReplicas: rs.status ? (rs.status.readyReplicas ?? 0) : null,
  };
}

/** A StatefulSet's or DaemonSet's ControllerRevision holds its template as a patch: `{"spec":{"template":{..., "$patch":"replace"}}}`. */
function templateOfRevision(cr: V1ControllerRevision): V1PodTemplateSpec | null {
  const data = cr.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const template = data?.spec?.template;
  if (!template || typeof template !== 'object') return null;
  const { $patch: _patch, ...rest } = template;
  return rest as V1PodTemplateSpec;
}

function fromControllerRevision(cr: V1ControllerRevision): WorkloadRevision {
  return {
    revision: revisionNumber(cr.revision),
    source: 'ControllerRevision',
    name: cr.metadata?.name ?? '',
    hash: cr.metadata?.labels?.['controller-revision-hash'] ?? null,
    createdAt: time(cr.metadata?.creationTimestamp),
    template: templateOfRevision(cr),
    replicas: null,
    readyReplicas: null,
  };
}

function newest(revisions: WorkloadRevision[]): WorkloadRevision[] {
  return revisions.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0)).slice(-MAX_REVISIONS);
}

/** A WorkloadIndex as plain data (see WorkloadIndex.data). */
export interface WorkloadIndexData {
  readonly owners: OwnerObjects;
  readonly podsByWorkload: ReadonlyArray<readonly [string, WorkloadPod[]]>;
}

/**
 * Owner chains and workload evidence for a set of pods, from the controllers listed beside them:
 * each pod's chain (ReplicaSet -> Deployment, Job -> CronJob) and, per workload, one shared
 * WorkloadEvidence (counts, revisions with their templates, a summary of its pods and nodes).
 * Pure: live gathering and replay of `kubectl get deploy,rs,pods -o json` build it alike.
 */
export class WorkloadIndex {
  private readonly byKey = new Map<string, Owned & { kind?: string }>();
  private readonly chains = new WeakMap<V1Pod, OwnerLink[]>();
  private readonly evidence = new Map<string, WorkloadEvidence | null>();
  /** Each workload's pods as summaries, not the pods: a streamed fleet's pods are never all held. */
  private readonly podsByWorkload: Map<string, WorkloadPod[]>;
  private readonly nodes: Map<string, V1Node>;

  constructor(
    private readonly owners: OwnerObjects,
    pods: readonly V1Pod[],
    nodes: readonly V1Node[] = [],
    summaries: ReadonlyArray<readonly [string, WorkloadPod[]]> = [],
  ) {
    for (const [kind, list] of Object.entries(OWNER_KINDS)) {
      for (const object of owners[list] as Owned[]) {
        this.byKey.set(key(kind, object.metadata?.namespace, object.metadata?.name ?? ''), { ...object, kind });
      }
    }
    this.nodes = new Map(nodes.map((n) => [n.metadata?.name ?? '', n]));
    this.podsByWorkload = new Map(summaries);
    for (const pod of pods) this.addPod(pod);
  }

  /** The index again from `data()` (in a worker thread): the same chains and evidence. */
  static fromData(data: WorkloadIndexData, nodes: readonly V1Node[]): WorkloadIndex {
    return new WorkloadIndex(data.owners, [], nodes, data.podsByWorkload);
  }

  /**
   * Counts one more pod among its workload's; every pod must be added before any evidence is asked
   * for. `summary`: the pod's, when it was summarised elsewhere (a worker thread: see PodHead).
   */
  addPod(pod: V1Pod, summary?: WorkloadPod): void {
    const chain = this.chainOf(pod);
    this.chains.set(pod, chain);
    const top = chain.at(-1);
    if (!top) return;
    const workload = key(top.kind, pod.metadata?.namespace, top.name);
    const list = this.podsByWorkload.get(workload) ?? [];
    list.push(summary ?? summarizeWorkloadPod(pod));
    this.podsByWorkload.set(workload, list);
  }

  /** What the index holds, as plain data a worker thread can be sent. */
  data(): WorkloadIndexData {
    return { owners: this.owners, podsByWorkload: [...this.podsByWorkload] };
  }

  /** Whether any pod belongs to a workload or any controller was given: else the index adds nothing to an incident. */
  get isEmpty(): boolean {
    return this.podsByWorkload.size === 0 && this.byKey.size === 0;
  }

  /** Whether any owner object was given at all (else owners come from ownerReferences alone). */
  get hasOwnerObjects(): boolean {
    return this.byKey.size > 0;
  }

  private chainOf(pod: V1Pod): OwnerLink[] {
    const chain: OwnerLink[] = [];
    const namespace = pod.metadata?.namespace;
    let owner = controllerOf(pod.metadata);
    while (owner && chain.length < 4) {
      chain.push({ kind: owner.kind, name: owner.name });
      const object = this.byKey.get(key(owner.kind, namespace, owner.name));
      owner = object ? controllerOf(object.metadata) : undefined;
    }
    // Without its ReplicaSet, a pod with pod-template-hash still names its Deployment: the ReplicaSet's name minus the hash.
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    const last = chain.at(-1);
    if (chain.length === 1 && last?.kind === 'ReplicaSet' && hash && last.name.endsWith(`-${hash}`) && !this.byKey.has(key('ReplicaSet', namespace, last.name))) {
      chain.push({ kind: 'Deployment', name: last.name.slice(0, -hash.length - 1) });
    }
    return chain;
  }

  /** The pod's owner chain, from its controller up to the workload; empty for bare pods. */
  ownersOf(pod: V1Pod): OwnerLink[] {
    return this.chains.get(pod) ?? this.chainOf(pod);
  }

  /** The pod's workload, the same object for every pod of it; undefined for bare pods and Node-owned static pods. */
  workloadOf(pod: V1Pod): WorkloadEvidence | undefined {
    const top = this.ownersOf(pod).at(-1);
    if (!top || top.kind === 'Node') return undefined;
    const workloadKey = key(top.kind, pod.metadata?.namespace, top.name);
    if (!this.evidence.has(workloadKey)) this.evidence.set(workloadKey, this.build(top, pod.metadata?.namespace ?? 'default', workloadKey));
    return this.evidence.get(workloadKey) ?? undefined;
  }

  private build(top: OwnerLink, namespace: string, workloadKey: string): WorkloadEvidence {
    const object = this.byKey.get(workloadKey) as (Owned & { kind?: string; spec?: Record<string, unknown>; status?: Record<string, unknown> }) | undefined;
    const owner = object ?? { metadata: { name: top.name, namespace } };
    const counts = countsOf(top.kind, object);
    const pods = this.podsByWorkload.get(workloadKey) ?? [];
    const nodeNames = new Set(pods.map((p) => p.node).filter((n): n is string => Boolean(n)));
    const jobs = this.jobsOf(top.kind, owner);
    return {
      kind: top.kind,
      name: top.name,
      namespace,
      ...counts,
      revisions: this.revisionsOf(top.kind, owner),
      pods,
      nodes: [...nodeNames].flatMap((name) => {
        const node = this.nodes.get(name);
        return node ? [summarizeWorkloadNode(node)] : [];
      }),
      ...(jobs.length ? { jobs } : {}),
    };
  }

  /** A Job's own state; a CronJob's Jobs' (its pods each belong to one of them). */
  private jobsOf(kind: string, owner: Owned): JobStatusEvidence[] {
    if (kind === 'Job') return this.byKey.has(key('Job', owner.metadata?.namespace, owner.metadata?.name ?? '')) ? [jobStatusOf(owner)] : [];
    if (kind === 'CronJob') return this.owners.jobs.filter((job) => isOwnedBy(job, owner, kind)).map(jobStatusOf);
    return [];
  }

  private revisionsOf(kind: string, owner: Owned): WorkloadRevision[] {
    if (kind === 'Deployment') return newest(this.owners.replicaSets.filter((rs) => isOwnedBy(rs, owner, kind)).map(fromReplicaSet));
    if (kind === 'StatefulSet' || kind === 'DaemonSet') {
      return newest(this.owners.controllerRevisions.filter((cr) => isOwnedBy(cr, owner, kind)).map(fromControllerRevision));
    }
    return [];
  }
}

function countsOf(kind: string, object: { spec?: Record<string, unknown>; status?: Record<string, unknown> } | undefined): Pick<WorkloadEvidence, 'desired' | 'ready' | 'available'> {
  const spec = object?.spec ?? {};
  const status = object?.status;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  if (!object) return { desired: null, ready: null, available: null };
  switch (kind) {
    case 'DaemonSet':
      return { desired: num(status?.desiredNumberScheduled), ready: num(status?.numberReady) ?? 0, available: num(status?.numberAvailable) ?? 0 };
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      // The API server defaults spec.replicas to 1; status counts are left out when zero.
      return { desired: num(spec.replicas) ?? 1, ready: status ? (num(status.readyReplicas) ?? 0) : null, available: status ? (num(status.availableReplicas) ?? 0) : null };
    case 'Job':
      return { desired: num(spec.completions) ?? 1, ready: status ? (num(status.succeeded) ?? 0) : null, available: null };
    default:
      return { desired: null, ready: null, available: null };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/**
 * A workload read back from a bundle, in the shape facts expect whatever the file holds: a field
 * of the wrong type reads as not shown, a malformed entry is dropped, no workload at all when it
 * is not an object. Bundles are untrusted input like any other file.
 */
export function workloadFromBundle(value: unknown): WorkloadEvidence | undefined {
  if (!isObject(value) || typeof value.kind !== 'string' || typeof value.name !== 'string') return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : []);
  return {
    kind: value.kind,
    name: value.name,
    namespace: text(value.namespace) ?? 'default',
    desired: count(value.desired),
    ready: count(value.ready),
    available: count(value.available),
    revisions: list(value.revisions).map((r) => ({
      revision: count(r.revision),
      source: r.source === 'ControllerRevision' ? 'ControllerRevision' : 'ReplicaSet',
      name: text(r.name) ?? '',
      hash: text(r.hash),
      createdAt: text(r.createdAt),
      ...(Array.isArray(r.earlierRevisions) ? { earlierRevisions: r.earlierRevisions.filter((n): n is number => typeof n === 'number') } : {}),
      template: isObject(r.template) ? (r.template as V1PodTemplateSpec) : null,
      replicas: count(r.replicas),
      readyReplicas: count(r.readyReplicas),
    })),
    pods: list(value.pods).map((p) => ({
      name: text(p.name) ?? '',
      revisionHash: text(p.revisionHash),
      node: text(p.node),
      phase: text(p.phase),
      ready: typeof p.ready === 'boolean' ? p.ready : null,
      restarts: count(p.restarts) ?? 0,
      startedAt: text(p.startedAt),
      lastRestartAt: text(p.lastRestartAt),
      terminating: p.terminating === true,
      problems: strings(p.problems),
    })),
    nodes: list(value.nodes).map((n) => ({ name: text(n.name) ?? '', zone: text(n.zone), conditions: strings(n.conditions) })),
    ...(Array.isArray(value.jobs) ? { jobs: value.jobs.flatMap((j) => jobStatusFromBundle(j) ?? []) } : {}),
  };
}
