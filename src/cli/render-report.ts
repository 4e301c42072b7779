import type { PodDiagnosis } from '../model/finding.js';
import { severityRank, type Severity } from '../model/severity.js';
import { RankedReport } from '../report/ranked-report.js';
import { reportOf, type ReportFormat } from '../report/report-pieces.js';
import type { TextReportOptions } from '../report/text-report.js';
import type { OutputOptions } from './output-options.js';
import { printOutPieces } from './print.js';

/** Writes the report (in pieces: a fleet's is larger than one string can be) and returns the exit code --fail-on asks for. */
export async function writeReport(pods: readonly PodDiagnosis[], options: OutputOptions): Promise<number> {
  await printOutPieces(reportOf(reportFormat(options), pods, textOptions(options)));
  return failOnExitCode(pods, options);
}

/** A report to fill one pod at a time (see RankedReport), for these output options. */
export function rankedReportFor(options: OutputOptions): RankedReport {
  return new RankedReport(reportFormat(options), textOptions(options));
}

/** Writes a report filled pod by pod and returns the exit code --fail-on asks for. */
export async function writeRankedReport(report: RankedReport, options: OutputOptions): Promise<number> {
  await printOutPieces(report.pieces());
  return failOnExitCode(report.pods, options);
}

function textOptions(options: OutputOptions): TextReportOptions {
  return { color: options.color, width: process.stdout.columns ?? 100 };
}

/** The report format for output options (the UI has none: it never reaches a report). */
export function reportFormat(options: OutputOptions): ReportFormat {
  return options.format === 'json' || options.format === 'markdown' || options.format === 'summary' ? options.format : 'text';
}

/** 1 when a pod's worst finding is at least as severe as --fail-on asks, else 0. */
export function failOnExitCode(pods: ReadonlyArray<{ readonly severity: Severity | null }>, options: OutputOptions): number {
  if (!options.failOn) return 0;
  const threshold = severityRank(options.failOn);
  return pods.some((p) => severityRank(p.severity) >= threshold) ? 1 : 0;
}
