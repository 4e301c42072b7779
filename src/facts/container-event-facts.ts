import { containerFact, statusField } from './definition.js';
import type { ContainerContext } from './context.js';
import { eventEvidence } from './event-format.js';
import { classifyImagePull, imageNamedIn, pullErrorDetail } from './classify-image.js';
import { classifyMissingObject, configErrorSubject, isConfigFailureMessage } from './classify-config.js';
import { classifyStartError } from './classify-start.js';
import type { PodEvent } from '../model/event.js';
import { execFailureInLog, logErrorLine, shellExecFailureInLog, shellExecProblem } from './log-facts.js';
import { lastMatching, sumCounts } from './event-queries.js';
import { waitingReasonOf } from './waiting-reason.js';
import { isPullBackOff, isRestartBackOff, isStopKill, isSyncPullFailure, isSyncStartFailure, isUnexplainedKill, killsFollowedByStart } from './kubelet-events.js';

const IMAGE_WAITING = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable', 'ImageInspectError']);
const CONFIG_WAITING = new Set(['CreateContainerConfigError']);
/** Waiting reasons of a container that has not been created yet: pull and config failures still apply. */
const BEFORE_CREATION = new Set([...IMAGE_WAITING, ...CONFIG_WAITING, 'ContainerCreating', 'PodInitializing']);
const START_FAILURES = new Set(['StartError', 'ContainerCannotRun', 'RunContainerError', 'CreateContainerError']);

function lastEvent(c: ContainerContext, test: (e: PodEvent) => boolean): PodEvent | undefined {
  return lastMatching(c.events, test);
}

const backOffRestart = isRestartBackOff;

/**
 * Whether the status shows the container got past pulling and creation: it runs, ran, or waits
 * for a later stage (CrashLoopBackOff). Then old pull or config failures in the events are history.
 */
function pastCreation(c: ContainerContext): boolean {
  const state = c.status?.state;
  if (!state) return false;
  if (state.running || state.terminated) return true;
  const reason = waitingReasonOf(state.waiting);
  return reason !== null && !BEFORE_CREATION.has(reason);
}

/** The latest event that passes `test`, unless a later event about the container shows it was overcome. */
function unresolvedEvent(c: ContainerContext, test: (e: PodEvent) => boolean, resolvedBy: ReadonlySet<string>): PodEvent | undefined {
  const event = lastEvent(c, test);
  if (!event) return undefined;
  const after = c.events.slice(c.events.lastIndexOf(event) + 1);
  return after.some((e) => resolvedBy.has(e.reason)) ? undefined : event;
}

