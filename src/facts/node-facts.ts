import type { PodEvent } from '../model/event.js';
import { podFact } from './definition.js';
import type { PodContext } from './context.js';
import { eventEvidence } from './event-format.js';
import { formatAge } from './duration.js';
import { podCondition, secondsSince } from './pod-queries.js';
import { lostContainers } from './pod-status.js';
import { sumCounts } from './event-queries.js';
import { NOT_READY_FROM_ROW } from '../model/placeholders.js';

const PRESSURE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

function nodeCondition(p: PodContext, type: string) {
  return p.incident.node?.status?.conditions?.find((c) => c.type === type);
}

function citeNodeCondition(type: string) {
  return (p: PodContext) => {
    const c = nodeCondition(p, type);
    if (!c) return null;
    const name = p.incident.node?.metadata?.name ?? 'node';
    if (c.status === NOT_READY_FROM_ROW) return { source: `kubectl get nodes row of ${name}`, text: 'STATUS NotReady (Ready is False or Unknown)' };
    return {
      source: `node/${name} status.conditions[${type}]`,
      text: `${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`,
    };
  };
}

/**
 * The kernel's global OOM killer ran on the node: kubelet's SystemOOM event, or
 * node-problem-detector's OOMKilling for a kill outside any memory cgroup ("Out of memory:
 * Killed process", where a limit kill says "Memory cgroup out of memory").
 */
const systemOOM = (e: PodEvent) => e.reason === 'SystemOOM' || (e.reason === 'OOMKilling' && !/memory cgroup out of memory/i.test(e.message));

/** node-problem-detector's OOMKilling for a kill inside a memory cgroup: a container reached its own limit. */
const cgroupOOM = (e: PodEvent) => e.reason === 'OOMKilling' && /memory cgroup out of memory/i.test(e.message);

function cgroupOOMEvents(p: PodContext): PodEvent[] {
  return [...nodeEvents(p, cgroupOOM), ...p.events.filter(cgroupOOM)];
}

/** The processes OOM events name: `victim process: java`, `Killed process 4242 (java)`. */
function victims(events: readonly PodEvent[]): string[] {
  return [...new Set(events.flatMap((e) => /victim process: ([^,]+)|Killed process \d+ \(([^)]+)\)/.exec(e.message)?.slice(1).find(Boolean) ?? []))];
}

/** Node OOM events: about the node, or pasted among the pod's own events (a table of both, a lone row). */
function systemOOMEvents(p: PodContext): PodEvent[] {
  return [...nodeEvents(p, systemOOM), ...p.events.filter(systemOOM)];
}
const nodeNotReady = (e: PodEvent) => e.reason === 'NodeNotReady' || e.reason === 'NodeLost';
/** The taint manager's event when it deletes a pod off a node with a NoExecute taint (unreachable, not ready). */
const taintManagerDeletion = (e: PodEvent) => e.reason === 'TaintManagerEviction' && /^Marking for deletion/i.test(e.message);

function nodeEvents(p: PodContext, test: (e: PodEvent) => boolean): PodEvent[] {
  return p.incident.nodeEvents.filter(test);
}

const UNREACHABLE_TAINTS = new Set(['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']);

/** Cluster messages often lack a final full stop; rules put the sentence before their own text. */
function asSentence(message: string): string {
  const text = message.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * One sentence on how the pod's node failed, from the strongest evidence at hand: the Node's
 * Ready condition, the pod's NodeLost reason, then (only while the node is not known to be
 * Ready and the pod not Ready) unreachable taints, NodeNotReady events and taint-manager deletion.
 * A paste of events alone may not name the node; its events still say it failed.
 */
