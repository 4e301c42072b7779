import type { PodDiagnosis } from '../model/finding.js';
import { jsonPodBlock, jsonReportPieces, renderJsonChunks } from './json-report.js';
import { markdownPodBlock, markdownReportPieces, markdownSummaryRow } from './markdown-report.js';
import { summaryLine } from './summary-report.js';
import { textPodBlock, textReportPieces, type TextReportOptions } from './text-report.js';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'summary';

export interface ReportCounts {
  readonly pods: number;
  readonly unhealthy: number;
}

/**
 * A report split where it can be made apart: each pod's block on its own (as soon as the pod is
 * diagnosed, see RankedReport), the frame around the blocks once they are ranked. Joined, the
 * pieces are exactly what renderText, renderJson, renderMarkdown and renderSummary print.
 */
export function podBlock(format: ReportFormat, pod: PodDiagnosis, options: TextReportOptions): string {
  if (format === 'summary') return summaryLine(pod, options);
  return format === 'json' ? jsonPodBlock(pod) : format === 'markdown' ? markdownPodBlock(pod) : textPodBlock(pod, options);
}

/** The pod's row of the summary table atop a Markdown report of several pods; undefined in other formats. */
export function podRow(format: ReportFormat, pod: PodDiagnosis): string | undefined {
  return format === 'markdown' ? markdownSummaryRow(pod) : undefined;
}

/** The report around pod blocks made by podBlock, worst first; `counts` are of those pods, `rows` their podRow in the same order. */
export function reportPieces(format: ReportFormat, blocks: Iterable<string>, counts: ReportCounts, options: TextReportOptions, rows: readonly string[] = []): Iterable<string> {
  if (format === 'json') return counts.pods ? jsonReportPieces(blocks) : renderJsonChunks([]);
  if (format === 'summary') return blocks;
  return format === 'markdown' ? markdownReportPieces(blocks, counts.pods > 1 ? rows : []) : textReportPieces(blocks, counts, options);
}

/** The whole report of these pods (already ranked) in pieces. */
export function reportOf(format: ReportFormat, pods: readonly PodDiagnosis[], options: TextReportOptions): Iterable<string> {
  const counts = { pods: pods.length, unhealthy: pods.filter((p) => p.findings.length > 0).length };
  return reportPieces(
    format,
    pods.map((pod) => podBlock(format, pod, options)),
    counts,
    options,
    pods.flatMap((pod) => podRow(format, pod) ?? []),
  );
}
