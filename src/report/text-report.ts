import type { Finding, PodDiagnosis } from '../model/finding.js';
import type { WorkloadSummary } from '../model/workload.js';
import { headerSummary, noFindingsText } from './pod-header.js';
import { textStyle, type TextStyle } from './style.js';
import { visibleControlsDeep, visibleControlsInLine as oneLine } from './visible-controls.js';

export interface TextReportOptions {
  readonly color: boolean;
  /** Terminal width for wrapping prose; default 100. */
  readonly width?: number;
  /** Workloads to lead with, one line each (a multi-pod report, `diagnose deploy/NAME`). */
  readonly workloads?: readonly WorkloadSummary[];
}

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;

/** Wraps prose at `width`; continuation lines hang under the first line's text. */
function wrapText(text: string, width: number, indent: string, hanging = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let prefix = indent;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line);
        prefix = indent + hanging;
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(prefix + line);
  }
  return lines;
}

function findingLines(f: Finding, style: TextStyle, width: number, indent: string): string[] {
  const label = style.severity(f.severity, `${SEVERITY_LABEL[f.severity]}`);
  const where = f.container ? ` [container ${oneLine(f.container)}]` : '';
  const lines = [`${indent}${label} ${style.heading(oneLine(f.title))}${style.dim(`  (${oneLine(f.cause)}, rule ${oneLine(f.rule)})${where}`)}`];
  // Prose is one paragraph: a line break can only come from a quoted value (a name, a message) and
  // would let it start a line that reads as the report's own.
  lines.push(...wrapText(f.explanation.replace(/\n/g, ' '), width, `${indent}  `));
  if (f.evidence.length) {
    lines.push(`${indent}  Evidence:`);
    for (const e of f.evidence) {
      // Some messages carry line breaks (mount helpers' output); keep them under their bullet.
      const [first, ...rest] = e.text.split(/\r?\n/).filter((line) => line.trim());
      lines.push(`${indent}    - ${style.dim(`${oneLine(e.source)}:`)} ${first ?? ''}`);
      for (const line of rest) lines.push(`${indent}      ${line.trim()}`);
    }
  }
  if (f.remediation.length) {
    lines.push(`${indent}  Next steps:`);
    f.remediation.forEach((step, i) => {
      lines.push(...wrapText(`${i + 1}. ${step.text}`, width, `${indent}    `, '   '));
      if (step.command) lines.push(`${indent}       ${style.command(`$ ${oneLine(step.command)}`)}`);
    });
  }
  return lines;
}

function podLines(pod: PodDiagnosis, style: TextStyle, width: number): string[] {
  const lines = [style.heading(`Pod ${oneLine(pod.namespace)}/${oneLine(pod.name)}`) + `  ${oneLine(headerSummary(pod))}`];
  if (pod.findings.length === 0) {
    lines.push(`  ${noFindingsText(pod)}`);
  }
  const roots = pod.findings.filter((f) => !f.symptom && !f.context);
  roots.forEach((root, i) => {
    lines.push('');
    if (i === 0) lines.push(style.dim('  Root cause:'));
    else if (i === 1) lines.push(style.dim('  Also found:'));
    lines.push(...findingLines(root, style, width, '  '));
    for (const symptom of pod.findings.filter((f) => f.causedBy === root.id)) {
      lines.push(style.dim(`    Symptom of the above:`));
      lines.push(...findingLines(symptom, style, width, '    '));
    }
    for (const context of pod.findings.filter((f) => f.context && f.relatedTo === root.id)) {
      lines.push(style.dim(`    Context for the above:`));
      lines.push(...findingLines(context, style, width, '    '));
    }
  });
  if (pod.missing.length) {
    lines.push('', style.dim('  Evidence not available:'));
    for (const m of pod.missing) lines.push(`    - ${m}`);
  }
  return lines;
}

/** One line per workload with unhealthy pods: severity, then its roll-up. */
export function workloadLines(workloads: readonly WorkloadSummary[], style: TextStyle): string[] {
  return [
    style.heading('Workloads'),
    ...workloads.map((w) => `  ${w.severity ? style.severity(w.severity, SEVERITY_LABEL[w.severity].padEnd(9)) : 'OK'.padEnd(9)}${oneLine(w.summary)}`),
  ];
}

/**
 * The human report: per pod a header, then findings root cause first with evidence and next
 * steps. Every string of the diagnosis (names, messages, log lines, commands) is made
 * terminal-safe here, once, before any of it is laid out or styled.
 */
export function renderText(pods: readonly PodDiagnosis[], options: TextReportOptions): string {
  return [...renderTextChunks(pods, options)].join('');
}

/** The same text in pieces, one pod each, for reports too large to be one string. */
export function renderTextChunks(pods: readonly PodDiagnosis[], options: TextReportOptions): Generator<string> {
  const unhealthy = pods.filter((p) => p.findings.length > 0).length;
  return textReportPieces(
    pods.map((pod) => textPodBlock(pod, options)),
    { pods: pods.length, unhealthy },
    options,
  );
}

/** One pod's block of the text report, as renderText lays it out. */
export function textPodBlock(pod: PodDiagnosis, options: TextReportOptions): string {
  return podLines(visibleControlsDeep(pod), textStyle(options.color), Math.max(60, options.width ?? 100)).join('\n');
}

/** The text report around pod blocks made by textPodBlock (worst first): a heading for several pods, a rule between pods. */
export function* textReportPieces(blocks: Iterable<string>, counts: { pods: number; unhealthy: number }, options: TextReportOptions): Generator<string> {
  const style = textStyle(options.color);
  const width = Math.max(60, options.width ?? 100);
  const separator = '\n\n' + style.dim('─'.repeat(Math.min(width, 80))) + '\n\n';
  let first = true;
  // The workloads lead (what `diagnose deploy/NAME` and a multi-pod report say first), then the count.
  const workloads = visibleControlsDeep(options.workloads ?? []).filter((w) => w.unhealthyPods > 0);
  const lead: string[] = [];
  if (workloads.length) lead.push(...workloadLines(workloads, style), '');
  if (counts.pods > 1) lead.push(style.heading(`${counts.pods} pods, ${counts.unhealthy} with findings (worst first)`));
  if (lead.length) {
    yield lead.join('\n').trimEnd();
    first = false;
  }
  for (const block of blocks) {
    yield `${first ? '' : separator}${block}`;
    first = false;
  }
  yield '\n';
}
