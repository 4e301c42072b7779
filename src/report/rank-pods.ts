import type { PodDiagnosis } from '../model/finding.js';
import { severityRank, type Severity } from '../model/severity.js';

/** What ranks a pod: a diagnosis, or what a report keeps of one after rendering it. */
export interface RankKey {
  readonly severity: Severity | null;
  /** Findings that stand on their own: a symptom linked to its cause, or context for one, is part of that problem. */
  readonly problemCount: number;
  readonly namespace: string;
  readonly name: string;
}

// The default locale's collation, as localeCompare without arguments uses, made once.
const collation = new Intl.Collator();

/** Worst first: by severity, then by how many separate problems a pod has, then by namespace and name. */
export function compareRank(a: RankKey, b: RankKey): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.problemCount - a.problemCount ||
    collation.compare(a.namespace, b.namespace) ||
    collation.compare(a.name, b.name)
  );
}

export function rankKey(pod: PodDiagnosis): RankKey {
  return { severity: pod.severity, problemCount: pod.findings.filter((f) => !f.causedBy && !f.context).length, namespace: pod.namespace, name: pod.name };
}

/** Worst first; pods of equal severity by namespace and name. */
export function rankPods(pods: readonly PodDiagnosis[]): PodDiagnosis[] {
  const keyed = pods.map((pod) => ({ pod, key: rankKey(pod) }));
  return keyed.sort((a, b) => compareRank(a.key, b.key)).map((entry) => entry.pod);
}

/** The finding that explains the pod: the top-ranked one. */
export function rootCause(pod: PodDiagnosis) {
  return pod.findings[0] ?? null;
}
