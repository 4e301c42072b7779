import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { WorkloadEvidence, WorkloadNode, WorkloadPod } from '../model/workload.js';

/** Waiting reasons of a container that is still on its way up, not failing. */
const STARTING_REASONS = new Set(['ContainerCreating', 'PodInitializing']);
/** Node conditions that are wrong when True (Ready: when not True). */
const PRESSURE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];
/** A restart this recent means the pod is still failing, even when it is ready between crashes. */
const RECENT_RESTART_SECONDS = 15 * 60;

/** The label that says which revision a pod runs. */
export function revisionHashOf(labels: Readonly<Record<string, string>> | undefined): string | null {
  return labels?.['pod-template-hash'] ?? labels?.['controller-revision-hash'] ?? null;
}

/**
 * A pod as its workload's summary keeps it: where it runs, which revision, whether it is ready,
 * what its containers report as wrong. Pure, so live gathering and replay summarise alike.
 */
export function summarizeWorkloadPod(pod: V1Pod): WorkloadPod {
  const status = pod.status;
  const statuses = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])];
  const problems = new Set<string>();
  let lastRestartAt: string | null = null;
  for (const s of statuses) {
    const waiting = s.state?.waiting?.reason;
    if (waiting && !STARTING_REASONS.has(waiting)) problems.add(waiting);
    const terminated = s.state?.terminated;
    if (terminated && terminated.exitCode !== 0 && terminated.reason) problems.add(terminated.reason);
    const last = s.lastState?.terminated;
    if (last && (s.restartCount ?? 0) > 0) {
      if (last.reason && last.exitCode !== 0) problems.add(last.reason);
      const finished = last.finishedAt ? String(last.finishedAt as unknown) : null;
      if (finished && (!lastRestartAt || Date.parse(finished) > Date.parse(lastRestartAt))) lastRestartAt = finished;
    }
  }
  if (status?.reason) problems.add(status.reason);
  const scheduled = status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason) problems.add(scheduled.reason);
  const ready = status?.conditions?.find((c) => c.type === 'Ready');
  return {
    name: pod.metadata?.name ?? '',
    revisionHash: revisionHashOf(pod.metadata?.labels),
    node: pod.spec?.nodeName ?? null,
    phase: status?.phase ?? null,
    ready: ready ? ready.status === 'True' : null,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    startedAt: status?.startTime ? String(status.startTime as unknown) : null,
    terminating: Boolean(pod.metadata?.deletionTimestamp),
    problems: [...problems],
    lastRestartAt,
  };
}

export type PodHealth = 'failing' | 'healthy' | 'starting';

/**
 * Whether a summarised pod is failing, healthy or on its way up at `now`: failing when it reports
 * a problem, has failed, runs without being ready, or restarted in the last 15 minutes; healthy
 * when it runs ready; otherwise starting (pending, creating). Terminating pods are neither.
 */
export function workloadPodHealth(pod: WorkloadPod, now: number): PodHealth {
  if (pod.phase === 'Succeeded') return 'healthy';
  if (pod.phase === 'Failed' || pod.problems.length > 0) return 'failing';
  const restartedAt = pod.lastRestartAt ? Date.parse(pod.lastRestartAt) : NaN;
  if (Number.isFinite(restartedAt) && restartedRecently(restartedAt, now)) return 'failing';
  if (pod.phase === 'Running') return pod.ready === false ? 'failing' : pod.ready === true ? 'healthy' : 'starting';
  return 'starting';
}

/** Whether a restart at `restartedAt` is recent at `now`: false from some moment on, and the later the restart, the later that moment. */
function restartedRecently(restartedAt: number, now: number): boolean {
  return (now - restartedAt) / 1000 < RECENT_RESTART_SECONDS;
}

/** The restart times on which the health of a pod of the workload turns with `now`, in order. */
const turningRestarts = new WeakMap<WorkloadEvidence, number[]>();

/**
 * `now` as far as the health of the workload's pods can tell moments apart: two moments with the
 * same number judge every one of its pods alike (workloadPodHealth), so what is worked out from
 * their health (siblings, revision history) is worked out once for both. Only a restart in the
 * last 15 minutes makes a pod's health turn with `now`; such pods are recent in order of their
 * restart times, so the number of them still recent says which they are. Each pod of a fleet is
 * judged at its own capture time: keyed by the moment itself, that work was done again for every
 * pod, over all its workload's pods.
 */
export function healthMoment(workload: WorkloadEvidence, now: number): number {
  let times = turningRestarts.get(workload);
  if (!times) {
    times = [];
    for (const pod of workload.pods) {
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed' || pod.problems.length > 0) continue;
      const restartedAt = pod.lastRestartAt ? Date.parse(pod.lastRestartAt) : NaN;
      if (Number.isFinite(restartedAt)) times.push(restartedAt);
    }
    times.sort((a, b) => a - b);
    turningRestarts.set(workload, times);
  }
  // The first restart still recent at `now`: every later one is too.
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (restartedRecently(times[mid] as number, now)) high = mid;
    else low = mid + 1;
  }
  return times.length - low;
}

/** A node as a workload's summary keeps it: zone and the conditions that are wrong. */
export function summarizeWorkloadNode(node: V1Node): WorkloadNode {
  const conditions: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    if (PRESSURE_CONDITIONS.includes(c.type) && c.status === 'True') conditions.push(c.type);
    if (c.type === 'Ready' && c.status !== 'True') conditions.push('NotReady');
  }
  const labels = node.metadata?.labels ?? {};
  return {
    name: node.metadata?.name ?? '',
    zone: labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? null,
    conditions,
  };
}
