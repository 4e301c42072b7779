import { computeFacts } from '../facts/compute.js';
import type { PodDiagnosis } from '../model/finding.js';
import type { Incident } from '../model/incident.js';
import type { WorkloadSummary } from '../model/workload.js';
import { severityRank } from '../model/severity.js';
import { workloadRef } from '../model/workload-ref.js';

/** A pod diagnosis with the incident it came from. */
export interface DiagnosedIncident {
  readonly incident: Incident;
  readonly diagnosis: PodDiagnosis;
}

/**
 * What the roll-up keeps of one owned pod: enough to count it under its workload, never its
 * incident, so a streamed fleet's roll-up costs a few fields a pod (and crosses worker threads).
 */
export interface RollupPod {
  readonly namespace: string;
  readonly name: string;
  readonly owner: NonNullable<PodDiagnosis['owner']>;
  readonly severity: PodDiagnosis['severity'];
  /** The root cause's id and title; null when no rule found a problem. */
  readonly cause: string | null;
  readonly title: string | null;
  /** The revision the pod's failure began with (fact firstFailingRevision); null when unknown or healthy. */
  readonly firstFailingRevision: number | null;
  /** The workload's counts and revision numbers as gathered; null when its workload was not. */
  readonly workload: (Pick<WorkloadSummary, 'ready' | 'desired' | 'available'> & { readonly revisions: readonly number[] }) | null;
}

const unhealthy = (severity: PodDiagnosis['severity']) => severity === 'critical' || severity === 'warning';

/** The roll-up's part of one pod; null for a bare pod (it belongs to no workload). */
export function rollupPod(incident: Incident, diagnosis: PodDiagnosis): RollupPod | null {
  const owner = diagnosis.owner;
  if (!owner) return null;
  const workload = incident.workload;
  // Only an unhealthy pod with its workload's revisions can say since when; facts are read lazily, just this one.
  const since = workload?.revisions.length && unhealthy(diagnosis.severity) ? computeFacts(incident).read('firstFailingRevision') : null;
  const root = diagnosis.findings[0];
  return {
    namespace: diagnosis.namespace,
    name: diagnosis.name,
    owner,
    severity: diagnosis.severity,
    cause: root?.cause ?? null,
    title: root?.title ?? null,
    firstFailingRevision: typeof since === 'number' ? since : null,
    workload: workload
      ? {
          ready: workload.ready,
          desired: workload.desired,
          available: workload.available,
          revisions: workload.revisions.map((r) => r.revision).filter((r): r is number => r !== null),
        }
      : null,
  };
}

/** `1/3 available` for Deployments, `2/3 ready` for the others; null when the counts are not shown. */
function countsText(summary: Pick<WorkloadSummary, 'kind' | 'ready' | 'desired' | 'available'>): string | null {
  if (summary.desired === null) return null;
  if (summary.kind === 'Deployment' && summary.available !== null) return `${summary.available}/${summary.desired} available`;
  return summary.ready === null ? null : `${summary.ready}/${summary.desired} ready`;
}

function summarize(group: readonly RollupPod[]): WorkloadSummary {
  const first = group[0] as RollupPod;
  const owner = first.owner;
  const workload = group.find((g) => g.workload)?.workload;
  const failing = group.filter((g) => unhealthy(g.severity));
  // The cause most unhealthy pods share; ties go to the worst pod's, as the pods are ranked.
  const byCause = new Map<string, RollupPod[]>();
  for (const g of failing) {
    const cause = g.cause ?? 'other';
    const list = byCause.get(cause) ?? [];
    list.push(g);
    byCause.set(cause, list);
  }
  const [cause, withCause] = [...byCause.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, []];
  const example = withCause[0];
  const since = example?.firstFailingRevision ?? null;
  const sinceRevision = since !== null && withCause.every((g) => g.owner.revision === example?.owner.revision) ? since : null;
  const revisions = workload?.revisions ?? [];
  const base = {
    kind: owner.kind,
    name: owner.name,
    namespace: first.namespace,
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
      `: ${n} pod${n === 1 ? '' : 's'} ${cause} (${example.title ?? 'unexplained'})${sinceRevision !== null ? ` since revision ${sinceRevision}` : ''}` +
        (others > 0 ? `; ${others} more unhealthy with other causes` : ''),
    );
  } else {
    parts.push(`: ${group.length} pod${group.length === 1 ? '' : 's'} healthy`);
  }
  const severity = group.reduce<PodDiagnosis['severity']>((worst, g) => (severityRank(g.severity) > severityRank(worst) ? g.severity : worst), null);
  return {
    ...base,
    severity,
    cause,
    sinceRevision,
    summary: parts.join(''),
    pods: [...failing, ...group.filter((g) => !unhealthy(g.severity))].map((g) => g.name),
    unhealthyPods: failing.length,
  };
}

/**
 * Pods rolled up by the workload that owns them (bare pods stay out), worst first: per workload
 * its counts, the root cause most of its unhealthy pods share, and the revision the failures
 * began with when the evidence shows one. Pure; `items` in the order the pods are ranked.
 */
export function rollUpWorkloads(items: readonly DiagnosedIncident[]): WorkloadSummary[] {
  return rollUpPods(items.flatMap(({ incident, diagnosis }) => rollupPod(incident, diagnosis) ?? []));
}

/** The same roll-up from each pod's part (rollupPod), in the order the pods are ranked. */
export function rollUpPods(pods: readonly RollupPod[]): WorkloadSummary[] {
  const groups = new Map<string, RollupPod[]>();
  for (const pod of pods) {
    const key = `${pod.namespace}/${pod.owner.kind}/${pod.owner.name}`;
    const group = groups.get(key) ?? [];
    group.push(pod);
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
