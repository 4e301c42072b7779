import type { PodDiagnosis } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import { renderJsonChunks } from '../report/json-report.js';
import { renderMarkdownChunks } from '../report/markdown-report.js';
import { renderTextChunks } from '../report/text-report.js';
import type { OutputOptions } from './output-options.js';

/** Pieces are gathered up to this size per write: fewer system calls, never one huge string. */
const WRITE_BYTES = 256 * 1024;

/** Writes text pieces to a stream, waiting whenever it is behind. */
export async function writeChunks(out: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let pending = '';
  const flush = async () => {
    const text = pending;
    pending = '';
    if (out.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        out.off('drain', done);
        out.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      out.on('drain', done);
      out.on('error', done);
    });
  };
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= WRITE_BYTES) await flush();
  }
  if (pending) await flush();
}

/** Writes the report (in pieces: a fleet's is larger than one string can be) and returns the exit code --fail-on asks for. */
export async function writeReport(pods: readonly PodDiagnosis[], options: OutputOptions): Promise<number> {
  const chunks =
    options.format === 'json'
      ? renderJsonChunks(pods)
      : options.format === 'markdown'
        ? renderMarkdownChunks(pods)
        : renderTextChunks(pods, { color: options.color, width: process.stdout.columns ?? 100 });
  await writeChunks(process.stdout, chunks);
  return failOnExitCode(pods, options);
}

export function failOnExitCode(pods: readonly PodDiagnosis[], options: OutputOptions): number {
  if (!options.failOn) return 0;
  const threshold = severityRank(options.failOn);
  return pods.some((p) => p.findings.some((f) => severityRank(f.severity) >= threshold)) ? 1 : 0;
}