function nodeFailure(p: PodContext): string | null {
  const name = p.pod.spec?.nodeName;
  const node = name ? `node ${name}` : "the pod's node";
  const ready = nodeCondition(p, 'Ready');
  if (name && ready && ready.status !== 'True') {
    if (ready.status === NOT_READY_FROM_ROW) {
      return `kubectl get nodes shows node ${name} NotReady: its Ready condition is False (kubelet reports a problem) or Unknown (kubelet stopped reporting); the row does not say which, nor since when.`;
    }
    const since = secondsSince(p, ready.lastTransitionTime);
    const state = ready.status === 'Unknown' ? 'unreachable (Ready=Unknown)' : 'NotReady (Ready=False)';
    return `Node ${name} has been ${state}${since !== null ? ` for ${formatAge(since)}` : ''}${ready.message ? `: ${asSentence(ready.message)}` : '.'}`;
  }
  if (p.pod.status?.reason === 'NodeLost') return `The node controller marked the pod NodeLost: ${asSentence(p.pod.status.message ?? `${node} is unresponsive`)}`;
  // Phase Unknown is what the control plane reports when it can no longer hear from the pod's node.
  if (p.pod.status?.phase === 'Unknown') return `The pod's phase is Unknown: the control plane can no longer get its state from ${node} (unreachable, shut down or lost).`;
  // kubelet also reports ContainerStatusUnknown for the containers of a pod it evicted; that is not a node failure.
  const lost = lostContainers(p.pod);
  const evicted = p.pod.status?.reason === 'Evicted' || p.events.some((e) => e.reason === 'Evicted');
  if (name && lost.length && !evicted) {
    return `kubelet on node ${name} could no longer find container${lost.length > 1 ? 's' : ''} ${lost.join(', ')} (ContainerStatusUnknown): the node lost them, typically through a reboot, a replaced instance or a container runtime that lost its state.`;
  }
  // The taint manager's deletion is positive evidence whatever the pod's Ready says: a pod on an
  // unreachable node keeps the Ready=True its kubelet last reported.
  if (podCondition(p, 'DisruptionTarget')?.reason === 'DeletionByTaintManager' || p.events.some(taintManagerDeletion)) {
    return `The taint manager deleted the pod because ${node} got a NoExecute taint.`;
  }
  if (ready?.status === 'True' || podCondition(p, 'Ready')?.status === 'True') return null;
  // The API server could not dial the pod's kubelet (kubectl logs or exec failed): shown only while the node is not known Ready.
  const unreachable = p.incident.kubeletUnreachable;
  if (unreachable) {
    return `The API server could not reach kubelet on ${node} (${unreachable}): the node is down or cut off from the control plane, or its kubelet port is blocked from it.`;
  }
  const taint = (p.incident.node?.spec?.taints ?? []).find((t) => UNREACHABLE_TAINTS.has(t.key));
  if (name && taint) return `Node ${name} carries the ${taint.key}:${taint.effect} taint the node controller sets on unreachable nodes.`;
  const event = [...nodeEvents(p, nodeNotReady), ...p.events.filter(nodeNotReady)].at(-1);
  if (event) return `The node controller reported ${node} not ready ("${event.message}").`;
  return null;
}

