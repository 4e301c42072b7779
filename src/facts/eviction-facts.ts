import type { PodEvent } from '../model/event.js';
import type { PodContext } from './context.js';
import { podFact, podField } from './definition.js';
import { classifyEviction, ephemeralStorageOverrun, evictionThreshold, evictionUsage } from './classify-eviction.js';
import { citeEventOrField, lastPodEvent, podCondition, type EventOrField } from './pod-queries.js';

const evictedEvent = (e: PodEvent) => e.reason === 'Evicted';
const preemptedEvent = (e: PodEvent) => e.reason === 'Preempted';

/**
 * kubelet's own texts for an eviction, which it writes into status.message: a pasted message
 * that is one of them tells an eviction even where the paste cut the `Reason: Evicted` line.
 */
const EVICTION_TEXT = /^(?:The node was low on resource: |The node had condition: \[?\w+Pressure|Pod ephemeral local storage usage exceeds the total limit|Usage of EmptyDir volume "[^"]{1,253}" exceeds the limit|Container \S{1,253} exceeded its local ephemeral storage limit)/;

/** kubelet writes the reason into status.message and an Evicted event; either may be all that is left. */
function evictionMessage(p: PodContext): EventOrField | null {
  const event = lastPodEvent(p, evictedEvent);
  const status = p.pod.status;
  if (status?.reason === 'Evicted') {
    const text = (status.message || event?.message || '').trim();
    // The event says the same with a time and a source, so it is the better citation.
    return text ? { text, ...(event && event.message === text ? { event } : {}) } : { text: 'Evicted' };
  }
  if (event) return { text: event.message, event };
  const message = status?.message?.trim();
  if (!status?.reason && message && EVICTION_TEXT.test(message)) return { text: message };
  // Since 1.26 kubelet first marks the pod DisruptionTarget (TerminationByKubelet) with the same
  // text; a status caught before the reason is set, or pasted without it, shows only that.
  const marked = disruption(p);
  const markedText = marked?.reason === 'TerminationByKubelet' ? marked.message?.trim() : undefined;
  return markedText && EVICTION_TEXT.test(markedText) ? { text: markedText, field: 'status.conditions[DisruptionTarget].message' } : null;
}

function disruption(p: PodContext) {
  const c = podCondition(p, 'DisruptionTarget');
  return c?.status === 'True' ? c : undefined;
}

function preemption(p: PodContext): EventOrField | null {
  const event = lastPodEvent(p, preemptedEvent);
  if (event) return { text: event.message, event };
  const c = disruption(p);
  return c?.reason === 'PreemptionByScheduler' ? { text: c.message || 'preempted by the scheduler' } : null;
}

export const EVICTION_FACTS = [
  podFact({
    name: 'evicted',
    type: 'boolean',
    description: 'Whether kubelet evicted the pod (status.reason Evicted, or an Evicted event, or a pasted status message that is kubelet\'s eviction text while the reason is not shown).',
    example: true,
    compute: (p) => evictionMessage(p) !== null,
  }),
  podFact({
    name: 'evictionMessage',
    type: 'string',
    description: 'Why kubelet evicted the pod (status.message or the Evicted event).',
    example: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, request is 256Mi, has larger consumption of memory.',
    compute: (p) => evictionMessage(p)?.text ?? null,
    cite: citeEventOrField(evictionMessage, 'status.message'),
  }),
  podFact({
    name: 'evictionResource',
    type: 'string',
    description: 'What the eviction reclaimed: `memory` (node memory pressure), `ephemeral-storage` (the pod\'s own ephemeral-storage or emptyDir limit), `disk` (node disk pressure, nodefs or imagefs), `pid`, `other`.',
    example: 'memory',
    compute: (p) => classifyEviction(evictionMessage(p)?.text),
  }),
  podFact({
    name: 'evictionUsage',
    type: 'string[]',
    description: 'Per container the eviction message blames: what it used against its request.',
    example: ['container app was using 1.2Gi, request is 256Mi'],
    compute: (p) => evictionUsage(evictionMessage(p)?.text),
  }),
  podFact({
    name: 'evictionThreshold',
    type: 'string',
    description: 'The node\'s eviction threshold and what was left when kubelet acted.',
    example: 'threshold 100Mi, available 52Mi',
    compute: (p) => evictionThreshold(evictionMessage(p)?.text),
  }),
  podFact({
    name: 'evictionStorageOverrun',
    type: 'string',
    description: 'Which of the pod\'s own storage limits was exceeded: a container\'s ephemeral-storage limit, an emptyDir sizeLimit, or the pod total.',
    example: 'container consumerui exceeded its ephemeral-storage limit of 20Mi',
    compute: (p) => ephemeralStorageOverrun(evictionMessage(p)?.text),
  }),
  podFact({
    name: 'evictedContainer',
    type: 'string',
    description: 'The container the eviction message blames first (over its storage limit, or using the most above its request).',
    example: 'consumerui',
    compute: (p) => /Container (\S+) (?:exceeded|was using)/.exec(evictionMessage(p)?.text ?? '')?.[1] ?? null,
  }),
  podFact({
    name: 'disruptionReason',
    type: 'string',
    description: 'Reason of the DisruptionTarget condition (PreemptionByScheduler, EvictionByEvictionAPI, DeletionByTaintManager, TerminationByKubelet, DeletionByPodGC).',
    example: 'TerminationByKubelet',
    compute: (p) => disruption(p)?.reason ?? null,
    cite: (p) => {
      const c = disruption(p);
      return c ? { source: 'status.conditions[DisruptionTarget]', text: `${c.reason ?? ''}${c.message ? `: ${c.message}` : ''}` } : null;
    },
  }),
  podFact({
    name: 'preempted',
    type: 'boolean',
    description: 'Whether the scheduler evicted the pod to make room for a higher-priority one (Preempted event or DisruptionTarget PreemptionByScheduler).',
    example: false,
    compute: (p) => preemption(p) !== null,
  }),
  podFact({
    name: 'preemptionMessage',
    type: 'string',
    description: 'What the scheduler said when it preempted the pod.',
    example: 'Preempted by pod 6f1c2d3e-... on node ip-10-0-1-12.ec2.internal',
    compute: (p) => preemption(p)?.text ?? null,
    cite: citeEventOrField(preemption, 'status.conditions[DisruptionTarget].message'),
  }),
  podFact({
    name: 'podPriority',
    type: 'number',
    description: 'spec.priority: lower-priority pods are preempted first.',
    example: 0,
    compute: (p) => p.pod.spec?.priority ?? null,
  }),
  podFact({
    name: 'priorityClassName',
    type: 'string',
    description: 'spec.priorityClassName; null when unset.',
    example: 'batch-low',
    compute: (p) => p.pod.spec?.priorityClassName ?? null,
    cite: podField('spec.priorityClassName'),
  }),
];
