import type { PodEvent } from '../model/event.js';
import type { ContainerContext, PodContext } from './context.js';
import { containerLabel } from './container-state-facts.js';
import { podFact } from './definition.js';
import { derivedRestarts } from './derived-state.js';
import { formatAge } from './duration.js';
import { eventHeading } from './event-format.js';
import { lastMatching } from './event-queries.js';
import { isPullBackOff } from './kubelet-events.js';
import { waitingReasonOf } from './waiting-reason.js';
import { secondsSince } from './pod-queries.js';

/*
 * What a reader of the evidence would call a sign of failure, whatever caused it: a Warning
 * event, a waiting or failed container, a non-zero exit, restarts. A pod showing any of them is
 * never reported healthy: the `unexplained-failure` fallback rule names them when no other rule
 * explains them. A status that shows the pod healthy now (succeeded, or every container running
 * and ready) outweighs warnings and restarts that are history.
 */

/** Waiting reasons of a container still being set up: a failure only once they last. */
const SETTING_UP = new Set(['ContainerCreating', 'PodInitializing']);
/** How long setting up may take before it counts as stuck. */
const STUCK_SETUP_SECONDS = 300;

function runningAndReady(c: ContainerContext): boolean {
  return Boolean(c.status?.state?.running) && c.status?.ready === true;
}

/** The pod's status, when shown, says it is fine now: it succeeded, or every container runs and is ready. */
function shownHealthy(p: PodContext): boolean {
  if (p.pod.status?.phase === 'Succeeded') return true;
  const withStatus = p.containers.filter((c) => c.status && c.kind !== 'init');
  return withStatus.length > 0 && withStatus.every(runningAndReady) && p.containers.every((c) => c.kind !== 'init' || c.status?.state?.terminated?.exitCode === 0 || !c.status);
}

/** Since when the pod has been setting up: its start time, else its Scheduled event, else its creation (a get pods row's AGE). */
function setupSeconds(p: PodContext): number | null {
  const scheduled = lastMatching(p.events, (e) => e.reason === 'Scheduled');
  return secondsSince(p, p.pod.status?.startTime ?? scheduled?.firstTimestamp ?? scheduled?.lastTimestamp ?? p.pod.metadata?.creationTimestamp);
}

/** A pod Pending longer than a set-up takes, with nothing in the evidence saying what it waits for; scheduling gates hold a pod on purpose. */
function pendingSignal(p: PodContext): string[] {
  if (p.pod.status?.phase !== 'Pending' || p.containers.some((c) => c.status?.state)) return [];
  if (p.pod.status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) return [];
  const seconds = secondsSince(p, p.pod.status?.startTime ?? p.pod.metadata?.creationTimestamp);
  return seconds !== null && seconds > STUCK_SETUP_SECONDS ? [`the pod has been Pending for ${formatAge(seconds)}`] : [];
}

/** `exit code 1`; null where a paste showed a termination without its code (a get pods row's `Error`). */
function exitCodeText(exitCode: number | undefined): string | null {
  return typeof exitCode === 'number' ? `exit code ${exitCode}` : null;
}

