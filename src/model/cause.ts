/**
 * The built-in cause vocabulary. Findings name one of these (or a cause a user rule pack
 * declares), so scripts can act on `cause` without parsing prose.
 */
export const BUILT_IN_CAUSES = {
  'oom-limit': 'The container used more memory than its limit and the kernel killed it.',
  'oom-node': 'The node ran out of memory and the kernel or kubelet killed the container.',
  evicted: 'kubelet evicted the pod to reclaim a node resource.',
  'liveness-probe': 'The liveness probe failed and kubelet restarted the container.',
  'readiness-probe': 'The readiness probe fails, so the pod receives no Service traffic.',
  'startup-probe': 'The startup probe never succeeded and kubelet restarted the container.',
  'app-error': 'The application exited with an error of its own.',
  'app-crash': 'The process crashed on a signal (segfault, abort, bus error, arithmetic error).',
  'command-not-found': 'The command to run does not exist in the image.',
  'not-executable': 'The command exists but cannot be executed.',
  'completed-restart': 'The process finished successfully but the pod restarts it forever.',
  'arch-mismatch': 'The image was built for another CPU architecture.',
  sigkill: 'The container was killed with SIGKILL for a reason the evidence does not show.',
  sigterm: 'The container was asked to stop (SIGTERM) and exited.',
  'image-pull': 'The image cannot be pulled.',
  'config-error': 'The container cannot be configured: a ConfigMap, Secret or key is missing.',
  unschedulable: 'No node can run the pod.',
  'mount-failure': 'A volume cannot be attached or mounted.',
  'sandbox-failure': 'The pod sandbox (network, runtime) cannot be created.',
  'deadline-exceeded': 'The pod ran past its activeDeadlineSeconds.',
  'node-failure': 'The node the pod runs on is not ready or was lost.',
  'crashloop-unknown': 'The container is crash looping and the evidence does not show why.',
  other: 'Something else is wrong.',
} as const satisfies Record<string, string>;

export type BuiltInCause = keyof typeof BUILT_IN_CAUSES;

export function isBuiltInCause(value: string): value is BuiltInCause {
  return Object.hasOwn(BUILT_IN_CAUSES, value);
}
