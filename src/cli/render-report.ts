import type { PodDiagnosis } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import { renderJsonChunks } from '../report/json-report.js';
import { renderMarkdownChunks } from '../report/markdown-report.js';
import { renderTextChunks } from '../report/text-report.js';
import type { OutputOptions } from './output-options.js';
import { printOutPieces } from './print.js';

/** Writes the report (in pieces: a fleet's is larger than one string can be) and returns the exit code --fail-on asks for. */
export async function writeReport(pods: readonly PodDiagnosis[], options: OutputOptions): Promise<number> {
  const pieces =
    options.format === 'json'
      ? renderJsonChunks(pods)
      : options.format === 'markdown'
        ? renderMarkdownChunks(pods)
        : renderTextChunks(pods, { color: options.color, width: process.stdout.columns ?? 100 });
  await printOutPieces(pieces);
  return failOnExitCode(pods, options);
}

export function failOnExitCode(pods: readonly PodDiagnosis[], options: OutputOptions): number {
  if (!options.failOn) return 0;
  const threshold = severityRank(options.failOn);
  return pods.some((p) => p.findings.some((f) => severityRank(f.severity) >= threshold)) ? 1 : 0;
}
