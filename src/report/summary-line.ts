import type { Evidence, Finding, PodDiagnosis } from '../model/finding.js';
import { noFindingsText, statusText } from './pod-header.js';
import { rootCause } from './rank-pods.js';

/*
 * What a one-line summary of a pod says, shared by `-o summary` and the table atop a Markdown
 * report of several pods: the root cause, the one piece of evidence that decides it, and the
 * first command to run. Values come back raw: each renderer neutralises and escapes them for
 * where they go.
 */

/** Longest evidence text a summary quotes: one line in a chat stays readable. */
const EVIDENCE_LENGTH = 120;

export interface PodSummary {
  readonly severity: PodDiagnosis['severity'];
  readonly pod: string;
  /** As the header prints it: `CrashLoopBackOff`, `CrashLoopBackOff (from events)`, `not shown`. */
  readonly status: string;
  /** The root cause's title, or what no finding means for this pod. */
  readonly cause: string;
  /** `source: text` of the decisive evidence, one line; null without findings or evidence. */
  readonly evidence: string | null;
  /** The root cause's first command; null when it suggests none. */
  readonly command: string | null;
}

/** The first line of a message, cut to fit a chat line. */
function oneLine(text: string): string {
  const first = text.split(/\r?\n/).find((line) => line.trim())?.trim() ?? '';
  const more = first !== text.trim();
  const cut = first.length > EVIDENCE_LENGTH ? `${first.slice(0, EVIDENCE_LENGTH - 1).trimEnd()}…` : first;
  return more && !cut.endsWith('…') ? `${cut} …` : cut;
}

/** A quote long enough that finding it in the title means the title already says it (a log line, not `Error`). */
const QUOTE_LENGTH = 12;

/** The evidence the rule lists first that the title does not already quote (the log line an app-error title carries). */
function decisiveEvidence(finding: Finding): Evidence | null {
  const quoted = (e: Evidence) => e.text.trim().length >= QUOTE_LENGTH && finding.title.includes(e.text.trim());
  return finding.evidence.find((e) => !quoted(e)) ?? finding.evidence[0] ?? null;
}

export function podSummary(pod: PodDiagnosis): PodSummary {
  const root = rootCause(pod);
  const evidence = root ? decisiveEvidence(root) : null;
  return {
    severity: pod.severity,
    pod: `${pod.namespace}/${pod.name}`,
    status: statusText(pod),
    cause: root ? root.title : noFindingsText(pod),
    evidence: evidence ? `${evidence.source}: ${oneLine(evidence.text)}` : null,
    command: root?.remediation.find((step) => step.command)?.command ?? null,
  };
}