function containerSignals(c: ContainerContext, p: PodContext, healthy: boolean): string[] {
  const label = containerLabel(c);
  const signals: string[] = [];
  const state = c.status?.state;
  const waiting = waitingReasonOf(state?.waiting);
  if (waiting && !SETTING_UP.has(waiting)) signals.push(`${label} is waiting (${waiting})`);
  if (waiting && SETTING_UP.has(waiting)) {
    const seconds = setupSeconds(p);
    if (seconds !== null && seconds > STUCK_SETUP_SECONDS) signals.push(`${label} has been in ${waiting} for ${formatAge(seconds)}`);
  }
  const terminated = state?.terminated;
  if (terminated && !healthy && (terminated.exitCode !== 0 || (terminated.reason && terminated.reason !== 'Completed'))) {
    signals.push(`${label} terminated (${[terminated.reason, exitCodeText(terminated.exitCode)].filter(Boolean).join(', ')})`);
  }
  const last = c.status?.lastState?.terminated;
  if (last && last.exitCode !== 0 && !healthy && !runningAndReady(c)) {
    signals.push(typeof last.exitCode === 'number' ? `${label} last exited with code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : `${label} last terminated (${last.reason ?? 'no reason shown'})`);
  }
  const restarts = c.status?.restartCount ?? 0;
  if (restarts > 0 && !healthy && !runningAndReady(c)) signals.push(`${label} restarted ${restarts} time${restarts === 1 ? '' : 's'}`);
  const fromEvents = derivedRestarts(c);
  if (fromEvents) signals.push(`${label} restarted at least ${fromEvents} time${fromEvents === 1 ? '' : 's'} by its events`);
  return signals;
}

const SET_UP = ['Pulled', 'Created', 'Started'];
/** Later events that show a warning was overcome: the pod got scheduled, the image pulled, the container created or started. */
const OVERCOME_BY: Readonly<Record<string, readonly string[]>> = {
  FailedScheduling: ['Scheduled', ...SET_UP],
  Failed: SET_UP,
  InspectFailed: SET_UP,
  ErrImageNeverPull: SET_UP,
  FailedMount: ['Created', 'Started'],
  FailedAttachVolume: ['Created', 'Started'],
  FailedCreatePodSandBox: ['Created', 'Started'],
  NetworkNotReady: ['Created', 'Started'],
};

/** Where each event sits in its scope (its container's events, else the pod's), and the last place of every reason there. */
interface EventPlaces {
  readonly scopeOf: Map<PodEvent, { readonly index: number; readonly lastOfReason: ReadonlyMap<string, number> }>;
}

function lastIndexOfReasons(events: readonly PodEvent[]): Map<string, number> {
  const last = new Map<string, number>();
  events.forEach((e, i) => last.set(e.reason, i));
  return last;
}

const placesCache = new WeakMap<PodContext, EventPlaces>();

/** Built once per pod, so judging every warning stays linear in the number of events. */
function eventPlaces(p: PodContext): EventPlaces {
  const cached = placesCache.get(p);
  if (cached) return cached;
  const scopeOf = new Map<PodEvent, { index: number; lastOfReason: ReadonlyMap<string, number> }>();
  const podLast = lastIndexOfReasons(p.events);
  p.events.forEach((e, index) => scopeOf.set(e, { index, lastOfReason: podLast }));
  for (const c of p.containers) {
    const last = lastIndexOfReasons(c.events);
    c.events.forEach((e, index) => scopeOf.set(e, { index, lastOfReason: last }));
  }
  const places = { scopeOf };
  placesCache.set(p, places);
  return places;
}

/**
 * A warning the evidence shows was overcome: a later event of the same container (of the pod,
 * for a pod-level warning) shows the step succeeded, or the node reports Ready again after a
 * NodeNotReady. A back-off restarting a container is never overcome this way: it keeps starting.
 */
function resolved(p: PodContext, event: PodEvent): boolean {
  if (event.reason === 'FailedSync') return echoesResolvedWarning(p, event);
  if (event.reason === 'NodeNotReady' || event.reason === 'NodeLost') {
    return p.incident.node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  }
  const pullBackOff = isPullBackOff(event);
  const overcomeBy = pullBackOff ? SET_UP : OVERCOME_BY[event.reason];
  if (!overcomeBy) return false;
  const place = eventPlaces(p).scopeOf.get(event);
  if (!place) return false;
  return overcomeBy.some((reason) => (place.lastOfReason.get(reason) ?? -1) > place.index);
}

/** Old kubelets (before 1.10) repeated every sync error as `FailedSync: Error syncing pod, skipping: ERROR`. */
const SYNC_ECHO = /^Error\s*syncing pod(?:, skipping)?: ([\s\S]+)$/;
/** Messages compared per echo: a real pod has a handful; a hostile paste must not make this quadratic. */
const ECHO_CANDIDATES = 64;

const overcomeMessagesCache = new WeakMap<PodContext, string[]>();

/** Distinct messages of the pod's warnings that later events show were overcome, newest first. */
function overcomeMessages(p: PodContext): string[] {
  let messages = overcomeMessagesCache.get(p);
  if (!messages) {
    const distinct = new Set<string>();
    for (let i = p.events.length - 1; i >= 0 && distinct.size < ECHO_CANDIDATES; i--) {
      const e = p.events[i]!;
      if (e.type === 'Warning' && e.reason !== 'FailedSync' && resolved(p, e)) distinct.add(e.message);
    }
    messages = [...distinct];
    overcomeMessagesCache.set(p, messages);
  }
  return messages;
}

/** A FailedSync echo of a failure later events show was overcome (a FailedMount before the container was created) is overcome with it. */
function echoesResolvedWarning(p: PodContext, event: PodEvent): boolean {
  const echoed = SYNC_ECHO.exec(event.message)?.[1]?.trim();
  return Boolean(echoed) && overcomeMessages(p).some((message) => message.endsWith(echoed!));
}

/** The latest Warning event of each reason, newest first, as one line each. */
function warningSignals(p: PodContext): string[] {
  const latest = new Map<string, PodEvent>();
  for (const event of p.events) if (event.type === 'Warning' && !resolved(p, event)) latest.set(event.reason, event);
  return [...latest.values()].reverse().map(warningLine);
}

function warningLine(e: PodEvent): string {
  return `Warning ${eventHeading(e)}: ${e.message}`;
}

/** A container that restarted but runs and is ready: the restart, with how its last instance ended. */
function recoveredContainer(c: ContainerContext, p: PodContext): string | null {
  const restarts = c.status?.restartCount ?? 0;
  if (!runningAndReady(c) || restarts === 0) return null;
  const last = c.status?.lastState?.terminated;
  const ago = secondsSince(p, last?.finishedAt);
  const ended = last ? `, last ${[exitCodeText(last.exitCode), last.reason ? `(${last.reason})` : null].filter(Boolean).join(' ') || 'termination'}${ago !== null ? ` ${formatAge(ago)} ago` : ''}` : '';
  return `${containerLabel(c)} restarted ${restarts} time${restarts === 1 ? '' : 's'}${ended} and runs ready now`;
}

/**
 * Failures the evidence shows were got past: restarted containers that run and are ready, and
 * warnings later events show were overcome while no container status says how the pod is now.
 * A pod that has succeeded is done: its retries are another rule's.
 */
function earlierFailures(p: PodContext): string[] {
  if (p.pod.status?.phase === 'Succeeded') return [];
  const containers = p.containers.flatMap((c) => recoveredContainer(c, p) ?? []);
  const warnings = p.containers.some((c) => c.status) ? [] : p.events.filter((e) => e.type === 'Warning' && resolved(p, e)).map(warningLine);
  return [...containers, ...warnings];
}

/** Which step of bringing the pod up an overcome warning was: the kinds the `*-got-past` rules read. */
export type EarlierFailureKind = 'scheduling' | 'volume' | 'sandbox' | 'image-pull' | 'node' | 'other';

const KIND_BY_REASON: Readonly<Record<string, EarlierFailureKind>> = {
  FailedScheduling: 'scheduling',
  FailedMount: 'volume',
  FailedAttachVolume: 'volume',
  FailedCreatePodSandBox: 'sandbox',
  NetworkNotReady: 'sandbox',
  NodeNotReady: 'node',
  NodeLost: 'node',
  ErrImageNeverPull: 'image-pull',
};

/** A `Failed` event is a pull only when its message says so (it also reports config and start errors). */
const PULL_FAILED = /^(?:Failed to pull image|Error: (?:ErrImagePull|ImagePullBackOff))/i;

function earlierFailureKind(p: PodContext, e: PodEvent): EarlierFailureKind {
  if (isPullBackOff(e) || (e.reason === 'Failed' && PULL_FAILED.test(e.message))) return 'image-pull';
  if (e.reason === 'FailedSync') {
    // An echo takes the kind of the warning it repeats: `exit status 32` after a FailedMount is the mount's.
    const echoed = SYNC_ECHO.exec(e.message)?.[1]?.trim();
    const original = echoed ? p.events.find((o) => o !== e && o.type === 'Warning' && o.reason !== 'FailedSync' && o.message.endsWith(echoed)) : undefined;
    return original ? earlierFailureKind(p, original) : 'other';
  }
  return KIND_BY_REASON[e.reason] ?? 'other';
}

/** The distinct kinds of the overcome warnings `earlierFailures` lists (none while a container status is shown). */
function earlierFailureKinds(p: PodContext): EarlierFailureKind[] {
  if (p.pod.status?.phase === 'Succeeded' || p.containers.some((c) => c.status)) return [];
  const kinds = new Set<EarlierFailureKind>();
  for (const e of p.events) if (e.type === 'Warning' && resolved(p, e)) kinds.add(earlierFailureKind(p, e));
  return [...kinds];
}

const signalsCache = new WeakMap<PodContext, string[]>();

export function failureSignals(p: PodContext): string[] {
  const cached = signalsCache.get(p);
  if (cached) return cached;
  const healthy = shownHealthy(p);
  const signals = [
    ...(p.pod.status?.phase === 'Failed' ? [`the pod failed${p.pod.status.reason ? ` (${p.pod.status.reason})` : ''}`] : []),
    ...(p.pod.status?.phase === 'Unknown' ? ['the pod\'s phase is Unknown: its node stopped reporting its status'] : []),
    ...pendingSignal(p),
    ...p.containers.flatMap((c) => containerSignals(c, p, healthy)),
    ...(healthy ? [] : warningSignals(p)),
    ...(p.incident.unplacedOutputFailure ? [`output pasted beside it, from a container it does not name, reports: ${p.incident.unplacedOutputFailure}`] : []),
  ];
  signalsCache.set(p, signals);
  return signals;
}

export const FAILURE_SIGNAL_FACTS = [
  podFact({
    name: 'failureSignals',
    type: 'string[]',
    description: 'Signs of failure the evidence shows, whatever caused them: Warning events (latest of each reason), waiting or failed containers, non-zero exits, restarts, a set-up that has lasted over 5 minutes, an error in output pasted beside the pod that names none of its containers; empty when the status shows the pod healthy now (succeeded, or every container running and ready) and nothing else fails.',
    example: ['container app is waiting (PostStartHookError)', 'Warning FailedPostStartHook: Exec lifecycle hook ([/bin/sh -c /hooks/start.sh]) for Container "app" in Pod "web-0_shop(…)" failed'],
    compute: failureSignals,
  }),
  podFact({
    name: 'earlierFailures',
    type: 'string[]',
    description: 'Failures the evidence shows were got past: containers that restarted but run and are ready now, and (while no container status is shown) Warning events later events show were overcome (scheduled after FailedScheduling, pulled or started after a failed pull, mount or sandbox, the node Ready again).',
    example: ['container app restarted 3 times, last exit code 137 (Error) 2h ago and runs ready now'],
    compute: earlierFailures,
  }),
  podFact({
    name: 'earlierFailureKinds',
    type: 'string[]',
    description: 'Which steps the overcome warnings of `earlierFailures` were, each once: `scheduling`, `volume` (mount or attach), `sandbox`, `image-pull`, `node` (NotReady, lost), `other`; a FailedSync echo counts as the warning it repeats. Empty while a container status is shown.',
    example: ['sandbox'],
    compute: earlierFailureKinds,
  }),
  podFact({
    name: 'firstFailureSignal',
    type: 'string',
    description: 'The first of `failureSignals`, for titles; null when there is none.',
    example: 'container app is waiting (PostStartHookError)',
    compute: (p) => failureSignals(p)[0] ?? null,
  }),
];
