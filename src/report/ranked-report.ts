import type { RollupPod } from '../engine/workload-rollup.js';
import type { PodDiagnosis } from '../model/finding.js';
import type { WorkloadSummary } from '../model/workload.js';
import { BlockSpill, type SpilledBlock } from './block-spill.js';
import { compareRank, rankKey, type RankKey } from './rank-pods.js';
import { podBlock, podRow, reportPieces, type ReportFormat } from './report-pieces.js';
import type { TextReportOptions } from './text-report.js';

/** One pod of a report: what ranks it, its block as podBlock renders it, and its part of the workload roll-up. */
export interface RenderedPod extends RankKey {
  readonly block: string;
  /** Null for a bare pod. */
  readonly rollup: RollupPod | null;
  /** Its row of the summary table atop a Markdown report (podRow). */
  readonly row?: string;
}

interface Placed extends Omit<RenderedPod, 'block'> {
  /** Its block, or where the spill wrote it. */
  readonly block: string | SpilledBlock;
  /** Where the pod came in the input: pods that rank the same keep that order. */
  readonly order: number;
}

/** Characters of blocks a report holds in memory (about 32 MiB of ASCII, some 13,000 pods of JSON); the rest wait in a file. */
export const HELD_BLOCK_CHARS = 32 * 2 ** 20;

/**
 * A report gathered one pod at a time: each pod's block is rendered as soon as it is diagnosed
 * and only the block and what ranks it are kept, never the diagnosis, so a fleet costs the
 * report's own size. Blocks may be rendered elsewhere (a worker thread) and arrive out of
 * order: a place reserved when the pod was handed on keeps the input's order. `pieces()` then
 * gives the report worst first, exactly as `reportOf` would for the same pods in input order.
 */
export class RankedReport {
  private readonly placed: Placed[] = [];
  private next = 0;
  private readonly spill: BlockSpill;

  constructor(
    readonly format: ReportFormat,
    readonly options: TextReportOptions,
    /** Rolls the pods' parts up by workload (rollUpPods), given by the caller so the report stays a renderer. */
    private readonly rollUp: (pods: readonly RollupPod[]) => WorkloadSummary[] = () => [],
    heldChars = HELD_BLOCK_CHARS,
  ) {
    this.spill = new BlockSpill(heldChars);
  }

  /** A pod as soon as it is diagnosed, with its part of the workload roll-up (rollupPod; null for a bare pod). */
  add(pod: PodDiagnosis, rollup: RollupPod | null): void {
    this.place(this.reserve(), renderedPod(this.format, pod, rollup, this.options));
  }

  /** A place for a pod whose block comes later (see place). */
  reserve(): number {
    return this.next++;
  }

  place(order: number, pod: RenderedPod): void {
    this.placed.push({ severity: pod.severity, problemCount: pod.problemCount, namespace: pod.namespace, name: pod.name, block: this.spill.keep(pod.block), rollup: pod.rollup, ...(pod.row === undefined ? {} : { row: pod.row }), order });
  }

  /** What each pod was found to be, for --fail-on. */
  get pods(): readonly RankKey[] {
    return this.placed;
  }

  /** The report in pieces, worst pod first. */
  pieces(): Iterable<string> {
    const ranked = this.placed.sort((a, b) => compareRank(a, b) || a.order - b.order);
    const counts = { pods: ranked.length, unhealthy: ranked.filter((p) => p.problemCount > 0).length };
    const workloads = this.rollUp(ranked.flatMap((p) => p.rollup ?? []));
    return reportPieces(this.format, blocksOf(ranked, this.spill), counts, this.options, ranked.flatMap((p) => p.row ?? []), workloads);
  }
}

/** A pod as a RankedReport keeps it: what ranks it, its block, its part of the roll-up and (Markdown) its summary row. */
export function renderedPod(format: ReportFormat, pod: PodDiagnosis, rollup: RollupPod | null, options: TextReportOptions): RenderedPod {
  const row = podRow(format, pod);
  return { ...rankKey(pod), block: podBlock(format, pod, options), rollup, ...(row === undefined ? {} : { row }) };
}

/** The blocks in turn, read back from the spill where they went there; the spill is closed once all are given (or the reader stops). */
function* blocksOf(entries: readonly Placed[], spill: BlockSpill): Generator<string> {
  try {
    for (const entry of entries) yield spill.read(entry.block);
  } finally {
    spill.close();
  }
}
