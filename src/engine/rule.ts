import type { TopLevelCondition } from 'json-rules-engine';
import type { Severity } from '../model/severity.js';

/** A condition as rule files write it: json-rules-engine's shape. */
export type RuleConditions = TopLevelCondition;

/** A single fact condition, the leaf of a condition tree. */
export interface FactCondition {
  readonly fact: string;
  readonly operator: string;
  readonly value: unknown;
  readonly path?: string;
}

/** A guard on a remediation step: a fact name (truthy) or a fact condition. */
export type StepGuard = string | FactCondition;

/** What a rule cites: a fact's source field, matching events, or matching log lines. */
export type EvidenceSpec =
  | { readonly fact: string }
  | { readonly events: { readonly reason?: string | readonly string[]; readonly message?: string; readonly type?: string; readonly on?: 'pod' | 'node' } }
  | { readonly logs: { readonly signatures?: readonly string[]; readonly pattern?: string } };

export interface RemediationSpec {
  readonly text: string;
  readonly command?: string;
  readonly when?: StepGuard;
}

/** One rule file: the conditions json-rules-engine evaluates plus what podmortem says when they hold. */
export interface RuleDefinition {
  readonly id: string;
  readonly title: string;
  /** For a symptom: the cause reported when no other finding explains it. */
  readonly cause: string;
  readonly severity: Severity;
  /** `container` rules run once per container with pod facts alongside; `pod` rules once per pod. */
  readonly scope: 'pod' | 'container';
  /**
   * A `symptom` (e.g. CrashLoopBackOff) is linked to the cause found beside it; a `fallback`
   * (the evidence shows a failure no rule explains) is kept only when no other rule fired on its
   * container, or for a pod rule on the pod. A `context` finding (what changed before the
   * failure, where the failing replicas run) is linked to the pod's root cause and never is one;
   * with no root cause beside it, it is dropped.
   */
  readonly role: 'cause' | 'symptom' | 'fallback' | 'context';
  /** Among causes of equal severity, higher ranks first. */
  readonly priority: number;
  readonly conditions: RuleConditions;
  readonly explanation: string;
  readonly evidence: readonly EvidenceSpec[];
  readonly remediation: readonly RemediationSpec[];
  /** Rules this one makes redundant when both fire on the same container (or pod). */
  readonly supersedes: readonly string[];
  readonly description?: string;
}

/** A rule with where it came from. */
export interface LoadedRule extends RuleDefinition {
  /** File the rule was read from, or `built-in:<file>`. */
  readonly source: string;
}