export const NODE_FACTS = [
  podFact({
    name: 'nodeProblem',
    type: 'string',
    description: 'How the pod\'s node failed, in one sentence, from the Node\'s Ready condition, the pod\'s NodeLost reason, containers kubelet lost (ContainerStatusUnknown), unreachable taints, NodeNotReady events or a taint-manager deletion; null when nothing says the node failed.',
    example: 'Node ip-10-0-3-17.ec2.internal has been unreachable (Ready=Unknown) for 42m: Kubelet stopped posting node status.',
    compute: nodeFailure,
  }),
  podFact({
    name: 'terminatingNeighbours',
    type: 'string[]',
    description: 'Other pods, of at least two other workloads, that the same pasted listing shows Terminating on this pod\'s node (`namespace/name`, the first 8); empty when the paste shows fewer, or the pod is not terminating. A node that stopped reporting leaves all its pods Terminating.',
    example: ['shop/cart-6d8f7c9b5-x2k4p', 'monitoring/node-exporter-7q2lm'],
    compute: (p) => [...(p.incident.terminatingNeighbours ?? [])],
    cite: (p, value) => (Array.isArray(value) && value.length ? { source: `pods Terminating on ${p.pod.spec?.nodeName ?? 'the same node'}`, text: value.join(', ') } : null),
  }),
  podFact({
    name: 'kubeletUnreachable',
    type: 'string',
    description: 'The dial error the API server met reaching the pod\'s kubelet to serve its logs or exec (`dial tcp 10.0.4.7:10250: i/o timeout`), as kubectl printed it; null when none is in the evidence.',
    example: 'dial tcp 10.0.4.7:10250: i/o timeout',
    compute: (p) => p.incident.kubeletUnreachable ?? null,
    cite: (p, value) => (typeof value === 'string' ? { source: `kubectl logs ${p.pod.metadata?.name ?? ''}`.trim(), text: `the API server could not reach the pod's kubelet: ${value}` } : null),
  }),
  podFact({
    name: 'nodeName',
    type: 'string',
    description: 'The node the pod is bound to (spec.nodeName); null when unscheduled.',
    example: 'ip-10-0-3-17.ec2.internal',
    compute: (p) => p.pod.spec?.nodeName ?? null,
  }),
  podFact({
    name: 'nodeKnown',
    type: 'boolean',
    description: 'Whether the Node object is part of the evidence.',
    example: true,
    compute: (p) => Boolean(p.incident.node),
  }),
  podFact({
    name: 'nodeReady',
    type: 'string',
    description: 'The node\'s Ready condition: True, False, Unknown, or NotReady when only a kubectl get nodes row shows it (False or Unknown, not which); null when the node is not known.',
    example: 'True',
    compute: (p) => nodeCondition(p, 'Ready')?.status ?? null,
    cite: citeNodeCondition('Ready'),
  }),
  podFact({
    name: 'nodeReadyMessage',
    type: 'string',
    description: 'Message of the node\'s Ready condition, e.g. "Kubelet stopped posting node status."',
    example: 'Kubelet stopped posting node status.',
    compute: (p) => nodeCondition(p, 'Ready')?.message ?? null,
  }),
  podFact({
    name: 'nodeMemoryPressure',
    type: 'boolean',
    description: 'Whether the node reports MemoryPressure=True.',
    example: false,
    compute: (p) => (nodeCondition(p, 'MemoryPressure') ? nodeCondition(p, 'MemoryPressure')?.status === 'True' : null),
    cite: citeNodeCondition('MemoryPressure'),
  }),
  podFact({
    name: 'nodeDiskPressure',
    type: 'boolean',
    description: 'Whether the node reports DiskPressure=True.',
    example: false,
    compute: (p) => (nodeCondition(p, 'DiskPressure') ? nodeCondition(p, 'DiskPressure')?.status === 'True' : null),
    cite: citeNodeCondition('DiskPressure'),
  }),
  podFact({
    name: 'nodePIDPressure',
    type: 'boolean',
    description: 'Whether the node reports PIDPressure=True.',
    example: false,
    compute: (p) => (nodeCondition(p, 'PIDPressure') ? nodeCondition(p, 'PIDPressure')?.status === 'True' : null),
    cite: citeNodeCondition('PIDPressure'),
  }),
  podFact({
    name: 'nodePressures',
    type: 'string[]',
    description: 'Pressure conditions the node reports as True: `MemoryPressure`, `DiskPressure`, `PIDPressure`.',
    example: ['DiskPressure'],
    compute: (p) =>
      p.incident.node
        ? PRESSURE_CONDITIONS.filter((type) => nodeCondition(p, type)?.status === 'True')
        : null,
    cite: (p, value) => {
      if (!Array.isArray(value) || value.length === 0) return null;
      const name = p.incident.node?.metadata?.name ?? 'node';
      const text = value.map((type) => `${type}=True${nodeCondition(p, String(type))?.message ? ` (${nodeCondition(p, String(type))?.message})` : ''}`);
      return { source: `node/${name} status.conditions`, text: text.join('; ') };
    },
  }),
  podFact({
    name: 'nodeNotReadySeconds',
    type: 'number',
    description: 'Seconds since the node\'s Ready condition left True; null when the node is Ready or not known.',
    example: 1800,
    compute: (p) => {
      const ready = nodeCondition(p, 'Ready');
      return ready && ready.status !== 'True' ? secondsSince(p, ready.lastTransitionTime) : null;
    },
  }),
  podFact({
    name: 'nodeTaints',
    type: 'string[]',
    description: 'The node\'s taints as `key=value:Effect`.',
    example: ['node.kubernetes.io/unreachable:NoExecute'],
    compute: (p) =>
      p.incident.node ? (p.incident.node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`) : null,
    cite: (p, value) =>
      Array.isArray(value) && value.length ? { source: `node/${p.incident.node?.metadata?.name ?? 'node'} spec.taints`, text: value.join(', ') } : null,
  }),
  podFact({
    name: 'nodeSystemOOMs',
    type: 'number',
    description: 'SystemOOM events on the node, or OOMKilling events of a global (not cgroup) OOM kill, counts summed: the kernel\'s global OOM killer ran.',
    example: 3,
    compute: (p) => sumCounts(systemOOMEvents(p)),
    cite: (p) => {
      const e = systemOOMEvents(p).at(-1);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'nodeSystemOOMVictims',
    type: 'string[]',
    description: 'Processes the node\'s OOM events (SystemOOM, global OOMKilling) name as victims.',
    example: ['java'],
    compute: (p) => victims(systemOOMEvents(p)),
  }),
  podFact({
    name: 'cgroupOOMKills',
    type: 'number',
    description: 'OOMKilling events (node-problem-detector) of a kill inside a memory cgroup, on the node or pasted with the pod\'s events, counts summed: a container reached its own memory limit.',
    example: 2,
    compute: (p) => sumCounts(cgroupOOMEvents(p)),
    cite: (p) => {
      const e = cgroupOOMEvents(p).at(-1);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'cgroupOOMVictims',
    type: 'string[]',
    description: 'Processes the cgroup OOMKilling events name as killed.',
    example: ['java'],
    compute: (p) => victims(cgroupOOMEvents(p)),
  }),
  podFact({
    name: 'nodeNotReadyEvents',
    type: 'number',
    description: 'NodeNotReady / NodeLost events about the node or the pod.',
    example: 1,
    compute: (p) => sumCounts([...nodeEvents(p, nodeNotReady), ...p.events.filter(nodeNotReady)]),
    cite: (p) => {
      const e = [...nodeEvents(p, nodeNotReady), ...p.events.filter(nodeNotReady)].at(-1);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'nodeUnreachableTaint',
    type: 'boolean',
    description: 'Whether the node carries the node.kubernetes.io/unreachable or not-ready taint.',
    example: false,
    compute: (p) =>
      p.incident.node
        ? (p.incident.node.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/unreachable' || t.key === 'node.kubernetes.io/not-ready')
        : null,
  }),
];

export const SERVICE_FACTS = [
  podFact({
    name: 'selectingServices',
    type: 'string[]',
    description: 'Services whose selector matches the pod (when gathered).',
    example: ['api'],
    compute: (p) => (p.incident.services ? p.incident.services.map((s) => s.name) : null),
  }),
  podFact({
    name: 'servicesLosingEndpoint',
    type: 'string[]',
    description: 'Services in which the pod\'s endpoint is not ready: they send it no traffic.',
    example: ['api'],
    compute: (p) => (p.incident.services ? p.incident.services.filter((s) => s.endpointReady === false).map((s) => s.name) : null),
    cite: (p, value) =>
      Array.isArray(value) && value.length
        ? { source: 'EndpointSlices', text: `pod endpoint not ready in Service ${value.join(', ')}` }
        : null,
  }),
  podFact({
    name: 'servicesWithoutReadyEndpoints',
    type: 'string[]',
    description: 'Selecting Services that have no ready endpoint at all: an outage, not just one pod down.',
    example: ['api'],
    compute: (p) => (p.incident.services ? p.incident.services.filter((s) => s.readyEndpoints === 0).map((s) => s.name) : null),
  }),
];
