import type { V1ContainerStatus } from '@kubernetes/client-node';
import { podFact, podField } from './definition.js';
import type { PodContext } from './context.js';
import { lostContainers, podStatusText } from './pod-status.js';
import { citeEventOrField, lastPodEvent, podCondition, secondsSince, secondsUntilNow, type EventOrField } from './pod-queries.js';
import { SCHEDULING_FACTS } from './scheduling-facts.js';
import { EVICTION_FACTS } from './eviction-facts.js';
import { VOLUME_FACTS } from './volume-facts.js';
import { SANDBOX_FACTS } from './sandbox-facts.js';
import { fromPaste, podShown } from './evidence-shown.js';
import { NAMESPACE_PLACEHOLDER } from '../model/placeholders.js';

function controller(p: PodContext) {
  const owners = p.pod.metadata?.ownerReferences ?? [];
  return owners.find((o) => o.controller) ?? owners[0];
}

/** kubelet marks the pod Failed with reason DeadlineExceeded and records an event saying so; either may be all a paste holds. */
function deadlineExceeded(p: PodContext): EventOrField | null {
  const event = lastPodEvent(p, (e) => e.reason === 'DeadlineExceeded');
  if (event) return { text: event.message, event };
  const status = p.pod.status;
  if (status?.reason === 'DeadlineExceeded') return { text: 'DeadlineExceeded' };
  // kubelet's own text in status.message tells it where a paste cut the reason off.
  const message = status?.message?.trim();
  return !status?.reason && message && DEADLINE_TEXT.test(message) ? { text: message, field: 'status.message' } : null;
}

/** kubelet's status.message for a pod it stopped at its activeDeadlineSeconds. */
const DEADLINE_TEXT = /^Pod was active on the node longer than the specified deadline/;

function allStatuses(p: PodContext): V1ContainerStatus[] {
  return [...(p.pod.status?.initContainerStatuses ?? []), ...(p.pod.status?.containerStatuses ?? [])];
}

