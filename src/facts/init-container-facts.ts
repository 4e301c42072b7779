import { podFact } from './definition.js';
import type { ContainerContext, PodContext } from './context.js';
import { secondsBetween } from './container-state-facts.js';

/** An init container is done when it exited 0; a native sidecar once it has started. */
function initDone(c: ContainerContext): boolean {
  if (c.kind === 'sidecar') return c.status?.started === true;
  return c.status?.state?.terminated?.exitCode === 0;
}

/**
 * The init container kubelet is stuck on: init containers run one at a time in order, so the
 * first one not done holds back every later one and all app containers. Null once the pod is
 * initialized.
 */
function blockingInit(p: PodContext): ContainerContext | null {
  const initialized = p.pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status;
  if (initialized === 'True') return null;
  // kubelet starts app containers only once every init container is done (a sidecar: started);
  // a paste without the Initialized condition still shows that in a running app container.
  if (initialized === undefined && p.containers.some((c) => c.kind === 'app' && c.status?.state?.running)) return null;
  return p.containers.find((c) => (c.kind === 'init' || c.kind === 'sidecar') && c.status && !initDone(c)) ?? null;
}

export const INIT_CONTAINER_FACTS = [
  podFact({
    name: 'blockingInitContainer',
    type: 'string',
    description: 'The init container the pod waits on (the first one that has not completed, or a native sidecar that has not started); null once the pod is initialized.',
    example: 'migrate',
    compute: (p) => blockingInit(p)?.name ?? null,
  }),
  podFact({
    name: 'blockingInitContainerReason',
    type: 'string',
    description: 'Why the blocking init container is not done: its waiting or terminated reason, or `Running`.',
    example: 'CrashLoopBackOff',
    compute: (p) => {
      const state = blockingInit(p)?.status?.state;
      if (!state) return null;
      return state.waiting?.reason ?? state.terminated?.reason ?? (state.running ? 'Running' : null);
    },
  }),
  podFact({
    name: 'blockingInitContainerRunningSeconds',
    type: 'number',
    description: 'How long the blocking init container has been running without completing; null when it is not running.',
    example: 1800,
    compute: (p) => secondsBetween(blockingInit(p)?.status?.state?.running?.startedAt, new Date(p.now)),
  }),
];
