import type { Evidence } from '../model/finding.js';
import type { WorkloadRevision } from '../model/workload.js';
import type { PodContext } from './context.js';
import { podFact } from './definition.js';
import { failureSignals } from './failure-signals.js';
import { diffTemplates, type TemplateDiff } from './revision-diff.js';
import { compareWithHistory, revisionMatches, type RolloutComparison } from './revision-history.js';
import { revisionHashOf, summarizeWorkloadPod, workloadPodHealth } from './workload-pods.js';

/** Changes named in a one-line summary; the rest are counted. */
const SUMMARY_CHANGES = 3;

function comparison(p: PodContext): RolloutComparison | null {
  const workload = p.incident.workload;
  const hash = revisionHashOf(p.pod.metadata?.labels);
  return workload && hash ? compareWithHistory(workload, hash, p.now) : null;
}

function diff(p: PodContext): TemplateDiff | null {
  const compared = comparison(p);
  const before = compared?.previous?.revision.template;
  const after = compared?.current.revision.template;
  return before && after ? diffTemplates(before, after) : null;
}

/** What the revision the failures began with changed from the last healthy one. */
function firstFailingDiff(p: PodContext): TemplateDiff | null {
  const compared = comparison(p);
  const before = compared?.previous?.revision.template;
  const after = compared?.firstFailing?.revision.template;
  return before && after ? diffTemplates(before, after) : null;
}

/** Seconds since a revision began; null when its object is older than its number (a rollback re-used it). */
function revisionAge(p: PodContext, revision: WorkloadRevision | undefined): number | null {
  if (!revision?.createdAt || revision.earlierRevisions?.length) return null;
  const created = Date.parse(revision.createdAt);
  return Number.isFinite(created) ? Math.max(0, Math.round((p.now - created) / 1000)) : null;
}

function revisionName(r: WorkloadRevision): string {
  return `${r.source} ${r.name} (revision ${r.revision ?? '?'})`;
}

