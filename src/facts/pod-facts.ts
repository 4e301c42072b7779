import type { PodEvent } from '../model/event.js';
import { podFact, podField } from './definition.js';
import type { PodContext } from './context.js';
import { eventEvidence } from './event-format.js';
import { podStatusText } from './pod-status.js';
import { classifySchedulingMessage } from './classify-scheduling.js';
import { classifyEviction } from './classify-eviction.js';
import { classifyMissingObject } from './classify-config.js';

function lastPodEvent(p: PodContext, test: (e: PodEvent) => boolean): PodEvent | undefined {
  for (let i = p.events.length - 1; i >= 0; i--) {
    const event = p.events[i];
    if (event && test(event)) return event;
  }
  return undefined;
}

function sumCounts(p: PodContext, test: (e: PodEvent) => boolean): number {
  return p.events.filter(test).reduce((sum, e) => sum + e.count, 0);
}

function condition(p: PodContext, type: string) {
  return p.pod.status?.conditions?.find((c) => c.type === type);
}

function secondsSince(p: PodContext, time: Date | string | undefined | null): number | null {
  if (!time) return null;
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isFinite(ms) ? Math.max(0, Math.round((p.now - ms) / 1000)) : null;
}

const failedScheduling = (e: PodEvent) => e.reason === 'FailedScheduling';

function schedulingMessage(p: PodContext): { text: string; event?: PodEvent } | null {
  const event = lastPodEvent(p, failedScheduling);
  if (event) return { text: event.message, event };
  const scheduled = condition(p, 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.message) return { text: scheduled.message };
  return null;
}

const evictedEvent = (e: PodEvent) => e.reason === 'Evicted';

function evictionMessage(p: PodContext): { text: string; event?: PodEvent } | null {
  if (p.pod.status?.reason === 'Evicted') return { text: p.pod.status.message ?? 'Evicted' };
  const event = lastPodEvent(p, evictedEvent);
  return event ? { text: event.message, event } : null;
}

const mountFailure = (e: PodEvent) => e.reason === 'FailedMount';
const attachFailure = (e: PodEvent) => e.reason === 'FailedAttachVolume' || e.reason === 'FailedMapVolume';
const sandboxFailure = (e: PodEvent) => e.reason === 'FailedCreatePodSandBox' || e.reason === 'FailedKillPodSandBox';