/** kubelet echoes the waiting reason as a second Failed event (`Error: ErrImagePull`); the runtime's text is in the other. */
const reasonEcho = (e: PodEvent) => /^Error: \w+$/.test(e.message);
const pullFailure = (e: PodEvent) =>
  (e.reason === 'Failed' && !reasonEcho(e) && /^Failed to pull image|^image pull failed for |couldn't parse image|InvalidImageName/i.test(e.message)) || isSyncPullFailure(e);
const inspectFailure = (e: PodEvent) => e.reason === 'InspectFailed' || e.reason === 'ErrImageNeverPull';
/**
 * What is left when a paste holds neither the runtime's text nor the status: kubelet backing off
 * a pull (`Back-off pulling image "x"`, sometimes typed Normal) or echoing the waiting reason.
 */
const pullBackOffOrEcho = (e: PodEvent) =>
  isPullBackOff(e) || (e.reason === 'Failed' && /^Error: (?:ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName)$/.test(e.message));
const PULL_RESOLVED = new Set(['Pulled', 'Created', 'Started']);

/** The most specific message about a failed pull: the event's runtime text beats the waiting reason's echo. */
export function imagePullMessage(c: ContainerContext): { message: string; event?: PodEvent } | null {
  if (pastCreation(c)) return null;
  const event =
    unresolvedEvent(c, pullFailure, PULL_RESOLVED) ?? unresolvedEvent(c, inspectFailure, PULL_RESOLVED) ?? (c.status ? undefined : unresolvedEvent(c, pullBackOffOrEcho, PULL_RESOLVED));
  if (event) return { message: event.message, event };
  const waiting = c.status?.state?.waiting;
  const reason = waitingReasonOf(waiting);
  if (reason && IMAGE_WAITING.has(reason)) return { message: waiting?.message || reason };
  return null;
}

/** The image named in the latest unresolved pull failure (what the node really tried to pull). */
export function pulledImage(c: ContainerContext): string | null {
  const found = imagePullMessage(c);
  return (found && imageNamedIn(found.message)) ?? (found ? (c.spec?.image ?? null) : null);
}

/** kubelet's own texts for a container it cannot configure; other "Error: ..." events are runtime failures. */
const configFailure = (e: PodEvent) => e.reason === 'Failed' && isConfigFailureMessage(e.message);
const CONFIG_RESOLVED = new Set(['Created', 'Started']);

function configErrorMessage(c: ContainerContext): { message: string; event?: PodEvent } | null {
  if (pastCreation(c)) return null;
  const event = unresolvedEvent(c, configFailure, CONFIG_RESOLVED);
  if (event) return { message: event.message.replace(/^Error: /, ''), event };
  const waiting = c.status?.state?.waiting;
  const reason = waitingReasonOf(waiting);
  if (reason && CONFIG_WAITING.has(reason)) return { message: waiting?.message || reason };
  return null;
}

const startFailureEvent = (e: PodEvent) =>
  ((e.reason === 'Failed' && !/^Failed to pull image/i.test(e.message)) || isSyncStartFailure(e)) &&
  /failed to (?:create|start) (?:containerd )?(?:task|shim|container)|OCI runtime|exec: "|executable file not found|exec format error|permission denied/i.test(e.message);

/**
 * The runtime's message about a process it could not start. The status says it best; events
 * stand in when the status has no message (describe drops it) or is missing, but not once the
 * status shows the process ran.
 */
function startErrorMessage(c: ContainerContext): { message: string; source: string } | null {
  const state = c.status?.state;
  const lastState = c.status?.lastState;
  const candidates = [
    { s: state?.terminated, source: 'state.terminated.message' },
    { s: state?.waiting, source: 'state.waiting.message' },
    { s: lastState?.terminated, source: 'lastState.terminated.message' },
  ];
  for (const { s, source } of candidates) {
    if (s?.reason && START_FAILURES.has(s.reason) && s.message) return { message: s.message, source };
  }
  const waitsOnStartFailure = START_FAILURES.has(waitingReasonOf(state?.waiting) ?? '');
  const ran = Boolean(state?.running) || [state?.terminated, lastState?.terminated].some((t) => t && !START_FAILURES.has(t.reason ?? ''));
  if (ran && !waitsOnStartFailure) return null;
  const event = lastEvent(c, startFailureEvent);
  if (event) return { message: event.message, source: `event ${event.source}` };
  return null;
}

export const CONTAINER_EVENT_FACTS = [
  containerFact({
    name: 'eventReasons',
    type: 'string[]',
    description: 'Reasons of the events about this container, oldest first, without repeats.',
    example: ['Pulled', 'Created', 'Started', 'Unhealthy', 'Killing', 'BackOff'],
    compute: (c) => [...new Set(c.events.map((e) => e.reason))],
  }),
  containerFact({
    name: 'warningEvents',
    type: 'number',
    description: 'How many Warning events about this container (counts summed).',
    example: 37,
    compute: (c) => sumCounts(c.events, (e) => e.type === 'Warning'),
  }),
  containerFact({
    name: 'backOffRestarts',
    type: 'number',
    description: 'Back-off events for restarting the failed container (counts summed).',
    example: 41,
    compute: (c) => sumCounts(c.events, backOffRestart),
    cite: (c) => {
      const event = lastEvent(c, backOffRestart);
      return event ? eventEvidence(event) : null;
    },
  }),
  containerFact({
    name: 'stopEvents',
    type: 'number',
    description: 'Killing events "Stopping container" (1.9-1.13: "Need to kill Pod"): a deletion, rollout or eviction asked the container to stop.',
    example: 1,
    compute: (c) => sumCounts(c.events, isStopKill),
  }),
  containerFact({
    name: 'unexplainedKillRestarts',
    type: 'number',
    description: 'Kills that give no reason (kubelets before 1.2 wrote `Killing with docker id 0b7743acd1a5`), after which the container was created or started again (counts summed): kubelet killed and re-created it on its own, most often for a failing liveness probe.',
    example: 2,
    compute: (c) => killsFollowedByStart(c.events, isUnexplainedKill),
    cite: (c) => {
      const event = lastEvent(c, isUnexplainedKill);
      return event ? eventEvidence(event) : null;
    },
  }),
  containerFact({
    name: 'imagePullMessage',
    type: 'string',
    description: 'The latest message about a failed image pull (Failed event, else the waiting message).',
    example: 'Failed to pull image "acme/api:v9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acme/api:v9": not found',
    compute: (c) => imagePullMessage(c)?.message ?? null,
    cite: (c, value) => {
      const found = imagePullMessage(c);
      if (!found) return null;
      if (found.event) return eventEvidence(found.event);
      // Without a waiting message the value is the reason itself, which waitingReason cites: no message field to name.
      return c.status?.state?.waiting?.message ? statusField('state.waiting.message')(c, value) : null;
    },
  }),
  containerFact({
    name: 'imagePullError',
    type: 'string',
    description: 'What the registry or network said, without the runtime\'s "failed to ..." wrapping of `imagePullMessage`.',
    example: '401 Unauthorized',
    compute: (c) => {
      const found = imagePullMessage(c);
      // A waiting state with no message (a get pods row) shows the reason only: no error was shown.
      if (!found || (!found.event && found.message === waitingReasonOf(c.status?.state?.waiting))) return null;
      return pullErrorDetail(found.message);
    },
  }),
  containerFact({
    name: 'imagePullProblem',
    type: 'string',
    description: 'Why the pull failed: `not-found`, `unauthorized`, `unreachable`, `platform`, `rate-limited`, `invalid-name`, `never-pull` or `unknown`; null when no pull failed.',
    example: 'not-found',
    compute: (c) => {
      const waitingReason = waitingReasonOf(c.status?.state?.waiting);
      if (waitingReason === 'InvalidImageName') return 'invalid-name';
      if (waitingReason === 'ErrImageNeverPull') return 'never-pull';
      return classifyImagePull(imagePullMessage(c)?.message);
    },
  }),
  containerFact({
    name: 'pulledImage',
    type: 'string',
    description: 'The image named in pull failure messages (what the node really tried to pull).',
    example: 'acme/api:v9',
    compute: pulledImage,
  }),
  containerFact({
    name: 'configErrorMessage',
    type: 'string',
    description: 'Why the container could not be configured (Failed "Error: ..." event or the CreateContainerConfigError message).',
    example: 'configmap "app-config" not found',
    compute: (c) => configErrorMessage(c)?.message ?? null,
    cite: (c, value) => {
      const found = configErrorMessage(c);
      if (!found) return null;
      if (found.event) return eventEvidence(found.event);
      // Without a waiting message the value is the reason itself, which waitingReason cites: no message field to name.
      return c.status?.state?.waiting?.message ? statusField('state.waiting.message')(c, value) : null;
    },
  }),
  containerFact({
    name: 'configErrorSubject',
    type: 'string',
    description: 'What the configuration error is about: `volume-mount` for a volume mount kubelet could not prepare (a subPath, a volume the pod does not define), `config` for anything else (a ConfigMap, Secret or key, the image user); null without one.',
    example: 'volume-mount',
    compute: (c) => configErrorSubject(configErrorMessage(c)?.message),
  }),
  containerFact({
    name: 'missingObjectKind',
    type: 'string',
    description: 'What the configuration error says is missing: `configmap`, `secret`, `key`, `serviceaccount`, `pvc`.',
    example: 'configmap',
    compute: (c) => classifyMissingObject(configErrorMessage(c)?.message)?.kind ?? null,
  }),
  containerFact({
    name: 'missingObjectName',
    type: 'string',
    description: 'The name of the missing ConfigMap, Secret or key.',
    example: 'app-config',
    compute: (c) => classifyMissingObject(configErrorMessage(c)?.message)?.name ?? null,
  }),
  containerFact({
    name: 'missingKeyObject',
    type: 'string',
    description: 'For a missing key: the ConfigMap or Secret that lacks it (`ConfigMap ns/name`).',
    example: 'ConfigMap shop/app-config',
    compute: (c) => classifyMissingObject(configErrorMessage(c)?.message)?.object ?? null,
  }),
  containerFact({
    name: 'missingKeyObjectResource',
    type: 'string',
    description: 'For a missing key: the kind of object that lacks it as kubectl names the resource, `configmap` or `secret`.',
    example: 'configmap',
    compute: (c) => classifyMissingObject(configErrorMessage(c)?.message)?.objectResource ?? null,
  }),
  containerFact({
    name: 'missingKeyObjectName',
    type: 'string',
    description: 'For a missing key: the name of the ConfigMap or Secret that lacks it.',
    example: 'app-config',
    compute: (c) => classifyMissingObject(configErrorMessage(c)?.message)?.objectName ?? null,
  }),
  containerFact({
    name: 'startErrorMessage',
    type: 'string',
    description: 'The runtime\'s message about a process it could not start (StartError, ContainerCannotRun, RunContainerError, or a Failed event).',
    example: 'exec: "gunicorn": executable file not found in $PATH: unknown',
    compute: (c) => startErrorMessage(c)?.message ?? null,
    cite: (c, value) => {
      const found = startErrorMessage(c);
      if (!found) return null;
      return found.source.startsWith('event')
        ? { source: found.source, text: String(value) }
        : statusField(found.source)(c, value);
    },
  }),
  containerFact({
    name: 'startFailureDetail',
    type: 'string',
    description: 'What went wrong starting the program, from the best source there is: the runtime\'s start error, else its exec failure printed first in the log, else the error line of the log (a shell prints "not found" or "Permission denied" there), else the termination message.',
    example: 'sh: /scripts/render-config.sh: Permission denied',
    compute: (c) => startErrorMessage(c)?.message ?? execFailureInLog(c) ?? shellExecFailureInLog(c) ?? logErrorLine(c) ?? c.status?.lastState?.terminated?.message ?? c.status?.state?.terminated?.message ?? null,
  }),
  containerFact({
    name: 'startProblem',
    type: 'string',
    description: 'Why the process could not start: `not-found`, `permission-denied`, `exec-format` or `other`; from the runtime\'s start error, else from its exec failure printed first in the log (`exec /start.sh: no such file or directory`), else from a shell\'s failure to run its command (`sh: 1: /run.sh: Permission denied`).',
    example: 'not-found',
    compute: (c) => {
      const runtime = startErrorMessage(c)?.message ?? execFailureInLog(c);
      if (runtime) return classifyStartError(runtime);
      const shell = shellExecFailureInLog(c);
      return shell ? shellExecProblem(shell) : null;
    },
  }),
];
