import type { V1Container, V1ContainerState, V1ContainerStateTerminated, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { CONTAINER_PLACEHOLDER } from '../../model/placeholders.js';
import { apiTime } from './api-time.js';
import { durationSeconds, timeBefore } from './relative-age.js';

/** The init container a `kubectl get pods` row shows as `Init:...` without naming it. */
export const INIT_CONTAINER_PLACEHOLDER = '<init-container>';

/** One row of `kubectl get pods` (also `-o wide` and `--watch`): what kubectl's printer computed. */
export interface PodRow {
  readonly namespace?: string;
  readonly name: string;
  /** READY as `ready/containers`; null for a row that has no READY column. */
  readonly ready: number | null;
  readonly containers: number | null;
  /** kubectl's STATUS: a pod reason, `Init:...`, a container's waiting or terminated reason, or the phase. */
  readonly status: string;
  /** RESTARTS; null for a row that has no such column. */
  readonly restarts: number | null;
  /** AGE: how long before the rows were printed the pod was created; null when unreadable. */
  readonly ageSeconds: number | null;
  /** NODE of `-o wide`; absent when the row has no such column or shows `<none>`. */
  readonly node?: string;
}

const ROW = /^(?:(?<namespace>[a-z0-9][a-z0-9-]{0,62})\s+)?(?:pods?\/)?(?<name>[a-zA-Z0-9][a-zA-Z0-9._-]{0,252})\s+(?<ready>\d{1,3})\/(?<containers>\d{1,3})\s+(?<status>[\w:/-]{3,60}|[A-Za-z][\w:/"'. -]{2,120}?)\s+(?<restarts>\d{1,6})(?:\s+\([^)]{1,40}\))?\s+(?<age>\d{1,9}[smhdy]\w{0,12}|<invalid>|<unknown>)(?<wide>(?:\s+\S{1,253}){0,4})$/;

const IP_OR_NONE = /^(?:<none>|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})$/i;
const NODE_NAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;

/**
 * NODE of `-o wide`: after IP in kubectl's columns (IP, NODE, NOMINATED NODE, READINESS GATES);
 * kubectl 1.1 printed NODE straight after AGE, with no IP column. `<none>`, or a word that is not
 * a node name, says nothing.
 */
function wideNode(columns: readonly string[]): string | undefined {
  const first = columns[0];
  if (first === undefined) return undefined;
  const node = IP_OR_NONE.test(first) ? columns[1] : first;
  return node !== undefined && NODE_NAME.test(node) ? node : undefined;
}

/**
 * A row of only NAME and STATUS (`kubectl get pods -o custom-columns=NAME:...,STATUS:...`, or a
 * fork's printer) when STATUS is a reason kubectl shows only for a failing container: rows that
 * only say `Running` say too little to be told from any other two words.
 */
const SHORT_ROW = /^(?<name>[a-z0-9][a-z0-9.-]{0,252})\s{2,}(?<status>CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|RunContainerError|InvalidImageName|ErrImageNeverPull|OOMKilled|ContainerCannotRun|StartError|Evicted)$/;

/**
 * A row of `kubectl get pods` (`kubectl get all` prefixes the name with `pod/`; a name masked as
 * `web-XXXXX` keeps its capitals); null for any other line. kubectl prints `<invalid>` for an age when
 * the pod's creation time is ahead of the client's clock and `<unknown>` without one: the row is
 * read, its age left unknown.
 */
export function readPodRow(text: string): PodRow | null {
  const short = SHORT_ROW.exec(text)?.groups;
  if (short?.name && short.status) return { name: short.name, ready: null, containers: null, status: short.status, restarts: null, ageSeconds: null };
  const groups = ROW.exec(text)?.groups;
  if (!groups?.name || !groups.status) return null;
  const node = wideNode((groups.wide ?? '').trim().split(/\s+/).filter(Boolean));
  return {
    ...(node ? { node } : {}),
    ...(groups.namespace ? { namespace: groups.namespace } : {}),
    name: groups.name,
    ready: Number(groups.ready),
    containers: Number(groups.containers),
    status: groups.status,
    restarts: Number(groups.restarts),
    ageSeconds: durationSeconds(groups.age ?? ''),
  };
}

/** Pod-level reasons kubectl shows instead of a container's (`status.reason`), and the phase each goes with. */
const POD_REASONS: Readonly<Record<string, string>> = {
  Evicted: 'Failed',
  OutOfcpu: 'Failed',
  OutOfmemory: 'Failed',
  OutOfpods: 'Failed',
  UnexpectedAdmissionError: 'Failed',
  NodeAffinity: 'Failed',
  Shutdown: 'Failed',
  Terminated: 'Failed',
  DeadlineExceeded: 'Failed',
  NodeLost: 'Unknown',
};
const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);
/** Reasons of a terminated container; any other reason kubectl shows for a container is a waiting one. */
const TERMINATED = new Set(['Completed', 'Error', 'OOMKilled', 'ContainerCannotRun', 'StartError', 'ContainerStatusUnknown']);
/** STATUS words that are neither: the pod is going away, or kubectl's summary of a container that runs. */
const NOT_A_STATE = new Set(['Terminating', 'NotReady', 'SchedulingGated', 'Unknown']);

/**
 * A terminated state as far as kubectl's STATUS shows it: `Completed` is kubelet's reason for exit
 * code 0 only, `ExitCode:N` and `Signal:N` give the code or signal; for other reasons the exit code
 * is not shown and stays unset.
 */
function terminated(status: string): V1ContainerStateTerminated | null {
  const exit = /^ExitCode:(\d{1,3})$/.exec(status)?.[1];
  if (exit !== undefined) return { exitCode: Number(exit) };
  const signal = /^Signal:(\d{1,2})$/.exec(status)?.[1];
  if (signal !== undefined) return { signal: Number(signal) } as V1ContainerStateTerminated;
  if (status === 'Completed') return { exitCode: 0, reason: 'Completed' };
  return TERMINATED.has(status) ? ({ reason: status } as V1ContainerStateTerminated) : null;
}

/** The state a container's STATUS word shows; null when the word says nothing about one container. */
function stateOf(status: string): V1ContainerState | null {
  if (status === 'Running') return { running: {} };
  // Kubelets up to 1.6 gave a container that could not be set up its error as the reason
  // (`configmaps "app" not found`): kept as the waiting message, which names its reason.
  if (/\s/.test(status)) return { waiting: { message: status } };
  const ended = terminated(status);
  if (ended) return { terminated: ended };
  if (PHASES.has(status) || NOT_A_STATE.has(status) || status in POD_REASONS || !/^[A-Z][A-Za-z]{2,60}$/.test(status)) return null;
  return { waiting: { reason: status } };
}

/**
 * The latest termination the rows show before the last one, as a last state: a row showed the
 * container terminated (`Completed`, `Error`, `ExitCode:1`) and the last row shows it waiting or
 * running again, so it was restarted after that termination.
 */
function lastTermination(rows: readonly PodRow[], status: (row: PodRow) => string | null): V1ContainerState | null {
  const last = rows.at(-1);
  const now = last ? stateOf(status(last) ?? '') : null;
  if (!now || now.terminated) return null;
  for (let i = rows.length - 2; i >= 0; i--) {
    const row = rows[i];
    const word = row ? status(row) : null;
    const ended = word ? terminated(word) : null;
    if (ended) return { terminated: ended };
  }
  return null;
}

function containerStatus(name: string, rows: readonly PodRow[], status: (row: PodRow) => string | null, restarts: number | null, ready: boolean | null): V1ContainerStatus | null {
  const last = rows.at(-1);
  const word = last ? status(last) : null;
  const state = word ? stateOf(word) : null;
  if (!state) return null;
  const previous = lastTermination(rows, status);
  return {
    name,
    ...(ready !== null ? { ready } : {}),
    ...(restarts !== null ? { restartCount: restarts } : {}),
    state,
    ...(previous ? { lastState: previous } : {}),
  } as V1ContainerStatus;
}

/**
 * `Init:2/3`: of three init containers two completed and the third runs (kubelet runs them one
 * after another, so the rest have not started and show no state); none is named.
 */
function initProgress(done: number, total: number): { specs: V1Container[]; statuses: V1ContainerStatus[] } {
  if (total === 0 || done >= total || total > 20) return { specs: [], statuses: [] };
  const names = Array.from({ length: total }, (_, i) => `<init-container-${i + 1}>`);
  const statuses = names.slice(0, done + 1).map((name, i) => {
    const state: V1ContainerState = i < done ? { terminated: { exitCode: 0, reason: 'Completed' } } : { running: {} };
    return { name, state } as V1ContainerStatus;
  });
  return { specs: names.map((name) => ({ name })), statuses };
}

/**
 * The pod one or more rows of `kubectl get pods` show (several when `--watch` printed it again):
 * its name and namespace, the pod reason or phase, and the state of the container STATUS speaks
 * of, under a placeholder name, since rows never name containers. RESTARTS is a container's count
 * only when the pod has one container (or, while `Init:` shows, the init containers').
 */
export function podFromRows(rows: readonly PodRow[], capturedMs: number, namespace?: string): V1Pod {
  const last = rows.at(-1) as PodRow;
  const podNamespace = last.namespace ?? namespace;
  const spec = (name: string): V1Container => ({ name });
  const initWord = (row: PodRow) => (row.status.startsWith('Init:') ? row.status.slice('Init:'.length) : null);
  const appWord = (row: PodRow) => (row.status.startsWith('Init:') ? 'PodInitializing' : row.status);
  const initializing = initWord(last) !== null;
  const single = last.containers === 1;
  const progress = /^(\d{1,2})\/(\d{1,2})$/.exec(initWord(last) ?? '');
  const init = initializing && !progress ? containerStatus(INIT_CONTAINER_PLACEHOLDER, rows.filter((r) => initWord(r) !== null), initWord, last.restarts, false) : null;
  const inits = progress ? initProgress(Number(progress[1]), Number(progress[2])) : { specs: init ? [spec(init.name)] : [], statuses: init ? [init] : [] };
  // With several containers RESTARTS is their sum and READY counts the ready ones: the placeholder
  // stands for them together, restarted that often in all, not ready while any one is not.
  const allReady = last.ready === null || last.containers === null ? null : last.ready === last.containers;
  const app = single || !initializing ? containerStatus(CONTAINER_PLACEHOLDER, rows, appWord, initializing ? null : last.restarts, allReady) : null;
  const reason = last.status in POD_REASONS ? last.status : undefined;
  const phase = reason ? POD_REASONS[reason] : PHASES.has(last.status) ? last.status : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: last.name,
      ...(podNamespace ? { namespace: podNamespace } : {}),
      ...(last.ageSeconds !== null ? { creationTimestamp: apiTime(timeBefore(capturedMs, last.ageSeconds)) } : {}),
      // kubectl prints Terminating for a pod with a deletionTimestamp; a row does not say when, so
      // the deadline is put at the capture, as for a description's `Terminating` without `(lasts ...)`.
      ...(last.status === 'Terminating' ? { deletionTimestamp: apiTime(timeBefore(capturedMs, 0)) } : {}),
    },
    spec: {
      ...(last.node ? { nodeName: last.node } : {}),
      ...(inits.specs.length ? { initContainers: inits.specs } : {}),
      containers: app ? [spec(app.name)] : [],
    },
    status: {
      ...(phase ? { phase } : {}),
      ...(reason ? { reason } : {}),
      ...(inits.statuses.length ? { initContainerStatuses: inits.statuses } : {}),
      ...(app ? { containerStatuses: [app] } : {}),
    },
  };
}