export const POD_FACTS = [
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
    description: 'The pod\'s namespace.',
    example: 'shop',
    compute: (p) => p.pod.metadata?.namespace ?? 'default',
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
    description: 'The STATUS column of `kubectl get pods`, e.g. `CrashLoopBackOff`, `Init:Error`, `Terminating`.',
    example: 'CrashLoopBackOff',
    compute: (p) => podStatusText(p.pod),
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
    name: 'podRestartPolicy',
    type: 'string',
    description: 'spec.restartPolicy of the pod (Always, OnFailure, Never).',
    example: 'Always',
    compute: (p) => p.pod.spec?.restartPolicy ?? 'Always',
    cite: podField('spec.restartPolicy'),
  }),
  podFact({
    name: 'podAgeSeconds',
    type: 'number',
    description: 'Seconds since the pod was created.',
    example: 5400,
    compute: (p) => secondsSince(p, p.pod.metadata?.creationTimestamp),
  }),
  podFact({
    name: 'ownerKind',
    type: 'string',
    description: 'Kind of the pod\'s controller (ReplicaSet, StatefulSet, DaemonSet, Job, Node for static pods); null for bare pods.',
    example: 'ReplicaSet',
    compute: (p) => p.pod.metadata?.ownerReferences?.find((o) => o.controller)?.kind ?? p.pod.metadata?.ownerReferences?.[0]?.kind ?? null,
  }),
  podFact({
    name: 'terminating',
    type: 'boolean',
    description: 'Whether the pod has a deletionTimestamp.',
    example: true,
    compute: (p) => Boolean(p.pod.metadata?.deletionTimestamp),
    cite: podField('metadata.deletionTimestamp'),
  }),
  podFact({
    name: 'terminatingOverdueSeconds',
    type: 'number',
    description: 'Seconds the pod has been terminating beyond its grace period (deletionTimestamp already includes the grace period); null when not terminating.',
    example: 3600,
    compute: (p) => secondsSince(p, p.pod.metadata?.deletionTimestamp),
  }),
  podFact({
    name: 'finalizers',
    type: 'string[]',
    description: 'metadata.finalizers: a terminating pod stays until each is removed.',
    example: ['example.com/cleanup'],
    compute: (p) => p.pod.metadata?.finalizers ?? [],
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
    name: 'scheduled',
    type: 'string',
    description: 'Status of the PodScheduled condition: True, False or null.',
    example: 'False',
    compute: (p) => condition(p, 'PodScheduled')?.status ?? null,
  }),
  podFact({
    name: 'schedulingMessage',
    type: 'string',
    description: 'The scheduler\'s latest FailedScheduling message (or the PodScheduled condition\'s message).',
    example: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    compute: (p) => schedulingMessage(p)?.text ?? null,
    cite: (p, value) => {
      const found = schedulingMessage(p);
      if (!found) return null;
      return found.event ? eventEvidence(found.event) : { source: 'status.conditions[PodScheduled].message', text: String(value) };
    },
  }),
  podFact({
    name: 'schedulingProblems',
    type: 'string[]',
    description: 'What the scheduler message says: `insufficient-cpu`, `insufficient-memory`, `insufficient-gpu`, `insufficient-ephemeral-storage`, `insufficient-other`, `untolerated-taint`, `node-affinity`, `pod-affinity`, `unbound-pvc`, `volume-node-affinity`, `too-many-pods`, `port-conflict`, `node-unschedulable`, `topology-spread`, `no-nodes`.',
    example: ['insufficient-memory', 'untolerated-taint'],
    compute: (p) => classifySchedulingMessage(schedulingMessage(p)?.text),
  }),
  podFact({
    name: 'evictionMessage',
    type: 'string',
    description: 'Why kubelet evicted the pod (status.message or the Evicted event).',
    example: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi.',
    compute: (p) => evictionMessage(p)?.text ?? null,
    cite: (p, value) => {
      const found = evictionMessage(p);
      if (!found) return null;
      return found.event ? eventEvidence(found.event) : { source: 'status.message', text: String(value) };
    },
  }),
  podFact({
    name: 'evictionResource',
    type: 'string',
    description: 'The resource the eviction reclaimed: `memory`, `ephemeral-storage`, `nodefs`, `imagefs`, `pid`, `other`.',
    example: 'memory',
    compute: (p) => classifyEviction(evictionMessage(p)?.text),
  }),
  podFact({
    name: 'disruptionReason',
    type: 'string',
    description: 'Reason of the DisruptionTarget condition (PreemptionByScheduler, EvictionByEvictionAPI, DeletionByTaintManager, TerminationByKubelet, DeletionByPodGC).',
    example: 'TerminationByKubelet',
    compute: (p) => {
      const c = condition(p, 'DisruptionTarget');
      return c?.status === 'True' ? (c.reason ?? null) : null;
    },
  }),
  podFact({
    name: 'preempted',
    type: 'boolean',
    description: 'Whether a Preempted event or PreemptionByScheduler condition says the scheduler evicted the pod for a higher-priority one.',
    example: false,
    compute: (p) => p.events.some((e) => e.reason === 'Preempted') || condition(p, 'DisruptionTarget')?.reason === 'PreemptionByScheduler',
  }),
  podFact({
    name: 'mountFailures',
    type: 'number',
    description: 'FailedMount events (counts summed).',
    example: 9,
    compute: (p) => sumCounts(p, mountFailure),
    cite: (p) => {
      const e = lastPodEvent(p, mountFailure);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'mountFailureMessage',
    type: 'string',
    description: 'The latest FailedMount message.',
    example: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    compute: (p) => lastPodEvent(p, mountFailure)?.message ?? null,
  }),
  podFact({
    name: 'mountMissingObject',
    type: 'string',
    description: 'The ConfigMap, Secret or PVC a FailedMount says is missing, as `kind/name`.',
    example: 'configmap/app-config',
    compute: (p) => {
      for (let i = p.events.length - 1; i >= 0; i--) {
        const e = p.events[i];
        if (!e || !mountFailure(e)) continue;
        const missing = classifyMissingObject(e.message);
        if (missing) return `${missing.kind}/${missing.name}`;
      }
      return null;
    },
  }),
  podFact({
    name: 'attachFailures',
    type: 'number',
    description: 'FailedAttachVolume / FailedMapVolume events (counts summed).',
    example: 9,
    compute: (p) => sumCounts(p, attachFailure),
    cite: (p) => {
      const e = lastPodEvent(p, attachFailure);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'attachFailureMessage',
    type: 'string',
    description: 'The latest FailedAttachVolume message.',
    example: 'AttachVolume.Attach failed for volume "pvc-1" : volume attachment is being deleted',
    compute: (p) => lastPodEvent(p, attachFailure)?.message ?? null,
  }),
  podFact({
    name: 'sandboxFailures',
    type: 'number',
    description: 'FailedCreatePodSandBox events (counts summed).',
    example: 14,
    compute: (p) => sumCounts(p, sandboxFailure),
    cite: (p) => {
      const e = lastPodEvent(p, sandboxFailure);
      return e ? eventEvidence(e) : null;
    },
  }),
  podFact({
    name: 'sandboxFailureMessage',
    type: 'string',
    description: 'The latest FailedCreatePodSandBox message.',
    example: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox',
    compute: (p) => lastPodEvent(p, sandboxFailure)?.message ?? null,
  }),
  podFact({
    name: 'podEventReasons',
    type: 'string[]',
    description: 'Reasons of all events about the pod, oldest first, without repeats.',
    example: ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'BackOff'],
    compute: (p) => [...new Set(p.events.map((e) => e.reason))],
  }),
];
