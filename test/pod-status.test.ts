import type { V1ContainerState, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podStatusText } from '../src/facts/pod-status.js';

function status(name: string, state: V1ContainerState, extra: Partial<V1ContainerStatus> = {}): V1ContainerStatus {
  return { name, image: `${name}:1`, imageID: '', ready: false, restartCount: 0, state, ...extra };
}

const running: V1ContainerState = { running: { startedAt: new Date('2026-11-25T10:00:00Z') } };

function pod(parts: {
  phase?: string;
  reason?: string;
  init?: V1ContainerStatus[];
  sidecars?: string[];
  app?: V1ContainerStatus[];
  conditions?: Array<{ type: string; status: string; reason?: string }>;
  deleting?: boolean;
}): V1Pod {
  const initNames = (parts.init ?? []).map((s) => s.name);
  return {
    metadata: { name: 'p', ...(parts.deleting ? { deletionTimestamp: new Date('2026-11-25T11:00:00Z') } : {}) },
    spec: {
      initContainers: initNames.map((name) => ({ name, ...(parts.sidecars?.includes(name) ? { restartPolicy: 'Always' } : {}) })),
      containers: (parts.app ?? []).map((s) => ({ name: s.name })),
    },
    status: {
      phase: parts.phase ?? 'Running',
      ...(parts.reason ? { reason: parts.reason } : {}),
      initContainerStatuses: parts.init ?? [],
      containerStatuses: parts.app ?? [],
      conditions: parts.conditions ?? [],
    },
  };
}

const notInitialized = [{ type: 'Initialized', status: 'False' }];

describe('podStatusText matches the STATUS column of kubectl get pods', () => {
  it('counts finished init containers while one still runs: Init:0/2 then Init:1/2', () => {
    const waiting = status('app', { waiting: { reason: 'PodInitializing' } });
    expect(podStatusText(pod({ phase: 'Pending', init: [status('migrate', running), status('seed', { waiting: { reason: 'PodInitializing' } })], app: [waiting], conditions: notInitialized }))).toBe('Init:0/2');
    const done = status('migrate', { terminated: { exitCode: 0, reason: 'Completed' } });
    expect(podStatusText(pod({ phase: 'Pending', init: [done, status('seed', running)], app: [waiting], conditions: notInitialized }))).toBe('Init:1/2');
  });

  it('shows a failing init container as Init:<reason>, Init:ExitCode:<n> or Init:Signal:<n>', () => {
    const app = [status('app', { waiting: { reason: 'PodInitializing' } })];
    const crash = status('migrate', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } }, { restartCount: 3 });
    expect(podStatusText(pod({ phase: 'Pending', init: [crash], app, conditions: notInitialized }))).toBe('Init:CrashLoopBackOff');
    const error = status('migrate', { terminated: { exitCode: 1, reason: 'Error' } });
    expect(podStatusText(pod({ phase: 'Pending', init: [error], app, conditions: notInitialized }))).toBe('Init:Error');
    const bare = status('migrate', { terminated: { exitCode: 3 } });
    expect(podStatusText(pod({ phase: 'Pending', init: [bare], app, conditions: notInitialized }))).toBe('Init:ExitCode:3');
    const signalled = status('migrate', { terminated: { exitCode: 137, signal: 9 } });
    expect(podStatusText(pod({ phase: 'Pending', init: [signalled], app, conditions: notInitialized }))).toBe('Init:Signal:9');
  });

  it('does not hold the pod in Init for a started sidecar (restartable init container)', () => {
    const sidecar = status('proxy', running, { started: true, ready: true });
    const app = status('app', running, { ready: true });
    const conditions = [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }];
    expect(podStatusText(pod({ init: [sidecar], sidecars: ['proxy'], app: [app], conditions }))).toBe('Running');
    const notStarted = status('proxy', running, { started: false });
    expect(podStatusText(pod({ phase: 'Pending', init: [notStarted], sidecars: ['proxy'], app: [status('app', { waiting: { reason: 'PodInitializing' } })], conditions: notInitialized }))).toBe('Init:0/1');
  });

  it('shows the first app container\'s waiting or terminated reason', () => {
    const app = [status('app', { waiting: { reason: 'CrashLoopBackOff' } }), status('proxy', running, { ready: true })];
    expect(podStatusText(pod({ app }))).toBe('CrashLoopBackOff');
    expect(podStatusText(pod({ phase: 'Pending', app: [status('app', { waiting: { reason: 'ContainerCreating' } })] }))).toBe('ContainerCreating');
    expect(podStatusText(pod({ phase: 'Succeeded', app: [status('app', { terminated: { exitCode: 0, reason: 'Completed' } })] }))).toBe('Completed');
  });

  it('turns Completed back into Running or NotReady while another container still runs', () => {
    const app = [status('job', { terminated: { exitCode: 0, reason: 'Completed' } }), status('proxy', running, { ready: true })];
    expect(podStatusText(pod({ app, conditions: [{ type: 'Ready', status: 'True' }] }))).toBe('Running');
    expect(podStatusText(pod({ app, conditions: [{ type: 'Ready', status: 'False' }] }))).toBe('NotReady');
  });

  it('shows SchedulingGated and the pod-level reason (Evicted) when no container says otherwise', () => {
    const gated = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }];
    expect(podStatusText(pod({ phase: 'Pending', conditions: gated }))).toBe('SchedulingGated');
    expect(podStatusText(pod({ phase: 'Failed', reason: 'Evicted', app: [status('app', {})] }))).toBe('Evicted');
    // Newer kubelets record the killed container as terminated, and kubectl then prints its reason.
    expect(podStatusText(pod({ phase: 'Failed', reason: 'Evicted', app: [status('app', { terminated: { exitCode: 137, reason: 'Error' } })] }))).toBe('Error');
  });

  it('shows Terminating for a deleted pod, Unknown when its node was lost, and keeps a terminal phase\'s reason', () => {
    expect(podStatusText(pod({ app: [status('app', running, { ready: true })], deleting: true }))).toBe('Terminating');
    expect(podStatusText(pod({ reason: 'NodeLost', app: [status('app', running, { ready: true })], deleting: true }))).toBe('Unknown');
    const completed = [status('app', { terminated: { exitCode: 0, reason: 'Completed' } })];
    expect(podStatusText(pod({ phase: 'Succeeded', app: completed, deleting: true }))).toBe('Completed');
  });
});