const LIFECYCLE_FACTS = [
  podFact({
    name: 'podName',
    type: 'string',
    description: 'The pod\'s name.',
    example: 'api-7d9f8b6c4-x2k8p',
    compute: (p) => p.pod.metadata?.name ?? null,
  }),
  podFact({
    name: 'namespace',
    type: 'string',
    description: 'The pod\'s namespace; `<namespace>` when a paste does not show it (a whole object without one is in `default`).',
    example: 'shop',
    compute: (p) => p.pod.metadata?.namespace ?? (fromPaste(p) ? NAMESPACE_PLACEHOLDER : 'default'),
  }),
  podFact({
    name: 'eventsShown',
    type: 'boolean',
    description: 'Whether the evidence could show the pod\'s events: false for a paste that holds none of them (a description cut above its Events, a piece of its YAML), where a count of kills or stops is unknown rather than 0.',
    example: false,
    compute: (p) => p.incident.eventsNotShown !== true,
  }),
  podFact({
    name: 'pastedEvidence',
    type: 'boolean',
    description: 'Whether the pod was rebuilt from pasted text (describe output, events tables, pieces of YAML) rather than read whole: fields such a paste does not show are unknown, not absent. For `when` guards on steps that fetch what a paste lacks.',
    example: true,
    compute: fromPaste,
  }),
  podFact({
    name: 'podPhase',
    type: 'string',
    description: 'Pending, Running, Succeeded, Failed or Unknown.',
    example: 'Running',
    compute: (p) => p.pod.status?.phase ?? null,
    cite: podField('status.phase'),
  }),
  podFact({
    name: 'podReason',
    type: 'string',
    description: 'Pod-level reason, e.g. `Evicted`, `NodeLost`, `DeadlineExceeded`, `Shutdown`.',
    example: 'Evicted',
    compute: (p) => p.pod.status?.reason ?? null,
    cite: podField('status.reason'),
  }),
  podFact({
    name: 'podMessage',
    type: 'string',
    description: 'Pod-level message that goes with `podReason`.',
    example: 'Pod was active on the node longer than the specified deadline',
    compute: (p) => p.pod.status?.message ?? null,
    cite: podField('status.message'),
  }),
  podFact({
    name: 'podStatus',
    type: 'string',
    description: 'The STATUS column of `kubectl get pods`, e.g. `CrashLoopBackOff`, `Init:Error`, `Terminating`; null when the pasted evidence does not show the pod\'s status.',
    example: 'CrashLoopBackOff',
    // Without a status, kubectl's printer falls back to Unknown, a real phase that would be a false claim here.
    compute: (p) => (podShown(p) || p.pod.metadata?.deletionTimestamp ? podStatusText(p.pod, new Set(p.containers.filter((c) => c.kind === 'sidecar').map((c) => c.name))) : null),
  }),
  podFact({
    name: 'qosClass',
    type: 'string',
    description: 'Guaranteed, Burstable or BestEffort: decides who the node OOM-kills first.',
    example: 'Burstable',
    compute: (p) => p.pod.status?.qosClass ?? null,
    cite: podField('status.qosClass'),
  }),
  podFact({
    name: 'podReady',
    type: 'string',
    description: 'Status of the pod\'s Ready condition: True, False, or null when not reported.',
    example: 'False',
    compute: (p) => podCondition(p, 'Ready')?.status ?? null,
  }),
  podFact({
    name: 'podRestartPolicy',
    type: 'string',
    description: 'spec.restartPolicy of the pod (Always, OnFailure, Never; Always when a whole pod object sets none); null when a paste does not show it (kubectl describe never prints it).',
    example: 'Always',
    compute: (p) => p.pod.spec?.restartPolicy ?? (fromPaste(p) ? null : 'Always'),
    cite: podField('spec.restartPolicy'),
  }),
  podFact({
    name: 'setUpSeconds',
    type: 'number',
    description: "Seconds since kubelet took the pod and began setting it up (status.startTime, describe's Start Time), else since the pod was created; null when neither is shown.",
    example: 420,
    compute: (p) => secondsSince(p, p.pod.status?.startTime ?? p.pod.metadata?.creationTimestamp),
  }),
  podFact({
    name: 'podAgeSeconds',
    type: 'number',
    description: 'Seconds since the pod was created.',
    example: 5400,
    compute: (p) => secondsSince(p, p.pod.metadata?.creationTimestamp),
  }),
  podFact({
    name: 'capturedAtInferred',
    type: 'boolean',
    description: 'True when the evidence does not say when it was captured (a file or paste read without --captured-at and without ages that pin it) and the capture time is the latest time it shows: spans that end at the capture are lower bounds.',
    example: true,
    compute: (p) => p.incident.source.capturedAtInferred === true,
  }),
  podFact({
    name: 'ownerKind',
    type: 'string',
    description: 'Kind of the pod\'s controller (ReplicaSet, StatefulSet, DaemonSet, Job, Node for static pods); null for bare pods.',
    example: 'ReplicaSet',
    compute: (p) => controller(p)?.kind ?? null,
  }),
  podFact({
    name: 'ownerName',
    type: 'string',
    description: 'Name of the pod\'s controller, e.g. the Job or ReplicaSet; null for bare pods.',
    example: 'nightly-report-28871520',
    compute: (p) => controller(p)?.name ?? null,
    cite: (p, value) => (value ? { source: 'metadata.ownerReferences', text: `${controller(p)?.kind ?? ''}/${String(value)}` } : null),
  }),
  podFact({
    name: 'terminating',
    type: 'boolean',
    description: 'Whether the pod has a deletionTimestamp; null when a paste does not show the pod itself (events alone cannot say it is not being deleted).',
    example: true,
    compute: (p) => (p.pod.metadata?.deletionTimestamp ? true : podShown(p) ? false : null),
    // The proof is the timestamp itself, not the yes it gives.
    cite: (p, value) => (!value ? null : p.incident.deletionShownAs ? { source: 'status', text: p.incident.deletionShownAs } : { source: 'metadata.deletionTimestamp', text: String(p.pod.metadata?.deletionTimestamp) }),
  }),
  podFact({
    name: 'readinessLostInRows',
    type: 'string',
    description: "How a paste's get pods rows of the pod show it ready and then not, still Running with no restart between (a `--watch`, two listings one after the other); null otherwise. Only a failing readiness probe makes a running container not ready without restarting it.",
    example: 'READY 1/1 in an earlier row, 0/1 in the last, Running with 0 restarts in both',
    compute: (p) => p.incident.readinessLostInRows ?? null,
    cite: (p, value) => (typeof value === 'string' ? { source: 'kubectl get pods rows', text: value } : null),
  }),
  podFact({
    name: 'terminatingOverdueSeconds',
    type: 'number',
    description: 'Seconds the pod has been terminating beyond its grace period (deletionTimestamp is the deletion time plus the grace period); 0 while still within it, null when not terminating.',
    example: 3600,
    compute: (p) => secondsSince(p, p.pod.metadata?.deletionTimestamp),
    cite: (p) => {
      const deadline = p.pod.metadata?.deletionTimestamp;
      if (!deadline) return null;
      const text = deadline instanceof Date ? deadline.toISOString() : String(deadline);
      const grace = p.pod.metadata?.deletionGracePeriodSeconds;
      return { source: 'metadata.deletionTimestamp', text: `${text} (grace period ${grace === undefined || grace === null ? 'not shown' : `${grace}s`})` };
    },
  }),
  podFact({
    name: 'terminatingSeconds',
    type: 'number',
    description: 'Seconds since the pod was deleted: its time past the deadline plus the grace period; null when not terminating.',
    example: 3630,
    compute: (p) => {
      const overdue = secondsUntilNow(p, p.pod.metadata?.deletionTimestamp);
      if (overdue === null) return null;
      return Math.max(0, overdue + (p.pod.metadata?.deletionGracePeriodSeconds ?? 0));
    },
  }),
  podFact({
    name: 'finalizers',
    type: 'string[]',
    description: 'metadata.finalizers: a terminating pod stays until each is removed; null when a paste does not show them (kubectl describe never prints them).',
    example: ['example.com/cleanup'],
    // kubectl describe never prints finalizers: a paste without them says nothing about them.
    compute: (p) => p.pod.metadata?.finalizers ?? (fromPaste(p) ? null : []),
    cite: (_p, value) => (Array.isArray(value) && value.length ? { source: 'metadata.finalizers', text: value.join(', ') } : null),
  }),
  podFact({
    name: 'activeDeadlineSeconds',
    type: 'number',
    description: 'spec.activeDeadlineSeconds; null when unset.',
    example: 600,
    compute: (p) => p.pod.spec?.activeDeadlineSeconds ?? null,
    cite: podField('spec.activeDeadlineSeconds'),
  }),
  podFact({
    name: 'deadlineExceeded',
    type: 'boolean',
    description: 'Whether kubelet stopped the pod for running past spec.activeDeadlineSeconds: status.reason DeadlineExceeded (or, with the reason not shown, kubelet\'s message for it in status.message), or its DeadlineExceeded event.',
    example: true,
    compute: (p) => deadlineExceeded(p) !== null,
    cite: citeEventOrField(deadlineExceeded, 'status.reason'),
  }),
  podFact({
    name: 'runningContainers',
    type: 'string[]',
    description: 'Containers (init and sidecars included) whose current state is running.',
    example: ['app'],
    compute: (p) => allStatuses(p).filter((s) => s.state?.running).map((s) => s.name),
  }),
  podFact({
    name: 'failedContainers',
    type: 'string[]',
    description: 'Containers whose current or last state is a non-zero exit: their own findings explain a failed pod.',
    example: ['migrate'],
    compute: (p) =>
      allStatuses(p)
        .filter((s) => {
          const code = s.state?.terminated?.exitCode ?? s.lastState?.terminated?.exitCode;
          return typeof code === 'number' && code !== 0 && s.state?.terminated?.reason !== 'ContainerStatusUnknown';
        })
        .map((s) => s.name),
  }),
  podFact({
    name: 'unknownContainers',
    type: 'string[]',
    description: 'Containers whose current state is terminated with reason ContainerStatusUnknown: kubelet could no longer find them, as after a node reboot or loss.',
    example: ['app'],
    compute: (p) => lostContainers(p.pod),
    cite: (_p, value) =>
      Array.isArray(value) && value.length ? { source: 'status.containerStatuses[*].state.terminated.reason', text: `ContainerStatusUnknown (${value.join(', ')})` } : null,
  }),
  podFact({
    name: 'podEventReasons',
    type: 'string[]',
    description: 'Reasons of all events about the pod, oldest first, without repeats.',
    example: ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'BackOff'],
    compute: (p) => [...new Set(p.events.map((e) => e.reason))],
  }),
];

/** Every pod-scope fact except the node's and the Services'. */
export const POD_FACTS = [...LIFECYCLE_FACTS, ...SCHEDULING_FACTS, ...EVICTION_FACTS, ...VOLUME_FACTS, ...SANDBOX_FACTS];
