import type { Severity } from '../../model/severity.js';

/** How a pod is doing, as the list sorts and colours it. */
export type Health = 'failing' | 'degraded' | 'healthy' | 'finished';

const HEALTH_RANK: Record<Health, number> = { failing: 3, degraded: 2, healthy: 1, finished: 0 };

const STARTING = /^(Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+|SchedulingGated|Terminating)$/;

function allReady(ready: string): boolean {
  const [have, want] = ready.split('/');
  return have === want;
}

/**
 * Health from values already computed (the diagnosis' worst severity, the status kubectl would
 * print and the READY column), so colour and order never disagree with what the row shows.
 */
export function podHealth(severity: Severity | null, status: string, ready: string): Health {
  if (severity === 'critical') return 'failing';
  if (severity === 'warning') return 'degraded';
  if (status === 'Completed' || status === 'Succeeded') return 'finished';
  if (status === 'Running') return allReady(ready) ? 'healthy' : 'degraded';
  if (STARTING.test(status)) return 'degraded';
  return 'failing';
}

/** Higher is worse. */
export function healthRank(health: Health): number {
  return HEALTH_RANK[health];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** Higher is worse; a pod without findings is 0. */
export function severityRank(severity: Severity | null): number {
  return severity ? SEVERITY_RANK[severity] : 0;
}

/**
 * The one definition of an unhealthy pod: its root cause is a warning or worse. The title bar
 * counts these, and they are exactly the rows whose SEV column says CRIT or WARN.
 */
export function isUnhealthy(severity: Severity | null): boolean {
  return severityRank(severity) >= SEVERITY_RANK.warning;
}
