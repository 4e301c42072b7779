import type { V1Pod } from '@kubernetes/client-node';
import type { PodDiagnosis } from '../../model/finding.js';

/**
 * Whether a pod's status alone says something is or was wrong: not running, a container not
 * ready, or restarts. Completed (Succeeded) pods, such as finished Job pods, never are. Scans use
 * it to decide which pods are worth the extra requests for logs, node and owners.
 */
export function needsAttention(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return false;
  if (phase !== 'Running') return true;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  if (statuses.some((s) => (s.restartCount ?? 0) > 0)) return true;
  if ((pod.status?.containerStatuses ?? []).some((s) => !s.ready)) return true;
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False') ?? false;
}

/**
 * Whether a diagnosed pod is unhealthy: a warning or critical finding, or, when no rule
 * explains it, a pod that is not running or has a container that is not ready. Restarts alone
 * (long past, now ready) and Completed pods are healthy.
 */
export function isUnhealthy(pod: V1Pod, diagnosis: PodDiagnosis): boolean {
  if (diagnosis.findings.some((f) => f.severity === 'critical' || f.severity === 'warning')) return true;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return false;
  if (phase !== 'Running') return true;
  return (pod.status?.containerStatuses ?? []).some((s) => !s.ready);
}