/** Rows grouped by pod, in the order the pods first appear. */
/**
 * Readiness a pod lost while its rows were printed: an earlier row shows every container ready and
 * Running, the last one fewer ready, still Running, with no restart between (`kubectl get pods -w`,
 * or two listings pasted one after the other). Only a failing readiness probe turns a running
 * container not ready without restarting it. The rows' words for it; null otherwise.
 */
export function readinessLostInRows(rows: readonly PodRow[]): string | null {
  const last = rows.at(-1);
  if (!last || last.status !== 'Running' || last.ready === null || last.containers === null || last.ready >= last.containers || last.restarts === null) return null;
  const earlier = rows.slice(0, -1).findLast((row) => row.status === 'Running' && row.containers === last.containers && row.ready === row.containers && row.restarts === last.restarts);
  if (!earlier) return null;
  return `READY ${earlier.ready}/${earlier.containers} in an earlier row, ${last.ready}/${last.containers} in the last, Running with ${last.restarts} restart${last.restarts === 1 ? '' : 's'} in both`;
}

export function groupRows(rows: readonly PodRow[]): PodRow[][] {
  const byPod = new Map<string, PodRow[]>();
  for (const row of rows) {
    const key = `${row.namespace ?? ''}/${row.name}`;
    const list = byPod.get(key) ?? [];
    list.push(row);
    byPod.set(key, list);
  }
  return [...byPod.values()];
}

