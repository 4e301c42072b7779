import type { PodEvent } from '../model/event.js';
import type { ContainerContext } from './context.js';
import { containerFact } from './definition.js';
import { eventEvidence } from './event-format.js';
import { isConfigFailureMessage } from './classify-config.js';
import { lastMatching, sumCounts } from './event-queries.js';
import { isPullBackOff, isRestartBackOff, killsFollowedByStart, probeKillKind } from './kubelet-events.js';

/**
 * A paste of events alone has no container status, but kubelet's events trace the container's
 * life: it is pulled, configured, created and started; probed while it runs; killed, backed off
 * and started again. These facts read a best guess of the state and a lower bound of the restarts
 * from them, only while the status itself is not in the evidence, and always say they are derived.
 */

export interface DerivedState {
  readonly state: 'running' | 'waiting' | 'terminated';
  /** The waiting reason kubelet would report, when the event implies one. */
  readonly reason: string | null;
  /** The event the guess rests on. */
  readonly event: PodEvent;
}

/** kubelet echoes a waiting reason as `Error: ImagePullBackOff`; the echo is the reason itself. */
const WAITING_ECHO = /^Error: (ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName|CreateContainerConfigError|CreateContainerError|RunContainerError)$/;

/** What one event says about the container's state right after it; null when it says nothing. */
function stateAfter(event: PodEvent): Omit<DerivedState, 'event'> | null {
  const { reason, message } = event;
  if (isRestartBackOff(event)) return { state: 'waiting', reason: 'CrashLoopBackOff' };
  if (isPullBackOff(event)) return { state: 'waiting', reason: 'ImagePullBackOff' };
  if (reason === 'Failed') {
    const echo = WAITING_ECHO.exec(message)?.[1];
    if (echo) return { state: 'waiting', reason: echo };
    if (/^Failed to pull image/i.test(message)) return { state: 'waiting', reason: 'ErrImagePull' };
    if (isConfigFailureMessage(message)) return { state: 'waiting', reason: 'CreateContainerConfigError' };
    return null;
  }
  if (reason === 'InspectFailed') return { state: 'waiting', reason: 'InvalidImageName' };
  if (reason === 'ErrImageNeverPull') return { state: 'waiting', reason: 'ErrImageNeverPull' };
  // Probes run only while the container runs; kubelet records Started once it does.
  if (reason === 'Started' || reason === 'Unhealthy') return { state: 'running', reason: null };
  if (reason === 'Killing' && /^Stopping container/i.test(message)) return { state: 'terminated', reason: null };
  return null;
}

/** The state the container's latest telling event implies; null when its status is shown or no event tells. */
export function derivedState(c: ContainerContext): DerivedState | null {
  if (c.status) return null;
  const event = lastMatching(c.events, (e) => stateAfter(e) !== null);
  const after = event && stateAfter(event);
  return event && after ? { ...after, event } : null;
}

const started = (e: PodEvent) => e.reason === 'Started';
const created = (e: PodEvent) => e.reason === 'Created';
const probeKill = (e: PodEvent) => probeKillKind(e) !== null;

/**
 * How often kubelet restarted the container at least, by its events: every start after the first
 * (Started or Created, counts summed), every probe kill, every kill followed by a new start; a
 * back-off means at least one. Events
 * expire after an hour, so older restarts are not counted: a lower bound. Null when the status
 * is shown or the events show no restart.
 */
export function derivedRestarts(c: ContainerContext): number | null {
  if (c.status) return null;
  const restarts = Math.max(
    sumCounts(c.events, started) - 1,
    sumCounts(c.events, created) - 1,
    sumCounts(c.events, probeKill),
    killsFollowedByStart(c.events, (e) => e.reason === 'Killing'),
    c.events.some(isRestartBackOff) ? 1 : 0,
  );
  return restarts > 0 ? restarts : null;
}

export const DERIVED_STATE_FACTS = [
  containerFact({
    name: 'stateFromEvents',
    type: 'string',
    description: 'When the evidence has no status for the container (a paste of events): the state its latest telling event implies, `running` (started or probed), `waiting` (back-off, a failed pull or configuration) or `terminated` (stopped); null when the status is shown or no event tells. A best guess, not a reported state.',
    example: 'waiting',
    compute: (c) => derivedState(c)?.state ?? null,
    cite: (c) => {
      const derived = derivedState(c);
      return derived ? eventEvidence(derived.event) : null;
    },
  }),
  containerFact({
    name: 'waitingReasonFromEvents',
    type: 'string',
    description: 'When the evidence has no status for the container: the waiting reason its latest telling event implies (`CrashLoopBackOff` from a back-off restarting it, `ImagePullBackOff`, `ErrImagePull`, `CreateContainerConfigError`); null otherwise.',
    example: 'CrashLoopBackOff',
    compute: (c) => derivedState(c)?.reason ?? null,
  }),
  containerFact({
    name: 'restartsFromEvents',
    type: 'number',
    description: 'When the evidence has no status for the container: how often its events show it was restarted at least (starts after the first, probe kills; events expire, so older restarts are missing); null when the status is shown or the events show none.',
    example: 7,
    compute: derivedRestarts,
  }),
];
