import type { PodDiagnosis } from '../model/finding.js';
import type { WorkloadSummary } from '../model/workload.js';
import { severityRank } from '../model/severity.js';
import { renderJson } from '../report/json-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import { renderText } from '../report/text-report.js';
import type { OutputOptions } from './output-options.js';
import { printOut } from './print.js';

/**
 * Writes the report and returns the exit code --fail-on asks for. JSON always carries the
 * workloads; text and Markdown lead with them when `leadWithWorkloads` (several pods, or a
 * workload asked for by name).
 */
export function writeReport(pods: readonly PodDiagnosis[], options: OutputOptions, workloads: readonly WorkloadSummary[] = [], leadWithWorkloads = pods.length > 1): number {
  const shown = leadWithWorkloads ? workloads : [];
  const text =
    options.format === 'json'
      ? renderJson(pods, workloads)
      : options.format === 'markdown'
        ? renderMarkdown(pods, shown)
        : renderText(pods, { color: options.color, width: process.stdout.columns ?? 100, workloads: shown });
  printOut(text);
  return failOnExitCode(pods, options);
}

export function failOnExitCode(pods: readonly PodDiagnosis[], options: OutputOptions): number {
  if (!options.failOn) return 0;
  const threshold = severityRank(options.failOn);
  return pods.some((p) => p.findings.some((f) => severityRank(f.severity) >= threshold)) ? 1 : 0;
}
