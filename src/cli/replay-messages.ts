import type { LoadedRule } from '../engine/rule.js';
import type { RenderedPod } from '../report/ranked-report.js';
import type { ReportFormat } from '../report/report-pieces.js';
import type { TextReportOptions } from '../report/text-report.js';
import type { JoinContext, PodEvents } from '../sources/assemble-incidents.js';
import type { PodHead } from '../sources/pod-head.js';

// What the replay pool (replay-pool.ts) and its worker threads (replay-worker.ts) tell each other.

/** Given to each worker when it starts: how to diagnose and how to render. */
export interface WorkerSetup {
  readonly rules: readonly LoadedRule[];
  readonly format: ReportFormat;
  readonly options: TextReportOptions;
}

export type ToWorker =
  /** What every incident is built from besides its pod and events; comes before any batch. */
  | { readonly type: 'begin'; readonly context: JoinContext }
  /** The first pass: pods as text (as in a batch), to be parsed, checked and cut down to their heads. */
  | { readonly type: 'heads'; readonly id: number; readonly text: Uint8Array; readonly ends: readonly number[] }
  /** Pods as text: pod i is `text[ends[i-1], ends[i])`, with `events[i]`. */
  | { readonly type: 'batch'; readonly id: number; readonly text: Uint8Array; readonly ends: readonly number[]; readonly events: readonly PodEvents[] };

export type FromWorker =
  /** The heads of a first-pass batch's pods, in the batch's order. */
  | { readonly type: 'heads'; readonly id: number; readonly heads: readonly PodHead[] }
  /** A pod of a first-pass batch did not parse or fit its shape: the main thread reads them again, and tells why. */
  | { readonly type: 'unread'; readonly id: number }
  /** The batch's pods, rendered, in the batch's order. */
  | { readonly type: 'done'; readonly id: number; readonly pods: readonly RenderedPod[] }
  | { readonly type: 'failed'; readonly id: number; readonly name: string; readonly message: string; readonly stack: string | undefined };
