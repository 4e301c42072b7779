import type { Incident } from '../model/incident.js';
import type { Finding, PodDiagnosis } from '../model/finding.js';
import { severityRank, type Severity } from '../model/severity.js';
import { computeFacts, type ContainerFacts, type PodFacts } from '../facts/compute.js';
import { evaluateGuard } from './evaluate-condition.js';
import { collectEvidence } from './evidence.js';
import { linkFindings, type RankedFinding } from './link-findings.js';
import type { LoadedRule } from './rule.js';
import { RuleRunner, type FiredRule } from './rule-runner.js';
import { renderTemplate } from './template.js';

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
      const kept = dropSuperseded(fired);
      const ranked = kept.map(({ fired: f, container, order }) => toRankedFinding(f, facts, container, order));
      const findings = linkFindings(ranked);
      return toDiagnosis(incident, facts, findings);
    },
  };
}

type Fired = { fired: FiredRule; container: ContainerFacts | null; order: number };

/** A rule's `supersedes` removes the named rules on its container (a pod rule: on every container). */
function dropSuperseded(fired: readonly Fired[]): Fired[] {
  return fired.filter(
    (candidate) =>
      !fired.some(
        (other) =>
          other !== candidate &&
          other.fired.rule.supersedes.includes(candidate.fired.rule.id) &&
          (other.container === null || other.container === candidate.container),
      ),
  );
}

function toRankedFinding(f: FiredRule, pod: PodFacts, container: ContainerFacts | null, order: number): RankedFinding {
  const values = container?.read ?? pod.read;
  const rule = f.rule;
  const containerName = container?.context.name ?? null;
  return {
    role: rule.role,
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
        .filter((step) => evaluateGuard(step.when, values))
        .map((step) => ({
          text: renderTemplate(step.text, values),
          ...(step.command ? { command: renderTemplate(step.command, values) } : {}),
        })),
      why: f.why,
    },
  };
}

function toDiagnosis(incident: Incident, facts: PodFacts, findings: Finding[]): PodDiagnosis {
  const worst = findings.reduce<Severity | null>(
    (acc, f) => (severityRank(f.severity) > severityRank(acc) ? f.severity : acc),
    null,
  );
  return {
    namespace: String(facts.values.namespace ?? 'default'),
    name: String(facts.values.podName ?? '(unnamed)'),
    uid: incident.pod.metadata?.uid ?? null,
    phase: String(facts.values.podPhase ?? 'Unknown'),
    status: String(facts.values.podStatus ?? 'Unknown'),
    severity: worst,
    findings,
    missing: incident.missing ?? [],
  };
}