/** Cites the two revisions compared, so the evidence names the objects `kubectl` shows. */
function citeComparison(p: PodContext, value: unknown): Evidence | null {
  const compared = comparison(p);
  if (!compared?.previous || value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  return { source: `${revisionName(compared.previous.revision)} -> ${revisionName(compared.current.revision)}`, text };
}

/** Cites what showed the compared revision healthy: its pods seen ready, or its ReplicaSet's counts. */
function citePreviousHealth(p: PodContext, value: unknown): Evidence | null {
  const previous = comparison(p)?.previous;
  if (!previous || value === null || value === undefined) return null;
  const r = previous.revision;
  const seen =
    previous.healthyPods || previous.failingPods
      ? `${previous.healthyPods} pod${previous.healthyPods === 1 ? '' : 's'} running ready, ${previous.failingPods} failing`
      : `status.readyReplicas ${r.readyReplicas} of ${r.replicas}`;
  return { source: revisionName(r), text: `${value === true ? 'healthy' : 'not healthy'}: ${seen}` };
}

function summary(changes: readonly string[]): string | null {
  if (changes.length === 0) return null;
  const named = changes.slice(0, SUMMARY_CHANGES);
  const more = changes.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more change${more === 1 ? '' : 's'}`;
  return named.length === 1 ? (named[0] as string) : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

export const ROLLOUT_FACTS = [
  podFact({
    name: 'podFailing',
    type: 'boolean',
    description:
      "The pod reports a problem (a waiting or termination reason, a pod reason), has failed, runs not ready, or restarted in the last 15 minutes (the judgement used for its siblings too), or its own evidence shows a failure its status does not (a Pending pod whose events warn of a failed mount).",
    example: true,
    // Siblings are judged by their status alone; this pod's events are known too, and kubelet
    // keeps a pod whose volume cannot mount Pending in ContainerCreating, which no status reason marks.
    compute: (p) => workloadPodHealth(summarizeWorkloadPod(p.pod), p.now) === 'failing' || failureSignals(p).length > 0,
  }),
  podFact({
    name: 'podRevision',
    type: 'number',
    description: "The workload revision the pod runs: its ReplicaSet's `deployment.kubernetes.io/revision`, or its ControllerRevision's number (StatefulSet, DaemonSet).",
    example: 14,
    compute: (p) => comparison(p)?.current.revision.revision ?? revisionOfPod(p),
  }),
  podFact({
    name: 'podRevisionAge',
    type: 'number',
    description: "Seconds since the pod's revision was created; null when not shown or when a rollback re-used an older template.",
    example: 7380,
    compute: (p) => revisionAge(p, comparison(p)?.current.revision),
  }),
  podFact({
    name: 'previousRevision',
    type: 'number',
    description: "The earlier revision the pod's template is compared with: the newest one whose pods were healthy, else the one just before.",
    example: 13,
    compute: (p) => comparison(p)?.previous?.revision.revision ?? null,
  }),
  podFact({
    name: 'previousRevisionHealthy',
    type: 'boolean',
    description: "Whether the compared revision's pods were healthy (seen running ready, or its ReplicaSet counts every replica ready); false when they were seen failing; null when none of its pods is left to tell.",
    example: true,
    compute: (p) => {
      const health = comparison(p)?.previous?.health;
      return health === 'healthy' ? true : health === 'failing' || health === 'mixed' ? false : null;
    },
    cite: citePreviousHealth,
  }),
  podFact({
    name: 'healthyRevision',
    type: 'number',
    description: 'The newest earlier revision whose pods were healthy (the one `kubectl rollout undo --to-revision` would go back to); null when none is shown healthy.',
    example: 13,
    compute: (p) => {
      const previous = comparison(p)?.previous;
      return previous?.health === 'healthy' ? previous.revision.revision : null;
    },
  }),
  podFact({
    name: 'olderRevisionHealthyPods',
    type: 'number',
    description: 'Pods of earlier revisions still running healthy beside the failing ones: the strongest sign that the change caused the failure.',
    example: 2,
    compute: (p) => comparison(p)?.olderHealthyPods ?? null,
    cite: (_p, value) => (typeof value === 'number' && value > 0 ? { source: 'pods of earlier revisions running ready at capture', text: String(value) } : null),
  }),
  podFact({
    name: 'firstFailingRevision',
    type: 'number',
    description: 'The revision the failures began with: the one after the last healthy revision, when it is the pod\'s own or its pods are seen failing too.',
    example: 14,
    compute: (p) => comparison(p)?.firstFailing?.revision.revision ?? null,
  }),
  podFact({
    name: 'firstFailingRevisionAge',
    type: 'number',
    description: 'Seconds since the revision the failures began with was created.',
    example: 7380,
    compute: (p) => revisionAge(p, comparison(p)?.firstFailing?.revision),
  }),
  podFact({
    name: 'firstFailingChangeSummary',
    type: 'string',
    description: 'What the revision the failures began with changed from the last healthy one, in one phrase (its first three changes).',
    example: 'image of app orders-api 2.14.0 -> 2.14.1 and memory limit of app 1Gi -> 512Mi',
    compute: (p) => summary(firstFailingDiff(p)?.spec.map((c) => c.text) ?? []),
  }),
  podFact({
    name: 'templateChanged',
    type: 'boolean',
    description: "Whether the pod spec of the pod's revision differs from the compared revision's (template labels and annotations do not count); null when no earlier template is shown.",
    example: true,
    compute: (p) => {
      const d = diff(p);
      return d ? d.spec.length > 0 : null;
    },
  }),
  podFact({
    name: 'changedFields',
    type: 'string[]',
    description:
      'Pod spec fields that differ from the compared revision, as keys: `containers[app].image`, `containers[app].resources.limits.memory`, `containers[app].env[DB_HOST].valueFrom.configMapKeyRef`, `containers[app].envFrom.configMapRef[app-config]`, `volumes[cfg].configMap`, `nodeSelector[disktype]`, `tolerations`, `serviceAccountName`, ...',
    example: ['containers[app].image', 'containers[app].resources.limits.memory'],
    compute: (p) => diff(p)?.spec.map((c) => c.field) ?? null,
    cite: citeComparison,
  }),
  podFact({
    name: 'templateChanges',
    type: 'string[]',
    description: 'The same differences for people: `image of app orders-api 2.14.0 -> 2.14.1`, `memory limit of app 1Gi -> 512Mi`. Env values are never compared, only names and where values come from.',
    example: ['image of app orders-api 2.14.0 -> 2.14.1', 'memory limit of app 1Gi -> 512Mi'],
    compute: (p) => diff(p)?.spec.map((c) => c.text) ?? null,
    cite: citeComparison,
  }),
  podFact({
    name: 'templateChangeSummary',
    type: 'string',
    description: 'The first three template changes in one phrase, for titles.',
    example: 'image of app orders-api 2.14.0 -> 2.14.1 and memory limit of app 1Gi -> 512Mi',
    compute: (p) => summary(diff(p)?.spec.map((c) => c.text) ?? []),
  }),
  podFact({
    name: 'templateMetadataChanges',
    type: 'string[]',
    description: 'Template labels and annotations that differ from the compared revision (keys only, e.g. `annotation kubectl.kubernetes.io/restartedAt`): never a cause by themselves.',
    example: ['annotation kubectl.kubernetes.io/restartedAt'],
    compute: (p) => diff(p)?.metadata ?? null,
  }),
];

/** The pod's revision number when no earlier revision is shown to compare with. */
function revisionOfPod(p: PodContext): number | null {
  const workload = p.incident.workload;
  const hash = revisionHashOf(p.pod.metadata?.labels);
  if (!workload || !hash) return null;
  const own = workload.revisions.find((r) => revisionMatches(r, workload.name, hash));
  return own?.revision ?? null;
}