function sameNamespace(a: V1Pod, b: V1Pod): boolean {
  return !a.metadata?.namespace || !b.metadata?.namespace || a.metadata.namespace === b.metadata.namespace;
}

/** The pod of `pods` the rows speak of: the same name, and the same namespace when both show one. */
export function podOfRows(pods: readonly V1Pod[], fromRows: V1Pod): V1Pod | undefined {
  return pods.find((p) => p.metadata?.name === fromRows.metadata?.name && sameNamespace(p, fromRows));
}

/**
 * A description (or its events) showing several containers and no container state, under a row
 * whose STATUS is one container's waiting or terminated reason: that state belongs to a container
 * the paste does not name. It goes to the unnamed stand-in the events already made, else to a new
 * one, so the failure the row shows is not dropped for want of a name.
 */
function failingUnnamed(pod: V1Pod, list: 'containerStatuses' | 'initContainerStatuses', row: V1ContainerStatus): void {
  const key = list === 'containerStatuses' ? 'containers' : 'initContainers';
  const specs = pod.spec?.[key] ?? [];
  const name = list === 'containerStatuses' ? CONTAINER_PLACEHOLDER : INIT_CONTAINER_PLACEHOLDER;
  if (!specs.some((c) => c.name === name)) pod.spec = { ...(pod.spec ?? { containers: [] }), [key]: [...specs, { name }] };
  (pod.status ??= {})[list] = [{ ...row, name } as V1ContainerStatus];
}

