import type { Incident } from '../model/incident.js';
import type { Finding, HeaderSource, PodDiagnosis, PodHeader } from '../model/finding.js';
import { severityRank, type Severity } from '../model/severity.js';
import { computeFacts, type ContainerFacts, type PodFacts } from '../facts/compute.js';
import { topOwner } from '../facts/workload-facts.js';
import { evaluateGuard } from './evaluate-condition.js';
import { collectEvidence } from './evidence.js';
import { attachContext, linkFindings, type RankedFinding } from './link-findings.js';
import type { LoadedRule } from './rule.js';
import { RuleRunner, type FiredRule } from './rule-runner.js';
import { renderTemplate, templateComplete } from './template.js';

/** Turns incidents into diagnoses with one rule set; build once, call for every pod. */
export interface Diagnoser {
  diagnose(incident: Incident): Promise<PodDiagnosis>;
  /** Facts and fired rules without building findings: for `podmortem facts` and tests. */
  facts(incident: Incident): PodFacts;
}

export function createDiagnoser(rules: readonly LoadedRule[]): Diagnoser {
  const podRunner = new RuleRunner(rules.filter((r) => r.scope === 'pod'));
  const containerRunner = new RuleRunner(rules.filter((r) => r.scope === 'container'));

  return {
    facts: computeFacts,
    async diagnose(incident) {
      const facts = computeFacts(incident);
      const fired: Array<{ fired: FiredRule; container: ContainerFacts | null; order: number }> = [];
      for (const f of await podRunner.run(facts.read)) fired.push({ fired: f, container: null, order: -1 });
      for (const [order, container] of facts.containers.entries()) {
        for (const f of await containerRunner.run(container.read)) fired.push({ fired: f, container, order });
      }
      const kept = dropCoveredFallbacks(dropSuperseded(fired));
      const toRanked = ({ fired: f, container, order }: Fired) => toRankedFinding(f, facts, container, order);
      const isContext = (f: Fired) => f.fired.rule.role === 'context';
      const findings = attachContext(linkFindings(kept.filter((f) => !isContext(f)).map(toRanked)), kept.filter(isContext).map(toRanked));
      return toDiagnosis(incident, facts, findings);
    },
  };
}

type Fired = { fired: FiredRule; container: ContainerFacts | null; order: number };

/** A rule's `supersedes` removes the named rules on its container (a pod rule: on every container). */
function dropSuperseded(fired: readonly Fired[]): Fired[] {
  // Indexed by container (null: the pod), so a pod with thousands of containers stays linear.
  const superseders = new Map<ContainerFacts | null, Map<string, string[]>>();
  for (const other of fired) {
    const byId = superseders.get(other.container) ?? new Map<string, string[]>();
    superseders.set(other.container, byId);
    for (const id of other.fired.rule.supersedes) byId.set(id, [...(byId.get(id) ?? []), other.fired.rule.id]);
  }
  const supersededOn = (container: ContainerFacts | null, id: string) => (superseders.get(container)?.get(id) ?? []).some((by) => by !== id);
  return fired.filter((candidate) => !supersededOn(null, candidate.fired.rule.id) && (candidate.container === null || !supersededOn(candidate.container, candidate.fired.rule.id)));
}

/**
 * A fallback speaks only where nothing else does: a container rule's when no other rule fired on
 * its container or on the pod, a pod rule's when no other rule fired at all.
 */
function dropCoveredFallbacks(fired: readonly Fired[]): Fired[] {
  // Context (what changed, where it fails) explains nothing by itself, so it leaves the fallback in place.
  const others = fired.filter((f) => f.fired.rule.role !== 'fallback' && f.fired.rule.role !== 'context');
  return fired.filter(
    (candidate) =>
      candidate.fired.rule.role !== 'fallback' ||
      !others.some((other) => candidate.container === null || other.container === null || other.container === candidate.container),
  );
}

