import type { PodDiagnosis } from '../model/finding.js';

/** A finding a test case expects, matched on the fields it names. */
export interface ExpectedFinding {
  readonly rule?: string;
  readonly cause?: string;
  readonly container?: string | null;
  readonly causedBy?: string;
  readonly severity?: string;
}

/**
 * Pieces of evidence a partial view of an incident may leave out: what a paste of the events
 * table, of `containerStatuses` or of a cut describe does not show.
 */
export const EVIDENCE_KINDS = ['events', 'container-state', 'pod-status', 'limits', 'probes', 'container-spec', 'finalizers', 'logs', 'node', 'services'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Another root cause a partial view of the incident may give, and why: when every piece of
 * evidence in `notShown` is missing from the view, any cause in `accept` (null: no finding) is
 * as far as that view can honestly go.
 */
export interface PartialEvidenceException {
  readonly notShown: readonly EvidenceKind[];
  readonly accept: ReadonlyArray<string | null>;
  /** Why the view cannot give the root cause: what the missing evidence would have shown. */
  readonly because: string;
}

/** What one pod of a test case must be diagnosed as. */
export interface PodExpectation {
  /** `namespace/name` or `name`; may be left out when the case has one pod. */
  readonly pod?: string;
  /** The first finding; null for a pod that must be healthy (no findings at all). */
  readonly rootCause: ExpectedFinding | null;
  /** Findings that must also be present. */
  readonly findings?: readonly ExpectedFinding[];
  /** Rule ids that must not fire. */
  readonly absent?: readonly string[];
  /** Whether findings of critical severity other than the expected ones are allowed (default false). */
  readonly allowOtherCritical?: boolean;
  /** Causes partial views of the evidence may give instead of the root cause (podmortem's evidence-ablation tests). */
  readonly partialEvidence?: readonly PartialEvidenceException[];
}

/** A rule pack test case: `podmortem-test.json` beside the evidence files. */
export interface TestCase {
  readonly description?: string;
  readonly capturedAt?: string;
  readonly expect: readonly PodExpectation[];
}

function matches(finding: PodDiagnosis['findings'][number], expected: ExpectedFinding): boolean {
  return (
    (expected.rule === undefined || finding.rule === expected.rule) &&
    (expected.cause === undefined || finding.cause === expected.cause) &&
    (expected.container === undefined || finding.container === expected.container) &&
    (expected.causedBy === undefined || finding.causedBy === expected.causedBy) &&
    (expected.severity === undefined || finding.severity === expected.severity)
  );
}

function describe(expected: ExpectedFinding): string {
  return Object.entries(expected)
    .map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`)
    .join(' ');
}

function summary(pod: PodDiagnosis): string {
  return pod.findings.length ? pod.findings.map((f) => `${f.rule}${f.container ? `/${f.container}` : ''} (${f.cause}, ${f.severity})`).join(', ') : 'no findings';
}

function findPod(pods: readonly PodDiagnosis[], ref: string | undefined): PodDiagnosis | undefined {
  if (ref === undefined) return pods.length === 1 ? pods[0] : undefined;
  return pods.find((p) => `${p.namespace}/${p.name}` === ref || p.name === ref);
}

/** Checks diagnoses against a test case; returns one line per failed expectation. */
export function checkTestCase(testCase: TestCase, pods: readonly PodDiagnosis[]): string[] {
  const failures: string[] = [];
  for (const expectation of testCase.expect) {
    const pod = findPod(pods, expectation.pod);
    if (!pod) {
      failures.push(expectation.pod ? `pod ${expectation.pod} not found in the input` : `expected one pod, the input has ${pods.length}: name the pod in "pod"`);
      continue;
    }
    const label = `${pod.namespace}/${pod.name}`;
    const first = pod.findings[0];
    if (expectation.rootCause === null) {
      if (first) failures.push(`${label}: expected healthy, got ${summary(pod)}`);
      continue;
    }
    if (!first || !matches(first, expectation.rootCause)) {
      failures.push(`${label}: expected root cause ${describe(expectation.rootCause)}, got ${summary(pod)}`);
    }
    const expected = [expectation.rootCause, ...(expectation.findings ?? [])];
    for (const finding of expectation.findings ?? []) {
      if (!pod.findings.some((f) => matches(f, finding))) failures.push(`${label}: missing finding ${describe(finding)}; got ${summary(pod)}`);
    }
    for (const rule of expectation.absent ?? []) {
      if (pod.findings.some((f) => f.rule === rule)) failures.push(`${label}: rule ${rule} fired but must not`);
    }
    if (!expectation.allowOtherCritical) {
      for (const f of pod.findings) {
        if (f.severity === 'critical' && !expected.some((e) => matches(f, e))) {
          failures.push(`${label}: unexpected critical finding ${f.rule}${f.container ? `/${f.container}` : ''} (${f.cause})`);
        }
      }
    }
  }
  return failures;
}

const FINDING_KEYS = new Set(['rule', 'cause', 'container', 'causedBy', 'severity']);
const EXPECTATION_KEYS = new Set(['pod', 'rootCause', 'findings', 'absent', 'allowOtherCritical', 'partialEvidence']);
const EXCEPTION_KEYS = new Set(['notShown', 'accept', 'because']);
const CASE_KEYS = new Set(['description', 'capturedAt', 'expect']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function unknownKey(object: Record<string, unknown>, known: ReadonlySet<string>): string | undefined {
  return Object.keys(object).find((key) => !known.has(key));
}

function findingProblem(value: unknown, path: string): string | null {
  if (!isObject(value)) return `${path} must be an object like {"rule": "oom-killed", "container": "app"}`;
  const extra = unknownKey(value, FINDING_KEYS);
  if (extra) return `${path}: unknown field "${extra}" (known: ${[...FINDING_KEYS].join(', ')})`;
  if (Object.keys(value).length === 0) return `${path} names nothing to match: give at least "rule" or "cause"`;
  return null;
}

function exceptionProblem(value: unknown, path: string): string | null {
  if (!isObject(value)) return `${path} must be an object like {"notShown": ["container-state"], "accept": ["crashloop-unknown"], "because": "..."}`;
  const extra = unknownKey(value, EXCEPTION_KEYS);
  if (extra) return `${path}: unknown field "${extra}" (known: ${[...EXCEPTION_KEYS].join(', ')})`;
  const kinds: readonly string[] = EVIDENCE_KINDS;
  if (!Array.isArray(value.notShown) || value.notShown.length === 0 || !value.notShown.every((k) => typeof k === 'string' && kinds.includes(k))) {
    return `${path}.notShown must be a non-empty list of evidence kinds (${EVIDENCE_KINDS.join(', ')})`;
  }
  if (!Array.isArray(value.accept) || value.accept.length === 0 || !value.accept.every((c) => c === null || typeof c === 'string')) {
    return `${path}.accept must be a non-empty list of causes (null: no finding)`;
  }
  if (typeof value.because !== 'string' || value.because.trim().length < 20) return `${path}.because must say why the view cannot show the root cause`;
  return null;
}

/**
 * What is wrong with a `podmortem-test.json` value, or null. Strict on field names, because a
 * misspelt expectation would otherwise match everything and the case could never fail.
 */
export function testCaseProblem(data: unknown): string | null {
  if (!isObject(data)) return 'must be a JSON object with "expect"';
  const extra = unknownKey(data, CASE_KEYS);
  if (extra) return `unknown field "${extra}" (known: ${[...CASE_KEYS].join(', ')})`;
  if (data.capturedAt !== undefined && !(typeof data.capturedAt === 'string' && Number.isFinite(Date.parse(data.capturedAt)))) {
    return '"capturedAt" must be an ISO time like 2026-11-20T10:45:00Z';
  }
  if (!Array.isArray(data.expect) || data.expect.length === 0) return '"expect" must be a non-empty list of pod expectations';
  for (const [i, expectation] of data.expect.entries()) {
    const path = `expect[${i}]`;
    if (!isObject(expectation)) return `${path} must be an object with "rootCause"`;
    const extraKey = unknownKey(expectation, EXPECTATION_KEYS);
    if (extraKey) return `${path}: unknown field "${extraKey}" (known: ${[...EXPECTATION_KEYS].join(', ')})`;
    if (!('rootCause' in expectation)) return `${path} needs "rootCause" (a finding, or null for a healthy pod)`;
    if (expectation.rootCause !== null) {
      const problem = findingProblem(expectation.rootCause, `${path}.rootCause`);
      if (problem) return problem;
    }
    if (expectation.findings !== undefined) {
      if (!Array.isArray(expectation.findings)) return `${path}.findings must be a list`;
      for (const [j, finding] of expectation.findings.entries()) {
        const problem = findingProblem(finding, `${path}.findings[${j}]`);
        if (problem) return problem;
      }
    }
    if (expectation.absent !== undefined && !(Array.isArray(expectation.absent) && expectation.absent.every((id) => typeof id === 'string'))) {
      return `${path}.absent must be a list of rule ids`;
    }
    if (expectation.partialEvidence !== undefined) {
      if (!Array.isArray(expectation.partialEvidence)) return `${path}.partialEvidence must be a list`;
      for (const [j, exception] of expectation.partialEvidence.entries()) {
        const problem = exceptionProblem(exception, `${path}.partialEvidence[${j}]`);
        if (problem) return problem;
      }
    }
  }
  return null;
}

/** Rule ids a test case names; each must exist, or an `absent` check would pass for nothing. */
export function testCaseRuleIds(testCase: TestCase): string[] {
  const ids = testCase.expect.flatMap((e) => [
    ...(e.rootCause?.rule ? [e.rootCause.rule] : []),
    ...(e.findings ?? []).flatMap((f) => (f.rule ? [f.rule] : [])),
    ...(e.absent ?? []),
  ]);
  return [...new Set(ids)];
}
