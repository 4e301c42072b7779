import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { waitingReasonOf } from './waiting-reason.js';

function isRestartableInit(pod: V1Pod, name: string): boolean {
  return pod.spec?.initContainers?.find((c) => c.name === name)?.restartPolicy === 'Always';
}

function initStatusText(pod: V1Pod, status: V1ContainerStatus, index: number, sidecars: ReadonlySet<string>): string | null {
  const terminated = status.state?.terminated;
  const waiting = status.state?.waiting;
  if (terminated && terminated.exitCode === 0) return null;
  if (isRestartableInit(pod, status.name) && status.started) return null;
  // A sidecar known only by inference: describe prints no Started line, but it runs.
  if (sidecars.has(status.name) && status.started !== false && status.state?.running) return null;
  if (terminated) {
    if (terminated.reason) return `Init:${terminated.reason}`;
    return terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
  }
  if (waiting?.reason && waiting.reason !== 'PodInitializing') return `Init:${waiting.reason}`;
  return `Init:${index}/${pod.spec?.initContainers?.length ?? pod.status?.initContainerStatuses?.length ?? 0}`;
}

/**
 * The STATUS column of `kubectl get pods`, computed the way kubectl's printer does. For a pod
 * rebuilt from a paste, `sidecars` names init containers known to be native sidecars although
 * their restartPolicy was not shown, and a phase not shown is Running when a container runs (no
 * other phase has a running container).
 */
export function podStatusText(pod: V1Pod, sidecars: ReadonlySet<string> = new Set()): string {
  const running = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].some((s) => s.state?.running);
  let reason = pod.status?.reason || pod.status?.phase || (running ? 'Running' : 'Unknown');
  const conditions = pod.status?.conditions ?? [];
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let initializing = false;
  (pod.status?.initContainerStatuses ?? []).some((status, index) => {
    const text = initStatusText(pod, status, index, sidecars);
    if (text === null) return false;
    reason = text;
    initializing = true;
    return true;
  });

  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = [...(pod.status?.containerStatuses ?? [])].reverse();
    for (const status of statuses) {
      const { waiting, terminated, running } = status.state ?? {};
      // A pasted state that lost its reason still shows it through kubelet's fixed message.
      const waitingReason = waitingReasonOf(waiting);
      if (waitingReason) reason = waitingReason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (status.ready && running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  // A pod whose node was lost shows Unknown; one that already reached a terminal phase keeps it.
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp) {
    if (pod.status?.reason === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }
  return reason;
}

/** READY column: ready app containers (and started sidecars) over their total; `?` when no container is known. */
export function podReadyText(pod: V1Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  const ready = statuses.filter((s) => s.ready).length;
  const sidecars = (pod.status?.initContainerStatuses ?? []).filter((s) => isRestartableInit(pod, s.name));
  // A pod with no container known (never created, or a paste that shows none) has no count to print, not 0/0.
  if (total + sidecars.length === 0) return '?';
  return `${ready + sidecars.filter((s) => s.ready).length}/${total + sidecars.length}`;
}

/** RESTARTS column total, app and sidecar containers. */
export function podRestarts(pod: V1Pod): number {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
}

/** Containers kubelet could no longer find (terminated reason ContainerStatusUnknown), init containers included. */
export function lostContainers(pod: V1Pod): string[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
    .filter((s) => s.state?.terminated?.reason === 'ContainerStatusUnknown')
    .map((s) => s.name);
}
