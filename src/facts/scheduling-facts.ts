import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { eventTime } from './context.js';
import { podFact } from './definition.js';
import {
  classifySchedulingMessage,
  describeReason,
  insufficientResources,
  onlyControlPlaneNodes,
  parseSchedulingMessage,
  primarySchedulingProblem,
  taintsIn,
} from './classify-scheduling.js';
import {
  claimNamesOf,
  hardTopologySpreadOf,
  nodeSelectorOf,
  requestsText,
  requiredNodeAffinityOf,
  requiredPodAffinityOf,
  tolerationsOf,
} from './pod-placement.js';
import { citeEventOrField, lastPodEvent, podCondition, secondsSince, type EventOrField } from './pod-queries.js';
import { sumCounts } from './event-queries.js';
import { containerShown, fromPaste } from './evidence-shown.js';

const failedScheduling = (e: PodEvent) => e.reason === 'FailedScheduling';

/**
 * Whether the pod still waits for a node. FailedScheduling events outlive the problem: a pod
 * that was placed later (nodeName set, PodScheduled True, or a Scheduled event after the last
 * failure) is not unschedulable any more.
 */
function awaitingNode(p: PodContext): boolean {
  if (p.pod.spec?.nodeName) return false;
  if (podCondition(p, 'PodScheduled')?.status === 'True') return false;
  const failure = lastPodEvent(p, failedScheduling);
  const placed = lastPodEvent(p, (e) => e.reason === 'Scheduled');
  return !(placed && (!failure || eventTime(placed) >= eventTime(failure)));
}

const NOT_SHOWN_BY_DESCRIBE = 'PodScheduled is False; the scheduler\'s reason is not in the evidence (kubectl describe does not print it)';
const NO_MESSAGE = 'Unschedulable (the scheduler left no message)';
/** Our own words for a verdict without the scheduler's: nothing in them to parse into reasons. */
const OUR_WORDS = new Set([NOT_SHOWN_BY_DESCRIBE, NO_MESSAGE]);

function schedulingMessage(p: PodContext): EventOrField | null {
  if (!awaitingNode(p)) return null;
  const event = lastPodEvent(p, failedScheduling);
  if (event) return { text: event.message, event };
  const scheduled = podCondition(p, 'PodScheduled');
  if (scheduled?.status !== 'False') return null;
  // kubectl describe prints a condition's type and status only: False there is the scheduler's
  // verdict (it is the one that sets it) whose reason and message the paste cannot show.
  if (!scheduled.reason && !scheduled.message) return { text: NOT_SHOWN_BY_DESCRIBE };
  if (scheduled.reason !== 'Unschedulable') return null;
  return { text: scheduled.message || NO_MESSAGE };
}

function failure(p: PodContext) {
  const text = schedulingMessage(p)?.text;
  return text && OUR_WORDS.has(text) ? null : parseSchedulingMessage(text);
}

function listCite(source: string) {
  return (_p: PodContext, value: unknown) => (Array.isArray(value) && value.length ? { source, text: value.join('; ') } : null);
}

