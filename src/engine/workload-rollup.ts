import { computeFacts } from '../facts/compute.js';
import type { PodDiagnosis } from '../model/finding.js';
import type { Incident } from '../model/incident.js';
import type { WorkloadSummary } from '../model/workload.js';
import { severityRank } from '../model/severity.js';

/** kubectl's short names, as people type them: `deploy/orders-api`. */
const SHORT_KINDS: Readonly<Record<string, string>> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Job: 'job',
  CronJob: 'cronjob',
  ReplicationController: 'rc',
};

/** `deploy/orders-api`, `sts/db`: a workload as people type it after kubectl. */
export function workloadRef(kind: string, name: string): string {
  return `${SHORT_KINDS[kind] ?? kind.toLowerCase()}/${name}`;
}

/** A pod diagnosis with the incident it came from. */
export interface DiagnosedIncident {
  readonly incident: Incident;
  readonly diagnosis: PodDiagnosis;
}

const unhealthy = (d: PodDiagnosis) => d.severity === 'critical' || d.severity === 'warning';

/** `1/3 available` for Deployments, `2/3 ready` for the others; null when the counts are not shown. */
function countsText(summary: Pick<WorkloadSummary, 'kind' | 'ready' | 'desired' | 'available'>): string | null {
  if (summary.desired === null) return null;
  if (summary.kind === 'Deployment' && summary.available !== null) return `${summary.available}/${summary.desired} available`;
  return summary.ready === null ? null : `${summary.ready}/${summary.desired} ready`;
}

function summarize(group: readonly DiagnosedIncident[]): WorkloadSummary {
  const first = group[0] as DiagnosedIncident;
  const owner = first.diagnosis.owner as NonNullable<PodDiagnosis['owner']>;
  const workload = group.find((g) => g.incident.workload)?.incident.workload;
  const failing = group.filter((g) => unhealthy(g.diagnosis));
  // The cause most unhealthy pods share; ties go to the worst pod's, as the pods are ranked.
  const byCause = new Map<string, DiagnosedIncident[]>();
  for (const g of failing) {
    const cause = g.diagnosis.findings[0]?.cause ?? 'other';
    const list = byCause.get(cause) ?? [];
    list.push(g);
    byCause.set(cause, list);
  }
  const [cause, withCause] = [...byCause.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, []];
  const example = withCause[0];
  const since = example ? computeFacts(example.incident).values.firstFailingRevision : null;
  const sinceRevision = typeof since === 'number' && withCause.every((g) => g.diagnosis.owner?.revision === example?.diagnosis.owner?.revision) ? since : null;
  const revisions = workload?.revisions.map((r) => r.revision).filter((r): r is number => r !== null) ?? [];
  const base = {
    kind: owner.kind,
    name: owner.name,
    namespace: first.diagnosis.namespace,
    revision: revisions.length ? Math.max(...revisions) : owner.revision,
    ready: workload?.ready ?? null,
    desired: workload?.desired ?? null,
    available: workload?.available ?? null,
  };
  const ref = workloadRef(owner.kind, owner.name);
  const counts = countsText(base);
  const parts = [`${ref}${counts ? ` ${counts}` : ''}`];
  if (example && cause) {
    const n = withCause.length;
    const others = failing.length - n;
    parts.push(
      `: ${n} pod${n === 1 ? '' : 's'} ${cause} (${example.diagnosis.findings[0]?.title ?? 'unexplained'})${sinceRevision !== null ? ` since revision ${sinceRevision}` : ''}` +
        (others > 0 ? `; ${others} more unhealthy with other causes` : ''),
    );
  } else {
    parts.push(`: ${group.length} pod${group.length === 1 ? '' : 's'} healthy`);
  }
  const severity = group.reduce<PodDiagnosis['severity']>((worst, g) => (severityRank(g.diagnosis.severity) > severityRank(worst) ? g.diagnosis.severity : worst), null);
  return {
    ...base,
    severity,
    cause,
    sinceRevision,
    summary: parts.join(''),
    pods: [...failing, ...group.filter((g) => !unhealthy(g.diagnosis))].map((g) => g.diagnosis.name),
    unhealthyPods: failing.length,
  };
}

/**
 * Pods rolled up by the workload that owns them (bare pods stay out), worst first: per workload
 * its counts, the root cause most of its unhealthy pods share, and the revision the failures
 * began with when the evidence shows one. Pure; `items` in the order the pods are ranked.
 */
export function rollUpWorkloads(items: readonly DiagnosedIncident[]): WorkloadSummary[] {
  const groups = new Map<string, DiagnosedIncident[]>();
  for (const item of items) {
    const owner = item.diagnosis.owner;
    if (!owner) continue;
    const key = `${item.diagnosis.namespace}/${owner.kind}/${owner.name}`;
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(summarize)
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        b.unhealthyPods - a.unhealthyPods ||
        a.namespace.localeCompare(b.namespace) ||
        `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`),
    );
}