function toRankedFinding(f: FiredRule, pod: PodFacts, container: ContainerFacts | null, order: number): RankedFinding {
  const values = container?.read ?? pod.read;
  const rule = f.rule;
  const containerName = container?.context.name ?? null;
  return {
    role: rule.role === 'symptom' ? 'symptom' : 'cause',
    priority: rule.priority,
    containerOrder: order,
    finding: {
      id: containerName ? `${rule.id}/${containerName}` : rule.id,
      rule: rule.id,
      cause: rule.cause,
      severity: rule.severity,
      container: containerName,
      title: renderTemplate(rule.title, values),
      explanation: renderTemplate(rule.explanation, values),
      evidence: collectEvidence(rule.evidence, pod, container),
      remediation: rule.remediation
        .filter((step) => evaluateGuard(step.when, values) && (!step.command || templateComplete(step.command, values)))
        .map((step) => ({
          text: renderTemplate(step.text, values),
          ...(step.command ? { command: renderTemplate(step.command, values) } : {}),
        })),
      why: f.why,
    },
  };
}

/** kubectl's STATUS for a pod whose status is not in the evidence, from what its containers' events imply. */
function statusFromEvents(facts: PodFacts): string | null {
  const waiting = facts.containers.find((c) => c.read('waitingReasonFromEvents'));
  if (waiting) return `${waiting.read('containerKind') === 'init' ? 'Init:' : ''}${String(waiting.read('waitingReasonFromEvents'))}`;
  if (facts.containers.some((c) => c.read('stateFromEvents') === 'running')) return 'Running';
  // Pod-level events say where the pod stands before any container runs.
  const pod = facts.read;
  if (pod('evicted') === true) return 'Evicted';
  if (pod('deadlineExceeded') === true || pod('jobDeadlineExceeded') === true) return 'DeadlineExceeded';
  if (Number(pod('mountFailures')) > 0 || Number(pod('attachFailures')) > 0 || Number(pod('sandboxFailures')) > 0) return 'ContainerCreating';
  return pod('schedulingMessage') !== null ? 'Pending' : null;
}

/** Phase, status and restarts as far as the evidence shows them; from the events, marked so, when the status is missing. */
function header(facts: PodFacts): { status: string; header: PodHeader } {
  const shownStatus = facts.read('podStatus');
  const derivedStatus = shownStatus === null ? statusFromEvents(facts) : null;
  const counted = facts.containers.filter((c) => c.read('containerKind') !== 'init');
  const shownRestarts = counted.filter((c) => c.read('restartCount') !== null);
  const derivedRestarts = counted.filter((c) => c.read('restartsFromEvents') !== null);
  const sum = (list: typeof counted, fact: string) => list.reduce((total, c) => total + Number(c.read(fact)), 0);
  const restartsFrom: HeaderSource = shownRestarts.length ? 'shown' : derivedRestarts.length ? 'derived' : 'not-shown';
  return {
    status: String(shownStatus ?? derivedStatus ?? 'Unknown'),
    header: {
      phase: facts.read('podPhase') === null ? 'not-shown' : 'shown',
      status: shownStatus !== null ? 'shown' : derivedStatus !== null ? 'derived' : 'not-shown',
      restarts: restartsFrom === 'shown' ? sum(shownRestarts, 'restartCount') : restartsFrom === 'derived' ? sum(derivedRestarts, 'restartsFromEvents') : null,
      restartsFrom,
    },
  };
}

function toDiagnosis(incident: Incident, facts: PodFacts, findings: Finding[]): PodDiagnosis {
  // Context describes the root cause's circumstances; the pod is as bad as its causes.
  const worst = findings.reduce<Severity | null>(
    (acc, f) => (!f.context && severityRank(f.severity) > severityRank(acc) ? f.severity : acc),
    null,
  );
  const shown = header(facts);
  const owner = topOwner(incident);
  const revision = facts.values.podRevision;
  return {
    namespace: String(facts.read('namespace') ?? 'default'),
    name: String(facts.read('podName') ?? '(unnamed)'),
    uid: incident.pod.metadata?.uid ?? null,
    phase: String(facts.read('podPhase') ?? 'Unknown'),
    status: shown.status,
    severity: worst,
    findings,
    missing: incident.missing ?? [],
    header: shown.header,
    owner: owner ? { ...owner, revision: typeof revision === 'number' ? revision : null } : null,
  };
}
