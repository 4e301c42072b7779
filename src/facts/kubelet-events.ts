import type { PodEvent } from '../model/event.js';
import { sumCounts } from './event-queries.js';

/*
 * What a kubelet event means, whichever release wrote it. kubelet has said the same things in
 * other words over the years, and old pastes are as common in tickets as new ones:
 *
 * - a probe kill: `Container app failed liveness probe, will be restarted` (1.14+);
 *   `Killing container with id docker://app:Container failed liveness probe.. Container will be
 *   killed and recreated.` (1.9-1.13); `Killing container with docker id f892c7: pod "web_ns(uid)"
 *   container "app" is unhealthy, it will be killed and re-created.` (1.3-1.8, when only the
 *   liveness probe killed);
 * - a failed container start: its own BackOff or Failed event (1.5+), or one FailedSync event
 *   `Error syncing pod, skipping: failed to "StartContainer" for "app" with CrashLoopBackOff:
 *   "Back-off 20s restarting failed container=app pod=web_ns(uid)"` (1.2-1.4).
 *
 * Facts ask these instead of matching one release's wording, and messages stay verbatim.
 */

export type KilledByProbe = 'liveness' | 'startup';

/** Which probe a Killing event says the container failed; null for a kill with another or no reason. */
export function probeKillKind(event: PodEvent): KilledByProbe | null {
  if (event.reason !== 'Killing') return null;
  const kind = /failed (liveness|startup) probe/i.exec(event.message)?.[1]?.toLowerCase();
  if (kind === 'liveness' || kind === 'startup') return kind;
  return /is unhealthy, it will be killed and re-created/i.test(event.message) ? 'liveness' : null;
}

/** A FailedSync of kubelet 1.2-1.4: the step that failed, the container, and the waiting reason it got. */
export interface SyncFailure {
  readonly step: string;
  readonly container: string;
  readonly reason: string;
  /** What followed the reason: kubelet's own message for it. */
  readonly detail: string;
}

const SYNC_FAILURE = /failed to "(\w{1,40})" for "([a-z0-9][-a-z0-9.]{0,252})" with (\w{1,60}): "?(.*?)"?$/s;

export function syncFailure(event: PodEvent): SyncFailure | null {
  if (event.reason !== 'FailedSync') return null;
  const match = SYNC_FAILURE.exec(event.message);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { step: match[1], container: match[2], reason: match[3], detail: match[4] ?? '' };
}

/** kubelet backing off a container that keeps failing: the event behind CrashLoopBackOff. */
export function isRestartBackOff(event: PodEvent): boolean {
  // 1.5-1.6 wrote `Back-off restarting failed docker container`.
  if (event.reason === 'BackOff') return /restarting failed (?:docker )?container/i.test(event.message);
  return syncFailure(event)?.reason === 'CrashLoopBackOff';
}

/** kubelet backing off a pull that keeps failing: the event behind ImagePullBackOff. */
export function isPullBackOff(event: PodEvent): boolean {
  if (event.reason === 'BackOff') return /^Back-off pulling image/i.test(event.message);
  return syncFailure(event)?.reason === 'ImagePullBackOff';
}

/** A failed pull as old kubelets reported it, inside a FailedSync: its detail holds the runtime's text. */
export function isSyncPullFailure(event: PodEvent): boolean {
  return syncFailure(event)?.reason === 'ErrImagePull';
}

/** A container the runtime could not start, as old kubelets reported it inside a FailedSync. */
export function isSyncStartFailure(event: PodEvent): boolean {
  const reason = syncFailure(event)?.reason;
  return reason === 'RunContainerError' || reason === 'CreateContainerError';
}

/**
 * Kills whose message gives a reason: a probe, a changed definition, a stop (deletion, eviction,
 * preemption, a new sandbox). kubelets before 1.2 gave none (`Killing with docker id 0b7743acd1a5`).
 */
const EXPLAINED_KILL = /failed (?:liveness|startup) probe|is unhealthy|definition changed|Stopping container|Need to kill Pod|sandbox|preStop|deadline|evict|preempt/i;

/** A Killing event that does not say why kubelet killed the container. */
export function isUnexplainedKill(event: PodEvent): boolean {
  return event.reason === 'Killing' && probeKillKind(event) === null && !EXPLAINED_KILL.test(event.message);
}

/**
 * kubelet stopping a container of a pod that is being deleted (or evicted, or rolled): `Stopping
 * container app` today, `Killing container with id docker://app:Need to kill Pod` in 1.9-1.13.
 */
export function isStopKill(event: PodEvent): boolean {
  return event.reason === 'Killing' && /^Stopping container|:Need to kill Pod\b/i.test(event.message);
}

/** Events that show kubelet (re)started a container: it was created or started. */
export function isContainerStart(event: PodEvent): boolean {
  return event.reason === 'Created' || event.reason === 'Started';
}

/** Kills passing `test` (counts summed) after which the container's events (oldest first) show it created or started again: each was a restart. */
export function killsFollowedByStart(events: readonly PodEvent[], test: (e: PodEvent) => boolean): number {
  const lastStart = events.findLastIndex(isContainerStart);
  return sumCounts(events.slice(0, Math.max(lastStart, 0)), (e) => e.reason === 'Killing' && test(e));
}
