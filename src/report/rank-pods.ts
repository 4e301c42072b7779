import type { PodDiagnosis } from '../model/finding.js';
import { severityRank } from '../model/severity.js';

/** Worst first; pods of equal severity by namespace and name. */
export function rankPods(pods: readonly PodDiagnosis[]): PodDiagnosis[] {
  return [...pods].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.findings.length - a.findings.length ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
}

/** The finding that explains the pod: the top-ranked one. */
export function rootCause(pod: PodDiagnosis) {
  return pod.findings[0] ?? null;
}
