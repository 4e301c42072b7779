import type { PodDiagnosis } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import { renderJson } from '../report/json-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import { renderSummary } from '../report/summary-report.js';
import { renderText } from '../report/text-report.js';
import type { OutputOptions } from './output-options.js';
import { printOut } from './print.js';

/** Writes the report and returns the exit code --fail-on asks for. */
export function writeReport(pods: readonly PodDiagnosis[], options: OutputOptions): number {
  const text =
    options.format === 'json'
      ? renderJson(pods)
      : options.format === 'markdown'
        ? renderMarkdown(pods)
        : options.format === 'summary'
          ? renderSummary(pods, { color: options.color })
          : renderText(pods, { color: options.color, width: process.stdout.columns ?? 100 });
  printOut(text);
  return failOnExitCode(pods, options);
}

export function failOnExitCode(pods: readonly PodDiagnosis[], options: OutputOptions): number {
  if (!options.failOn) return 0;
  const threshold = severityRank(options.failOn);
  return pods.some((p) => p.findings.some((f) => severityRank(f.severity) >= threshold)) ? 1 : 0;
}
