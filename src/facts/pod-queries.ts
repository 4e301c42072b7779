import type { V1PodCondition } from '@kubernetes/client-node';
import type { PodEvent } from '../model/event.js';
import type { Evidence } from '../model/finding.js';
import { eventTime, type PodContext } from './context.js';
import { eventEvidence } from './event-format.js';
import { lastMatching } from './event-queries.js';

/** The latest event about the pod that passes `test`. */
export function lastPodEvent(p: PodContext, test: (e: PodEvent) => boolean): PodEvent | undefined {
  return lastMatching(p.events, test);
}

/** What a fact read from an event when there is one, else from a field of the pod. */
export interface EventOrField {
  readonly text: string;
  readonly event?: PodEvent;
  /** The pod field it came from when not the one the citation names by default. */
  readonly field?: string;
}

/** Cites the event a value came from, else the pod field named `field`. */
export function citeEventOrField(find: (p: PodContext) => EventOrField | null, field: string) {
  return (p: PodContext): Evidence | null => {
    const found = find(p);
    if (!found) return null;
    return found.event ? eventEvidence(found.event) : { source: found.field ?? field, text: found.text };
  };
}

/**
 * What kubelet records on a pod's container start path (pull, create, start, and their failures
 * and back-offs). It takes that path only once every volume is mounted and the sandbox is up.
 */
const CONTAINER_START_STEPS = new Set(['Pulling', 'Pulled', 'Created', 'Started', 'Failed', 'ErrImageNeverPull', 'InspectFailed', 'BackOff']);

/**
 * Setup failures (mount, attach, sandbox) that still hold the pod back. kubelet mounts every volume
 * and creates the sandbox before it does anything with the containers, so a container running now,
 * or any step of the container start path after the last failure, means they were overcome, even
 * when no container ever started: a real v1.34 kubelet that could not sync the kube-root-ca.crt
 * ConfigMap right after the namespace was made records one FailedMount, mounts on the next try and
 * goes on to ErrImageNeverPull or CreateContainerConfigError. A FailedMount while containers run (a
 * ConfigMap update that fails to sync) is not why the pod is down either.
 */
export function openFailures(p: PodContext, test: (e: PodEvent) => boolean): PodEvent[] {
  const failures = p.events.filter(test);
  const last = failures.at(-1);
  if (!last) return [];
  const failedAt = eventTime(last);
  if (p.events.some((e) => CONTAINER_START_STEPS.has(e.reason) && eventTime(e) > failedAt)) return [];
  const statuses = [...(p.pod.status?.initContainerStatuses ?? []), ...(p.pod.status?.containerStatuses ?? [])];
  return statuses.some((s) => s.state?.running) ? [] : failures;
}

/** A compute function reading the latest open failure's message; null without one. */
export function fromOpenFailure<T>(test: (e: PodEvent) => boolean, read: (message: string) => T) {
  return (p: PodContext): T | null => {
    const e = openFailures(p, test).at(-1);
    return e ? read(e.message) : null;
  };
}

/** A cite function naming the latest open failure. */
export function citeOpenFailure(test: (e: PodEvent) => boolean) {
  return (p: PodContext): Evidence | null => {
    const e = openFailures(p, test).at(-1);
    return e ? eventEvidence(e) : null;
  };
}

export function podCondition(p: PodContext, type: string): V1PodCondition | undefined {
  return p.pod.status?.conditions?.find((c) => c.type === type);
}

/** Seconds from `time` to the capture time (negative when `time` is later); null without a time. */
export function secondsUntilNow(p: PodContext, time: Date | string | undefined | null): number | null {
  if (!time) return null;
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isFinite(ms) ? Math.round((p.now - ms) / 1000) : null;
}

/** Seconds since `time`, never below zero; null without a time. */
export function secondsSince(p: PodContext, time: Date | string | undefined | null): number | null {
  const seconds = secondsUntilNow(p, time);
  return seconds === null ? null : Math.max(0, seconds);
}

/** Events about the pod's owners (its Job, its ReplicaSet) the evidence joined to it; none when not gathered. */
export function ownerEvents(p: PodContext): readonly PodEvent[] {
  const events = p.incident.ownerEvents;
  return Array.isArray(events) ? events : [];
}
