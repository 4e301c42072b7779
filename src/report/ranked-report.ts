import type { PodDiagnosis } from '../model/finding.js';
import { compareRank, rankKey, type RankKey } from './rank-pods.js';
import { podBlock, reportPieces, type ReportFormat } from './report-pieces.js';
import type { TextReportOptions } from './text-report.js';

interface RankedBlock extends RankKey {
  readonly block: string;
}

/**
 * A report gathered one pod at a time: each pod's block is rendered as soon as it is diagnosed
 * and only the block and what ranks it are kept, never the diagnosis, so a fleet costs the
 * report's own size. `pieces()` then gives the report worst first, exactly as `reportOf` would
 * for the same pods.
 */
export class RankedReport {
  private readonly entries: RankedBlock[] = [];

  constructor(
    readonly format: ReportFormat,
    private readonly options: TextReportOptions,
  ) {}

  add(pod: PodDiagnosis): void {
    this.entries.push({ ...rankKey(pod), block: podBlock(this.format, pod, this.options) });
  }

  /** What each pod was found to be, for --fail-on. */
  get pods(): readonly RankKey[] {
    return this.entries;
  }

  /** The report in pieces, worst pod first. */
  pieces(): Iterable<string> {
    const ranked = this.entries.sort(compareRank);
    const counts = { pods: ranked.length, unhealthy: ranked.filter((p) => p.findingCount > 0).length };
    return reportPieces(this.format, blocksOf(ranked), counts, this.options);
  }
}

function* blocksOf(entries: readonly RankedBlock[]): Generator<string> {
  for (const entry of entries) yield entry.block;
}
