import type { Finding } from '../model/finding.js';
import { severityRank } from '../model/severity.js';

/** A finding before linking, with what ranking needs. */
export interface RankedFinding {
  readonly finding: Omit<Finding, 'causedBy' | 'symptom'>;
  readonly role: 'cause' | 'symptom';
  readonly priority: number;
  /** Declaration order of the container (init containers first); -1 for pod scope. */
  readonly containerOrder: number;
}

function compareCauses(a: RankedFinding, b: RankedFinding): number {
  return (
    severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
    b.priority - a.priority ||
    a.containerOrder - b.containerOrder ||
    a.finding.id.localeCompare(b.finding.id)
  );
}

/**
 * Links each symptom to the cause that explains it and ranks root causes first, each followed
 * by its symptoms. A symptom looks for a cause on its own container, then a pod-wide cause, and
 * takes that cause's `cause`; one nothing explains stands as a cause under its own rule's cause.
 */
export function linkFindings(found: readonly RankedFinding[]): Finding[] {
  const causes = found.filter((f) => f.role === 'cause').sort(compareCauses);
  const linked: Array<{ finding: Finding; item: RankedFinding }> = [];
  const symptomsOf = new Map<string, Finding[]>();
  const promoted: RankedFinding[] = [];

  // The best cause per container, found once (a pod may have thousands of containers).
  const bestOn = new Map<string | null, RankedFinding>();
  for (const cause of causes) if (!bestOn.has(cause.finding.container)) bestOn.set(cause.finding.container, cause);

  const linkTo = (cause: RankedFinding, item: RankedFinding) => {
    const list = symptomsOf.get(cause.finding.id) ?? [];
    list.push({ ...item.finding, cause: cause.finding.cause, symptom: true, causedBy: cause.finding.id });
    symptomsOf.set(cause.finding.id, list);
  };

  for (const item of found) {
    if (item.role !== 'symptom') continue;
    const container = item.finding.container;
    const cause = (container !== null ? bestOn.get(container) : undefined) ?? bestOn.get(null) ?? (container === null ? causes[0] : undefined);
    if (cause) linkTo(cause, item);
    else promoted.push({ ...item, role: 'cause' });
  }

  // Unexplained symptoms (no cause at all, or a pod-wide one would have taken them): one of a
  // container (an init container in CrashLoopBackOff) says more than one of the whole pod (stuck in
  // Init:CrashLoopBackOff), which then becomes its symptom.
  const ofContainers = promoted.filter((p) => p.finding.container !== null).sort(compareCauses)[0];
  const podWide = ofContainers ? promoted.filter((p) => p.finding.container === null) : [];
  for (const item of podWide) if (ofContainers) linkTo(ofContainers, item);
  const standing = promoted.filter((p) => !podWide.includes(p));

  for (const item of [...causes, ...standing].sort(compareCauses)) {
    linked.push({ finding: { ...item.finding, symptom: false }, item });
  }
  return linked.flatMap(({ finding }) => [finding, ...(symptomsOf.get(finding.id) ?? [])]);
}

/**
 * Places context findings (what changed before the failure, where the failing replicas run)
 * right after the root cause and its symptoms, linked to it by `relatedTo` and taking its
 * `cause`. Without a root cause there is nothing to explain, so context is dropped.
 */
export function attachContext(findings: readonly Finding[], context: readonly RankedFinding[]): Finding[] {
  const root = findings.find((f) => !f.symptom);
  if (!root || context.length === 0) return [...findings];
  const linked = [...context]
    .sort((a, b) => b.priority - a.priority || a.finding.id.localeCompare(b.finding.id))
    .map((item): Finding => ({ ...item.finding, cause: root.cause, symptom: false, context: true, relatedTo: root.id }));
  const afterRoot = findings.findIndex((f, i) => i > 0 && !f.symptom);
  const at = afterRoot < 0 ? findings.length : afterRoot;
  return [...findings.slice(0, at), ...linked, ...findings.slice(at)];
}
