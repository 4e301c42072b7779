// The objects a fixture's pod lives among, rebuilt in the test control plane so podmortem's
// suggested commands run against real objects: its namespace and ServiceAccounts, its node,
// the pod (spec as recorded) and the workload the `workload` fact names, with the pod's spec as
// its template. Status is left out: commands are checked for what kubectl and the API server
// accept, not for what kubelet would report.
import type { Incident } from '../../src/model/incident.js';

type Json = Record<string, unknown>;

/** Labels controllers put on their pods: a template must not carry them. */
const CONTROLLER_LABELS = /^(pod-template-hash|controller-revision-hash|pod-template-generation|statefulset\.kubernetes\.io\/pod-name|apps\.kubernetes\.io\/pod-index|(batch\.kubernetes\.io\/)?(controller-uid|job-name|job-completion-index))$/;

/** Fields that name objects this plane does not have (PriorityClass, RuntimeClass) or that admission sets itself. */
const DROPPED_SPEC_FIELDS = ['ephemeralContainers', 'priority', 'priorityClassName', 'preemptionPolicy', 'runtimeClassName', 'overhead'];

function cleanSpec(spec: Json | undefined): Json {
  const copy: Json = structuredClone(spec ?? {});
  for (const field of DROPPED_SPEC_FIELDS) delete copy[field];
  return copy;
}

export function podLabels(incident: Incident): Record<string, string> {
  const labels = Object.fromEntries(Object.entries(incident.pod.metadata?.labels ?? {}).filter(([key]) => !CONTROLLER_LABELS.test(key)));
  return Object.keys(labels).length ? labels : { app: incident.pod.metadata?.name ?? 'pod' };
}

/** The Kind and apiVersion `kubectl` names a workload by (`deployment/api` → apps/v1 Deployment). */
const WORKLOAD_KINDS: Readonly<Record<string, { apiVersion: string; kind: string }>> = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  replicaset: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  replicationcontroller: { apiVersion: 'v1', kind: 'ReplicationController' },
  job: { apiVersion: 'batch/v1', kind: 'Job' },
};

function workloadObject(workload: string, namespace: string, incident: Incident): Json | null {
  const [type, name] = workload.split('/') as [string, string];
  const kind = WORKLOAD_KINDS[type];
  if (!kind) return null;
  const labels = podLabels(incident);
  const spec = cleanSpec(incident.pod.spec as unknown as Json);
  delete spec.nodeName;
  const isJob = kind.kind === 'Job';
  spec.restartPolicy = isJob ? (spec.restartPolicy === 'OnFailure' ? 'OnFailure' : 'Never') : 'Always';
  const template = { metadata: { labels }, spec };
  const body: Json = isJob
    ? { template }
    : kind.kind === 'ReplicationController'
      ? { replicas: 1, selector: labels, template }
      : { ...(kind.kind === 'DaemonSet' ? {} : { replicas: 1 }), ...(kind.kind === 'StatefulSet' ? { serviceName: name } : {}), selector: { matchLabels: labels }, template };
  return { ...kind, metadata: { name, namespace, labels }, spec: body };
}

export interface PlaneObjects {
  readonly namespaces: string[];
  /** Namespaced objects, in an order the API server accepts (ServiceAccounts before pods). */
  readonly objects: Json[];
  readonly nodes: Json[];
}

/** Everything to create for these incidents (namespaces already renamed to the test's own). */
export function planeObjects(pods: ReadonlyArray<{ incident: Incident; workload: string | null }>): PlaneObjects {
  const namespaces = new Set<string>();
  const accounts = new Map<string, Json>();
  const nodes = new Map<string, Json>();
  const workloads = new Map<string, Json>();
  const podObjects: Json[] = [];
  for (const { incident, workload } of pods) {
    const namespace = incident.pod.metadata?.namespace ?? 'default';
    namespaces.add(namespace);
    for (const account of ['default', incident.pod.spec?.serviceAccountName].filter((a): a is string => Boolean(a))) {
      accounts.set(`${namespace}/${account}`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace } });
    }
    const nodeName = incident.pod.spec?.nodeName;
    if (nodeName && !nodes.has(nodeName)) {
      nodes.set(nodeName, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: nodeName, labels: incident.node?.metadata?.labels ?? { 'kubernetes.io/hostname': nodeName } },
        spec: { taints: incident.node?.spec?.taints ?? [] },
      });
    }
    podObjects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: incident.pod.metadata?.name, namespace, labels: podLabels(incident) }, spec: cleanSpec(incident.pod.spec as unknown as Json) });
    const object = workload ? workloadObject(workload, namespace, incident) : null;
    if (object) workloads.set(`${namespace}/${workload}`, object);
  }
  return { namespaces: [...namespaces], objects: [...accounts.values(), ...podObjects, ...workloads.values()], nodes: [...nodes.values()] };
}
