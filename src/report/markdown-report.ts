import type { Evidence, Finding, PodDiagnosis } from '../model/finding.js';
import { markdownCode, markdownFence, markdownText } from './markdown-escape.js';
import { derivedRestartsText, noFindingsText, statusText } from './pod-header.js';
import { podSummary } from './summary-line.js';
import { visibleControlsDeep } from './visible-controls.js';

const ICON = { critical: '🔴', warning: '🟠', info: '🔵' } as const;

const isMultiLine = (e: Evidence) => e.text.trim().includes('\n');

/** Single-line evidence in a table; a multi-line message (a mount helper's output) fenced under it, whole. */
function evidenceMarkdown(evidence: readonly Evidence[]): string[] {
  const lines: string[] = [];
  const inTable = evidence.filter((e) => !isMultiLine(e));
  if (inTable.length) {
    lines.push('| Evidence | |', '|---|---|');
    for (const e of inTable) lines.push(`| ${markdownCode(e.source, true)} | ${markdownText(e.text)} |`);
    lines.push('');
  }
  for (const e of evidence.filter(isMultiLine)) lines.push(`${markdownCode(e.source)}:`, '', ...markdownFence(e.text.trim(), 'text'), '');
  return lines;
}

function findingMarkdown(f: Finding, heading: string): string[] {
  const lines = [`${heading} ${ICON[f.severity]} ${markdownText(f.title)}`, ''];
  lines.push(`**${f.severity}** · cause ${markdownCode(f.cause)} · rule ${markdownCode(f.rule)}${f.container ? ` · container ${markdownCode(f.container)}` : ''}`, '');
  lines.push(markdownText(f.explanation, true), '');
  if (f.evidence.length) lines.push(...evidenceMarkdown(f.evidence));
  if (f.remediation.length) {
    lines.push('**Next steps**', '');
    f.remediation.forEach((step, i) => {
      lines.push(`${i + 1}. ${markdownText(step.text)}`);
      if (step.command) lines.push('', ...markdownFence(step.command, 'sh', '   '));
    });
    lines.push('');
  }
  return lines;
}

const SUMMARY_TABLE_HEAD = ['| Severity | Pod | Status | Root cause | Evidence | First step |', '|---|---|---|---|---|---|'];

/** One pod's row of the table atop a report of several pods, as `-o summary` lines them up. */
export function markdownSummaryRow(untrusted: PodDiagnosis): string {
  const s = podSummary(visibleControlsDeep(untrusted));
  const severity = s.severity ? `${ICON[s.severity]} ${s.severity}` : 'ok';
  const cells = [severity, markdownCode(s.pod, true), markdownText(s.status), markdownText(s.cause), s.evidence ? markdownText(s.evidence) : '', s.command ? markdownCode(s.command, true) : ''];
  return `| ${cells.join(' | ')} |`;
}

/**
 * A report to paste into a ticket. Every string of the diagnosis is untrusted (names, messages,
 * log lines and commands built from them): made terminal-safe once here, then each goes in as
 * escaped text, a code span or a fenced block, so it renders as text and nothing else. Several
 * pods get a summary table first.
 */
export function renderMarkdown(pods: readonly PodDiagnosis[]): string {
  return [...renderMarkdownChunks(pods)].join('');
}

/** The same text in pieces, one pod each, for reports too large to be one string. */
export function renderMarkdownChunks(pods: readonly PodDiagnosis[]): Generator<string> {
  return markdownReportPieces(pods.map(markdownPodBlock), pods.length > 1 ? pods.map(markdownSummaryRow) : []);
}

/** One pod's section of the Markdown report. */
export function markdownPodBlock(untrusted: PodDiagnosis): string {
  const pod = visibleControlsDeep(untrusted);
  const out: string[] = [];
  out.push(`## Pod ${markdownCode(`${pod.namespace}/${pod.name}`)} — ${markdownText(statusText(pod))}`, '');
  const restarts = derivedRestartsText(pod);
  if (restarts !== null) out.push(`Restarts: ${markdownText(restarts)}`, '');
  if (pod.findings.length === 0) out.push(noFindingsText(pod), '');
  for (const root of pod.findings.filter((f) => !f.symptom)) {
    out.push(...findingMarkdown(root, '###'));
    for (const symptom of pod.findings.filter((f) => f.causedBy === root.id)) {
      out.push(`> Symptom of the above:`, '');
      out.push(...findingMarkdown(symptom, '####'));
    }
  }
  if (pod.missing.length) {
    out.push('**Evidence not available**', '');
    for (const m of pod.missing) out.push(`- ${markdownText(m)}`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * The Markdown report around pod sections made by markdownPodBlock (worst first), without
 * trailing blank lines; `rows` (markdownSummaryRow, same order), when given, make the summary
 * table at the top.
 */
export function* markdownReportPieces(blocks: Iterable<string>, rows: readonly string[] = []): Generator<string> {
  if (rows.length) yield `${[...SUMMARY_TABLE_HEAD, ...rows, ''].join('\n')}\n`;
  // Each section is held back until the next comes, so the last one's trailing blank lines can be trimmed.
  let held: string | null = null;
  for (const block of blocks) {
    if (held !== null) yield `${held}\n`;
    held = block;
  }
  yield `${(held ?? '').trimEnd()}\n`;
}
