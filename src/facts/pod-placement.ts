import type {
  V1Container,
  V1LabelSelector,
  V1LabelSelectorRequirement,
  V1NodeSelectorRequirement,
  V1NodeSelectorTerm,
  V1Pod,
  V1PodAffinityTerm,
  V1Toleration,
} from '@kubernetes/client-node';
import { formatBytes, parseQuantity } from './quantity.js';

/** `key In a,b`, `key Exists`: a selector requirement as one short phrase. */
function requirementText(r: V1NodeSelectorRequirement | V1LabelSelectorRequirement): string {
  return r.values?.length ? `${r.key} ${r.operator} ${r.values.join(',')}` : `${r.key} ${r.operator}`;
}

function nodeTermText(term: V1NodeSelectorTerm): string {
  const parts = [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])].map(requirementText);
  return parts.join(' and ') || '(empty term)';
}

function labelSelectorText(selector: V1LabelSelector | undefined): string {
  const labels = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const expressions = (selector?.matchExpressions ?? []).map(requirementText);
  return [...labels, ...expressions].join(',') || 'all pods';
}

function podTermText(kind: string, term: V1PodAffinityTerm): string {
  return `${kind} to pods ${labelSelectorText(term.labelSelector)} per ${term.topologyKey}`;
}

/** spec.nodeSelector as `key=value` items. */
export function nodeSelectorOf(pod: V1Pod): string[] {
  return Object.entries(pod.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`);
}

/** Required node affinity terms; the pod fits a node matching any one of them. */
export function requiredNodeAffinityOf(pod: V1Pod): string[] {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return (required?.nodeSelectorTerms ?? []).map(nodeTermText);
}

/** Required pod affinity and anti-affinity terms. */
export function requiredPodAffinityOf(pod: V1Pod): string[] {
  const affinity = pod.spec?.affinity;
  return [
    ...(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => podTermText('affinity', t)),
    ...(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => podTermText('anti-affinity', t)),
  ];
}

/** Topology spread constraints that block scheduling (whenUnsatisfiable: DoNotSchedule). */
export function hardTopologySpreadOf(pod: V1Pod): string[] {
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === 'DoNotSchedule')
    .map((c) => `maxSkew ${c.maxSkew} per ${c.topologyKey} for pods ${labelSelectorText(c.labelSelector)}`);
}

/** The not-ready/unreachable tolerations admission adds to every pod; listing them says nothing. */
function isDefaultToleration(t: V1Toleration): boolean {
  return (
    (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable') &&
    t.operator === 'Exists' &&
    t.effect === 'NoExecute' &&
    t.tolerationSeconds === 300
  );
}

/** Tolerations the pod asked for, as `key=value:Effect`, `key Exists:Effect`, or `*` for tolerate-everything. */
export function tolerationsOf(pod: V1Pod): string[] {
  return (pod.spec?.tolerations ?? []).filter((t) => !isDefaultToleration(t)).map((t) => {
    if (!t.key) return t.operator === 'Exists' ? '*' : '(empty)';
    const match = t.operator === 'Exists' ? `${t.key} Exists` : `${t.key}=${t.value ?? ''}`;
    return t.effect ? `${match}:${t.effect}` : match;
  });
}

/** PersistentVolumeClaims the pod mounts. */
export function claimNamesOf(pod: V1Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : []));
}

function formatCpu(cores: number): string {
  return cores < 1 ? `${Math.round(cores * 1000)}m` : `${Number(cores.toFixed(3))}`;
}

function formatResource(name: string, value: number): string {
  if (name === 'cpu') return formatCpu(value);
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) return formatBytes(value);
  return `${value}`;
}

/**
 * What the scheduler reserves for the pod, per resource: app containers and sidecars add up,
 * and an init container that asks for more on its own raises the figure to its request.
 */
export function effectiveRequests(pod: V1Pod): Map<string, number> {
  const running = new Map<string, number>();
  // The API server sets a request left unset to its limit, so a paste showing only Limits (describe before 1.2 printed no Requests) reserves them.
  const requestsOf = (c: V1Container) => ({ ...c.resources?.limits, ...c.resources?.requests }) as Record<string, string>;
  const add = (requests: Record<string, string> | undefined) => {
    for (const [name, raw] of Object.entries(requests ?? {})) {
      const value = parseQuantity(raw);
      if (value !== null) running.set(name, (running.get(name) ?? 0) + value);
    }
  };
  for (const c of pod.spec?.containers ?? []) add(requestsOf(c));
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') add(requestsOf(c));
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') continue;
    for (const [name, raw] of Object.entries(requestsOf(c))) {
      const value = parseQuantity(raw);
      if (value !== null && value > (running.get(name) ?? 0)) running.set(name, value);
    }
  }
  for (const [name, raw] of Object.entries(pod.spec?.overhead ?? {})) {
    const value = parseQuantity(raw);
    if (value !== null) running.set(name, (running.get(name) ?? 0) + value);
  }
  return running;
}

/** The pod's effective requests as `cpu 2`, `memory 6Gi`, `nvidia.com/gpu 1`. */
export function requestsText(pod: V1Pod): string[] {
  return [...effectiveRequests(pod)].map(([name, value]) => `${name} ${formatResource(name, value)}`);
}
