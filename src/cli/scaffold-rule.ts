import type { ContainerFacts, PodFacts } from '../facts/compute.js';
import type { EvidenceSpec, FactCondition, RuleDefinition } from '../engine/rule.js';
import type { PodDiagnosis } from '../model/finding.js';
import type { PodEvent } from '../model/event.js';

/** A rule draft and what it was drawn from. */
export interface RuleDraft {
  readonly rule: Omit<RuleDefinition, 'role' | 'description'> & { readonly description: string };
  /** The container the draft is about; null for a pod-scope draft. */
  readonly container: string | null;
}

const warningReasons = (events: readonly PodEvent[], except: ReadonlySet<string>) => [
  ...new Set(events.filter((e) => e.type === 'Warning' && !except.has(e.reason)).map((e) => e.reason)),
];

/** BackOff only echoes a crash loop; the terminations say why. */
const SYMPTOM_EVENTS = new Set(['BackOff']);

/**
 * The facts that set this container apart, as conditions: how it ended, why it waits, the first
 * known crash signature in its log, and the Warning events about it.
 */
function containerConditions(container: ContainerFacts): { conditions: FactCondition[]; evidence: EvidenceSpec[] } {
  const v = container.values;
  const conditions: FactCondition[] = [];
  const evidence: EvidenceSpec[] = [];
  if (typeof v.terminationReason === 'string') {
    conditions.push({ fact: 'terminationReason', operator: 'equal', value: v.terminationReason });
    evidence.push({ fact: 'terminationReason' });
  }
  if (typeof v.terminationExitCode === 'number') {
    conditions.push({ fact: 'terminationExitCode', operator: 'in', value: [v.terminationExitCode] });
    evidence.push({ fact: 'terminationExitCode' });
  }
  // A crash loop's waiting reason says nothing the termination does not, and it comes and goes.
  if (typeof v.waitingReason === 'string' && !(v.waitingReason === 'CrashLoopBackOff' && conditions.length)) {
    conditions.push({ fact: 'waitingReason', operator: 'equal', value: v.waitingReason });
    evidence.push({ fact: 'waitingReason' });
  }
  const signature = Array.isArray(v.logSignatures) ? (v.logSignatures[0] as string | undefined) : undefined;
  if (signature) {
    conditions.push({ fact: 'logSignatures', operator: 'contains', value: signature });
    evidence.push({ logs: { signatures: [signature] } });
  }
  const reasons = warningReasons(container.context.events, SYMPTOM_EVENTS);
  if (reasons.length) {
    conditions.push({ fact: 'eventReasons', operator: 'containsAny', value: reasons });
    evidence.push({ events: { reason: reasons, type: 'Warning' } });
  }
  if (conditions.length) evidence.push({ fact: 'restartCount' });
  return { conditions, evidence };
}

/** For the pod as a whole: its reason, scheduling problems, a deletion it is stuck in, its Warning events. */
function podConditions(facts: PodFacts): { conditions: FactCondition[]; evidence: EvidenceSpec[] } {
  const v = facts.values;
  const conditions: FactCondition[] = [];
  const evidence: EvidenceSpec[] = [];
  if (typeof v.podReason === 'string') {
    conditions.push({ fact: 'podReason', operator: 'equal', value: v.podReason });
    evidence.push({ fact: 'podReason' });
  }
  if (Array.isArray(v.schedulingProblems) && v.schedulingProblems.length) {
    conditions.push({ fact: 'schedulingProblems', operator: 'containsAny', value: v.schedulingProblems });
    evidence.push({ fact: 'schedulingMessage' });
  }
  if (v.terminating === true) {
    conditions.push({ fact: 'terminating', operator: 'equal', value: true });
    evidence.push({ fact: 'finalizers' });
  }
  const reasons = warningReasons(facts.context.podLevelEvents, new Set());
  if (reasons.length) {
    conditions.push({ fact: 'podEventReasons', operator: 'containsAny', value: reasons });
    evidence.push({ events: { reason: reasons, type: 'Warning' } });
  }
  // The STATUS column, when nothing more specific sets the pod apart.
  if (conditions.length === 0 && typeof v.podStatus === 'string' && v.podStatus !== 'Running') {
    conditions.push({ fact: 'podStatus', operator: 'equal', value: v.podStatus });
    evidence.push({ fact: 'podStatus' });
  }
  return { conditions, evidence };
}

/**
 * The container the incident is about: the one asked for, else the one of the current root
 * cause, else the one with the most telling facts; null for the pod as a whole (a pod-level
 * root cause, or no container shows anything).
 */
export function chooseContainer(facts: PodFacts, diagnosis: PodDiagnosis, asked: string | undefined): ContainerFacts | null {
  if (asked !== undefined) return facts.containers.find((c) => c.context.name === asked) ?? null;
  const root = diagnosis.findings[0];
  if (root?.container === null) return null;
  const rootContainer = facts.containers.find((c) => c.context.name === root?.container);
  if (rootContainer) return rootContainer;
  let best: ContainerFacts | null = null;
  let bestCount = 0;
  for (const container of facts.containers) {
    const count = containerConditions(container).conditions.length;
    if (count > bestCount) {
      best = container;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A rule that fires on this incident, to edit: conditions from its distinguishing facts, prose
 * left as TODOs. It supersedes the causes found on its container today, since the author says
 * they are wrong, and outranks the rest.
 */
export function draftRule(options: {
  readonly id: string;
  readonly cause: string;
  readonly facts: PodFacts;
  readonly container: ContainerFacts | null;
  readonly current: PodDiagnosis;
  readonly priorities: ReadonlyMap<string, number>;
  readonly from: string;
}): RuleDraft | null {
  const { id, cause, facts, container, current, priorities, from } = options;
  const { conditions, evidence } = container ? containerConditions(container) : podConditions(facts);
  if (conditions.length === 0) return null;
  const name = container?.context.name ?? null;
  const causes = current.findings.filter((f) => !f.symptom);
  const superseded = [...new Set(causes.filter((f) => name === null || f.container === name).map((f) => f.rule))];
  const highest = Math.max(50, ...causes.map((f) => (priorities.get(f.rule) ?? 50) + 1));
  const subject = container ? '{containerName}' : '{podName}';
  const where = `pod ${current.namespace}/${current.name}${name ? `, container ${name}` : ''}`;
  return {
    container: name,
    rule: {
      id,
      description: `TODO: what this rule detects. Drawn from ${from} (${where}).`,
      title: `${subject}: TODO one line naming the failure`,
      cause,
      severity: 'critical',
      scope: container ? 'container' : 'pod',
      priority: Math.min(100, highest),
      conditions: { all: conditions },
      explanation: container
        ? 'TODO: what happened and why, with facts such as {terminationReason} (exit {terminationExitCode}) after {restartCount} restarts.'
        : 'TODO: what happened and why, with facts such as {podStatus} and {podReason}.',
      evidence,
      remediation: [
        container
          ? { text: 'TODO: the first thing to check or change.', command: 'kubectl logs {podName} -n {namespace} -c {containerName} --previous --tail=100' }
          : { text: 'TODO: the first thing to check or change.', command: 'kubectl describe pod {podName} -n {namespace}' },
      ],
      supersedes: superseded.filter((rule) => rule !== id),
    },
  };
}
