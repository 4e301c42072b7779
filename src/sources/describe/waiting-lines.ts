import type { V1Pod } from '@kubernetes/client-node';
import { imageNamedIn } from '../../facts/classify-image.js';
import { CONTAINER_PLACEHOLDER, POD_PLACEHOLDER } from '../../model/placeholders.js';
import type { PasteLine } from './paste-lines.js';

/*
 * A container's waiting state pasted as one line, without the pod around it:
 * - kubelet's refusal to give the log of a container that never started, which `kubectl logs`
 *   prints (`Error from server (BadRequest): container "app" in pod "web-0" is waiting to start:
 *   ErrImageNeverPull`). kubelet writes it in validateContainerLogStatus: the waiting reason
 *   itself, except two texts of its own for the image pull reasons;
 * - `REASON: message`, as dashboards, CI tools and `-o jsonpath='{..waiting.reason}: {..message}'`
 *   print a waiting state (`ImagePullBackOff: Back-off pulling image "web:2.1"`), or `message:
 *   REASON`. Only kubelet's waiting reasons open or end such a line, so a log line or a sentence
 *   is never read as one.
 */

/** One waiting state a line showed, and the pod and container it named, if it did. */
export interface WaitingLine {
  readonly pod: string | null;
  readonly container: string | null;
  readonly reason: string;
  readonly message: string | null;
}

/** What waiting lines gave, and the lines that were none. */
export interface WaitingLines {
  readonly states: WaitingLine[];
  readonly unread: PasteLine[];
}

/** kubelet's reasons for a container it has not (re)started, as its status and kubectl show them. */
const WAITING_REASONS = new Set([
  'ContainerCreating', 'PodInitializing', 'CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull',
  'InvalidImageName', 'ImageInspectError', 'RegistryUnavailable', 'SignatureValidationFailed', 'CreateContainerConfigError',
  'CreateContainerError', 'PreCreateHookError', 'PreStartHookError', 'PostStartHookError', 'RunContainerError',
]);

/** kubelet's own words for the two image pull reasons in its refusal, and the reason each stands for. */
const REFUSAL_WORDS: Readonly<Record<string, string>> = {
  "image can't be pulled": 'ErrImagePull',
  'trying and failing to pull image': 'ImagePullBackOff',
};

const LOG_REFUSAL = /^(?:Error from server(?: \([A-Za-z]{1,40}\))?: )?container "([^"\s]{1,253})" in pod "([^"\s]{1,253})" is waiting to start: (.{1,200})$/;
const REASON_LINE = /^([A-Z][A-Za-z]{2,40}): (\S.{0,4095})$/;
/** The same the other way round, as some CI tools and dashboards print it: `container has runAsNonRoot and image will run as root: CreateContainerConfigError`. */
const REASON_LAST = /^(\S.{0,4095}?): ([A-Z][A-Za-z]{2,40})$/;

/** The waiting state one line shows; null for any other line. */
export function readWaitingLine(text: string): WaitingLine | null {
  const refusal = LOG_REFUSAL.exec(text);
  if (refusal?.[3]) {
    const words = refusal[3].trim();
    const reason = REFUSAL_WORDS[words] ?? (WAITING_REASONS.has(words) ? words : null);
    return reason ? { pod: refusal[2] ?? null, container: refusal[1] ?? null, reason, message: null } : null;
  }
  const line = REASON_LINE.exec(text);
  if (line?.[1] && line[2] && WAITING_REASONS.has(line[1])) return { pod: null, container: null, reason: line[1], message: line[2].trim() };
  const last = REASON_LAST.exec(text);
  if (last?.[1] && last[2] && WAITING_REASONS.has(last[2])) return { pod: null, container: null, reason: last[2], message: last[1].trim() };
  return null;
}

/** Whether every written line of some output is a waiting line: what `kubectl logs` prints when there is no log. */
export function onlyWaitingLines(lines: readonly PasteLine[]): boolean {
  const written = lines.filter((l) => l.text);
  return written.length > 0 && written.every((l) => readWaitingLine(l.text) !== null);
}

/** Reads the waiting lines among pasted lines; the rest are unread. */
export function readWaitingLines(lines: readonly PasteLine[]): WaitingLines {
  const states: WaitingLine[] = [];
  const unread: PasteLine[] = [];
  for (const line of lines) {
    if (!line.text) continue;
    const state = readWaitingLine(line.text);
    if (state) states.push(state);
    else unread.push(line);
  }
  return { states, unread };
}

/** Reasons that only say kubelet waits before trying again: the error it backs off from says more. */
const BACK_OFF = new Set(['ImagePullBackOff', 'CrashLoopBackOff']);

/**
 * The pod the waiting lines of one paste show, one container per name they give (their lines
 * are one container's when they name none), with the image a pull message quotes. A container can wait for one reason at a time: of
 * several lines for it, the one that names an error is its state, rather than the back-off from it.
 */
export function podFromWaitingLines(states: readonly WaitingLine[], podName: string | null): V1Pod {
  const byContainer = new Map<string, WaitingLine>();
  for (const state of states) {
    const name = state.container ?? CONTAINER_PLACEHOLDER;
    const kept = byContainer.get(name);
    if (!kept || (BACK_OFF.has(kept.reason) && !BACK_OFF.has(state.reason))) byContainer.set(name, state);
  }
  const containers = [...byContainer];
  // kubelet's pull messages quote the image (`Back-off pulling image "web:2.1"`): the one the container runs.
  const imageOf = (name: string) => states.filter((s) => (s.container ?? CONTAINER_PLACEHOLDER) === name).map((s) => (s.message ? imageNamedIn(s.message) : null)).find((image): image is string => Boolean(image));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: states.find((s) => s.pod)?.pod ?? podName ?? POD_PLACEHOLDER },
    spec: { containers: containers.map(([name]) => ({ name, ...(imageOf(name) ? { image: imageOf(name) } : {}) })) },
    // The phase, restarts and readiness of other containers are not shown: they stay unset.
    status: {
      containerStatuses: containers.map(([name, s]) => ({
        name,
        ready: false,
        state: { waiting: { reason: s.reason, ...(s.message ? { message: s.message } : {}) } },
      })) as NonNullable<V1Pod['status']>['containerStatuses'],
    },
  };
}