export const SCHEDULING_FACTS = [
  podFact({
    name: 'scheduled',
    type: 'string',
    description: 'Status of the PodScheduled condition: True, False or null.',
    example: 'False',
    compute: (p) => podCondition(p, 'PodScheduled')?.status ?? null,
    cite: (p) => {
      const c = podCondition(p, 'PodScheduled');
      return c ? { source: 'status.conditions[PodScheduled]', text: `${c.status}${c.reason ? ` (${c.reason})` : ''}` } : null;
    },
  }),
  podFact({
    name: 'scheduledReason',
    type: 'string',
    description: 'Reason of the PodScheduled condition: `Unschedulable`, `SchedulingGated`, or null.',
    example: 'Unschedulable',
    compute: (p) => podCondition(p, 'PodScheduled')?.reason ?? null,
  }),
  podFact({
    name: 'schedulingMessage',
    type: 'string',
    description: 'Why the scheduler cannot place the pod: its latest FailedScheduling message, else the PodScheduled condition\'s. Null once the pod has a node.',
    example: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    compute: (p) => schedulingMessage(p)?.text ?? null,
    cite: citeEventOrField(schedulingMessage, 'status.conditions[PodScheduled].message'),
  }),
  podFact({
    name: 'schedulingAttempts',
    type: 'number',
    description: 'FailedScheduling events (counts summed) while the pod waits for a node.',
    example: 14,
    compute: (p) => (awaitingNode(p) ? sumCounts(p.events, failedScheduling) : 0),
  }),
  podFact({
    name: 'unscheduledSeconds',
    type: 'number',
    description: 'Seconds the pod has waited for a node: since PodScheduled turned False, else since the first FailedScheduling, else since creation; null once scheduled.',
    example: 2520,
    compute: (p) => {
      if (!awaitingNode(p)) return null;
      const firstFailure = p.events.find(failedScheduling)?.firstTimestamp;
      const since = podCondition(p, 'PodScheduled')?.lastTransitionTime ?? firstFailure ?? p.pod.metadata?.creationTimestamp;
      return secondsSince(p, since);
    },
  }),
  podFact({
    name: 'schedulingProblems',
    type: 'string[]',
    description: 'What the scheduler message says, one class per kind of reason: `insufficient-cpu`, `insufficient-memory`, `insufficient-gpu`, `insufficient-ephemeral-storage`, `insufficient-other`, `too-many-pods`, `untolerated-taint`, `node-affinity`, `pod-affinity`, `topology-spread`, `unbound-pvc`, `missing-pvc`, `volume-node-affinity`, `volume-limit`, `port-conflict`, `node-unschedulable`, `no-nodes`, `other`.',
    example: ['insufficient-memory', 'untolerated-taint'],
    compute: (p) => classifySchedulingMessage(schedulingMessage(p)?.text),
  }),
  podFact({
    name: 'schedulingPrimaryProblem',
    type: 'string',
    description: 'What to fix first: the problem that rules out the most of the nodes the pod targets. Nodes it excludes on purpose (control-plane nodes, nodes outside its own node selector or affinity) only count when nothing else is wrong. One of the `schedulingProblems` classes.',
    example: 'insufficient-memory',
    compute: (p) => primarySchedulingProblem(failure(p)),
  }),
  podFact({
    name: 'schedulingReasons',
    type: 'string[]',
    description: 'Every reason in the scheduler message with how many nodes gave it.',
    example: ['3 nodes had untolerated taint {node-role.kubernetes.io/control-plane: }', 'Insufficient cpu on 2 nodes'],
    compute: (p) => {
      const parsed = failure(p);
      return parsed ? parsed.reasons.map((r) => describeReason(r, parsed.totalNodes)) : [];
    },
  }),
  podFact({
    name: 'schedulingNodeCount',
    type: 'number',
    description: 'How many nodes the scheduler considered (N of "0/N nodes are available").',
    example: 5,
    compute: (p) => failure(p)?.totalNodes ?? null,
  }),
  podFact({
    name: 'schedulingInsufficient',
    type: 'string[]',
    description: 'Resources no node had enough of, as the scheduler names them: `cpu`, `memory`, `nvidia.com/gpu`.',
    example: ['cpu', 'memory'],
    compute: (p) => insufficientResources(failure(p)),
  }),
  podFact({
    name: 'schedulingTaints',
    type: 'string[]',
    description: 'Taints the scheduler says the pod does not tolerate, as `key` or `key=value`.',
    example: ['node-role.kubernetes.io/control-plane'],
    compute: (p) => {
      const reasons = (failure(p)?.reasons ?? []).filter((r) => r.problem === 'untolerated-taint');
      // The oldest wording ("had taints that the pod didn't tolerate") names none.
      return [...new Set(reasons.flatMap((r) => (taintsIn(r.text).length ? taintsIn(r.text) : ['(not named in the message)'])))];
    },
  }),
  podFact({
    name: 'schedulingOnlyControlPlane',
    type: 'boolean',
    description: 'Whether every node refused the pod only for its control-plane taint: the cluster has no worker node (typical of single-node clusters).',
    example: true,
    compute: (p) => onlyControlPlaneNodes(failure(p)),
  }),
  podFact({
    name: 'schedulingMissingClaim',
    type: 'string',
    description: 'A PersistentVolumeClaim the scheduler says does not exist or is being deleted.',
    example: 'data-postgres-0',
    compute: (p) => /persistentvolumeclaim "([^"]+)" (?:not found|is being deleted)/i.exec(schedulingMessage(p)?.text ?? '')?.[1] ?? null,
  }),
  podFact({
    name: 'claimName',
    type: 'string',
    description: 'The PersistentVolumeClaim a scheduling problem is most likely about: the one the scheduler names, else the first the pod mounts.',
    example: 'data-postgres-0',
    compute: (p) =>
      /persistentvolumeclaim "([^"]+)"/i.exec(schedulingMessage(p)?.text ?? '')?.[1] ?? claimNamesOf(p.pod)[0] ?? null,
  }),
  podFact({
    name: 'podRequests',
    type: 'string[]',
    description: 'What the scheduler reserves for the pod per resource: app containers and sidecars summed, raised to a larger init container request; null when the pasted evidence shows no container.',
    example: ['cpu 2', 'memory 6Gi'],
    compute: (p) => {
      const requests = requestsText(p.pod);
      return requests.length || !fromPaste(p) || p.containers.some(containerShown) ? requests : null;
    },
    cite: listCite('spec.containers[*].resources.requests'),
  }),
  podFact({
    name: 'nodeSelector',
    type: 'string[]',
    description: 'spec.nodeSelector as `key=value` items: a node must carry every one of these labels.',
    example: ['disktype=ssd'],
    compute: (p) => nodeSelectorOf(p.pod),
    cite: listCite('spec.nodeSelector'),
  }),
  podFact({
    name: 'requiredNodeAffinity',
    type: 'string[]',
    description: 'Required node affinity terms (the pod fits a node matching any one), e.g. `kubernetes.io/arch In arm64`.',
    example: ['topology.kubernetes.io/zone In eu-west-1a'],
    compute: (p) => requiredNodeAffinityOf(p.pod),
    cite: listCite('spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution'),
  }),
  podFact({
    name: 'requiredPodAffinity',
    type: 'string[]',
    description: 'Required pod affinity and anti-affinity terms, e.g. `anti-affinity to pods app=web per kubernetes.io/hostname`.',
    example: ['anti-affinity to pods app=web per kubernetes.io/hostname'],
    compute: (p) => requiredPodAffinityOf(p.pod),
    cite: listCite('spec.affinity (required pod terms)'),
  }),
  podFact({
    name: 'topologySpread',
    type: 'string[]',
    description: 'Topology spread constraints with whenUnsatisfiable: DoNotSchedule.',
    example: ['maxSkew 1 per topology.kubernetes.io/zone for pods app=web'],
    compute: (p) => hardTopologySpreadOf(p.pod),
    cite: listCite('spec.topologySpreadConstraints'),
  }),
  podFact({
    name: 'placementConstraints',
    type: 'string[]',
    description: 'Every hard placement rule the pod sets, labelled: node selector, required node affinity, required pod (anti-)affinity, DoNotSchedule topology spread; null when a paste shows none (kubectl describe never prints affinity).',
    example: ['nodeSelector disktype=nvme', 'anti-affinity to pods app=web per kubernetes.io/hostname'],
    compute: (p) => {
      const constraints = [
        ...nodeSelectorOf(p.pod).map((s) => `nodeSelector ${s}`),
        ...requiredNodeAffinityOf(p.pod).map((t) => `node affinity ${t}`),
        ...requiredPodAffinityOf(p.pod),
        ...hardTopologySpreadOf(p.pod).map((t) => `topology spread ${t}`),
      ];
      // kubectl describe prints node selectors but never affinity or spread constraints.
      return constraints.length || !fromPaste(p) ? constraints : null;
    },
  }),
  podFact({
    name: 'nodeSelectorQuery',
    type: 'string',
    description: 'spec.nodeSelector as a label query for `kubectl get nodes -l`; null when the pod sets none.',
    example: 'disktype=nvme',
    compute: (p) => nodeSelectorOf(p.pod).join(',') || null,
  }),
  podFact({
    name: 'tolerations',
    type: 'string[]',
    description: 'spec.tolerations as `key=value:Effect` or `key Exists:Effect`, without the not-ready/unreachable ones admission adds to every pod; null when the pasted evidence does not show them (no Tolerations line, a status fragment).',
    example: ['dedicated=gpu:NoSchedule'],
    // A paste shows none only when it shows the list (describe prints `Tolerations: <none>`).
    compute: (p) => (!fromPaste(p) || p.pod.spec?.tolerations !== undefined ? tolerationsOf(p.pod) : null),
    cite: listCite('spec.tolerations'),
  }),
  podFact({
    name: 'claimNames',
    type: 'string[]',
    description: 'PersistentVolumeClaims the pod mounts (spec.volumes[].persistentVolumeClaim.claimName); null when the pasted evidence does not show its volumes.',
    example: ['data-postgres-0'],
    compute: (p) => {
      const claims = claimNamesOf(p.pod);
      return claims.length || !fromPaste(p) || p.pod.spec?.volumes !== undefined ? claims : null;
    },
    cite: listCite('spec.volumes[*].persistentVolumeClaim.claimName'),
  }),
];