/**
 * Fills in what a description or events of the same pod did not show from its rows: the phase and
 * reason, and for a pod with one container (one init container while `Init:` shows) its restarts,
 * readiness and state under the name the description gave it. Nothing shown is overwritten.
 */
export function fillFromRows(pod: V1Pod, fromRows: V1Pod, rowContainers: number): void {
  const status = (pod.status ??= {});
  const rowStatus = fromRows.status ?? {};
  if (!status.phase && rowStatus.phase) status.phase = rowStatus.phase;
  if (!status.reason && rowStatus.reason) status.reason = rowStatus.reason;
  const fill = (list: 'containerStatuses' | 'initContainerStatuses', specs: readonly V1Container[]) => {
    const row = rowStatus[list]?.[0];
    // Rows name no container: with several (`Init:1/3`) which one the description shows is unknown.
    const rowSpecs = list === 'containerStatuses' ? fromRows.spec?.containers : fromRows.spec?.initContainers;
    if (!row || (rowSpecs?.length ?? 0) > 1) return;
    const shown = status[list] ?? [];
    const several = specs.length > 1 || (list === 'containerStatuses' && rowContainers > 1);
    const failing = Boolean(row.state?.waiting || row.state?.terminated || (row.restartCount ?? 0) > 0 || row.ready === false);
    if (shown.length === 0 && several && failing) {
      failingUnnamed(pod, list, row);
      return;
    }
    if (shown.length > 1 || several) return;
    const name = shown[0]?.name ?? specs[0]?.name ?? row.name;
    // What the description showed wins; the row fills the rest (restarts, readiness, a state cut off).
    status[list] = [{ ...row, ...shown[0], name } as V1ContainerStatus];
    if (specs.length === 0) {
      const key = list === 'containerStatuses' ? 'containers' : 'initContainers';
      pod.spec = { ...(pod.spec ?? { containers: [] }), [key]: [{ name }] };
    }
  };
  fill('initContainerStatuses', pod.spec?.initContainers ?? []);
  fill('containerStatuses', pod.spec?.containers ?? []);
}
