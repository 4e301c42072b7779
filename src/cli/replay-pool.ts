import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadedRule } from '../engine/rule.js';
import type { RankedReport } from '../report/ranked-report.js';
import type { JoinContext, PodEvents } from '../sources/assemble-incidents.js';
import { InputError } from '../sources/input-error.js';
import type { DeferredTextCallback } from '../sources/deferred-pods.js';
import type { PodSink } from '../sources/load-replay.js';
import type { PodHead } from '../sources/pod-head.js';
import type { FromWorker, ToWorker, WorkerSetup } from './replay-messages.js';
import { UsageError } from './usage-error.js';

/** Below this many pods, starting threads costs more than it saves. */
export const PARALLEL_MIN_PODS = 2000;
/** Inputs this large (about PARALLEL_MIN_PODS pods of kubectl JSON) start the threads before they are read. */
const PRESTART_BYTES = 16 * 2 ** 20;
/** Pods are handed to a worker in batches of about this much text: fewer messages, little held. */
const BATCH_BYTES = 512 * 1024;
/** Batches a worker may have waiting: enough to keep it busy, few enough to bound memory. */
const BATCHES_IN_FLIGHT = 3;
/** Workers by default: one per core but the main thread's, up to this (each holds its own heap). */
const MAX_DEFAULT_WORKERS = 4;
/** Inputs this large (about 25,000 pods of kubectl JSON) keep a worker on every core: warming each up is paid back. */
const LARGE_INPUT_BYTES = 256 * 2 ** 20;

/** The worker script, beside this module once built (dist/cli); absent when run from sources. */
const WORKER_SCRIPT = new URL('./replay-worker.js', import.meta.url);

/**
 * How many worker threads to use: `PODMORTEM_WORKERS`, else one per core besides the one the
 * main thread reads and joins on (none on one core), and one per core for an input of
 * LARGE_INPUT_BYTES or more. On 2 cores one worker beat two at 10,000 pods, measured paired: CPU
 * 5.86 s against 7.47 s, peak RSS 318 against 401 MiB, wall 0.93x (each worker loads and warms up
 * its own copy, and the optimizing compiler's threads take the second core); at 50,000 pods two
 * took 11.0 s against 13.25 s, the main thread mostly waiting while the workers diagnose.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism(), inputBytes = 0): { count: number; asked: boolean } {
  const asked = env.PODMORTEM_WORKERS;
  const spare = inputBytes >= LARGE_INPUT_BYTES ? cores : cores - 1;
  if (asked === undefined || asked === '') return { count: cores > 1 ? Math.min(spare, MAX_DEFAULT_WORKERS) : 0, asked: false };
  if (!/^\d+$/.test(asked)) throw new UsageError(`PODMORTEM_WORKERS takes a number of threads (0 for none), not "${asked}"`);
  return { count: Number(asked), asked: true };
}

interface Slot {
  readonly worker: Worker;
  /** Batches sent and not yet done. */
  inFlight: number;
}

interface Batch {
  /** A first-pass batch (its pods' heads wanted) or one to diagnose. */
  heads: boolean;
  text: Uint8Array<ArrayBuffer>;
  used: number;
  ends: number[];
  events: PodEvents[];
  orders: number[];
}

/**
 * Diagnoses the pods of streamed Lists in worker threads (a PodSink): the main thread reads and
 * joins, and parses no pod. The workers first parse, check and cut down every pod to its head
 * (what joins it with its events and workload); then each parses its pods again from their text,
 * scrubs, diagnoses and renders them, and the blocks come back into the report at the place each
 * pod had in the input. A pod's events travel with it, so no worker holds the fleet's events.
 */
export class ReplayPool implements PodSink {
  private slots: Slot[] = [];
  private batch: Batch | null = null;
  private readonly pending = new Map<number, { slot: Slot; orders: number[] }>();
  /** The first pass's heads by batch id until they are handed on in order; `unread` once a batch had a pod that did not parse or fit. */
  private headsByBatch = new Map<number, readonly PodHead[]>();
  private nextHeads = 0;
  private onHead: ((head: PodHead) => void) | null = null;
  private unread = false;
  /** The first pass started before every input was read (headsEarly). */
  private early: Promise<void> | null = null;
  private closed = false;
  private nextId = 0;
  private failure: Error | null = null;
  /** Resolves whoever waits for a batch to finish. */
  private wake: (() => void) | null = null;

  private constructor(
    private readonly setup: WorkerSetup,
    private count: number,
    /** Used whatever the number of pods (PODMORTEM_WORKERS set). */
    private readonly always: boolean,
    private readonly report: RankedReport,
  ) {}

  /** A pool for this replay, or null when it runs on the main thread alone (one core, PODMORTEM_WORKERS=0, run from sources). */
  static for(rules: readonly LoadedRule[], report: RankedReport): ReplayPool | null {
    const { count, asked } = workerCount();
    if (count === 0 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return null;
    return new ReplayPool({ rules, format: report.format, options: report.options }, count, asked, report);
  }

  /** Starts the threads now when the input is large enough to want them, so they load while it is read. */
  async prestartFor(paths: readonly string[]): Promise<void> {
    let bytes = 0;
    for (const path of paths) bytes += path === '-' ? 0 : ((await stat(path).catch(() => null))?.size ?? 0);
    if (!this.always) this.count = workerCount(process.env, availableParallelism(), bytes).count;
    if (this.always || bytes >= PRESTART_BYTES) this.start();
  }

  private start(): void {
    while (this.slots.length < this.count) this.slots.push(this.spawn());
  }

  accepts(pods: number): boolean {
    if (!this.always && pods < PARALLEL_MIN_PODS) {
      this.close();
      return false;
    }
    this.start();
    return true;
  }

  /**
   * Starts the first pass over pods already read while the inputs after them are still being read
   * (a fleet's events file is parsed on the main thread meanwhile), when the threads are running
   * already; their heads wait here until `heads` asks for them. False: not started.
   */
  headsEarly(read: (onText: DeferredTextCallback) => Promise<void>): boolean {
    if (this.slots.length === 0 || this.closed) return false;
    if (this.early === null) this.nextHeads = this.nextId;
    this.early = (this.early ?? Promise.resolve()).then(() => read(this.headText));
    // Awaited by heads(); a replay that then declines the pool only stops the threads.
    this.early.catch(() => undefined);
    return true;
  }

  /** Once a pod did not parse, the rest are only read past: the main thread reads them all again. */
  private readonly headText: DeferredTextCallback = (buffer, start, end) => (this.unread || this.closed ? undefined : this.add(buffer, start, end, true));

  async heads(read: (onText: DeferredTextCallback) => Promise<void>, onHead: (head: PodHead) => void): Promise<boolean> {
    if (this.early === null) this.nextHeads = this.nextId;
    this.onHead = onHead;
    try {
      if (this.early) await this.early;
      // The heads that came back while the rest of the input was read.
      this.handOnHeads();
      await read(this.headText);
      await this.drain();
    } finally {
      this.onHead = null;
      this.headsByBatch = new Map();
    }
    return !this.unread;
  }

  /** Hands on the heads of the batches next in input order that are back; later ones wait for those before them. */
  private handOnHeads(): void {
    const onHead = this.onHead;
    if (!onHead) return;
    for (let heads = this.headsByBatch.get(this.nextHeads); heads && !this.unread; heads = this.headsByBatch.get(this.nextHeads)) {
      this.headsByBatch.delete(this.nextHeads++);
      for (const head of heads) onHead(head);
    }
  }

  begin(context: JoinContext): void {
    for (const slot of this.slots) slot.worker.postMessage({ type: 'begin', context } satisfies ToWorker);
  }

  pod(buffer: Buffer, start: number, end: number, events: PodEvents): Promise<void> {
    return this.add(buffer, start, end, false, events);
  }

  async end(): Promise<void> {
    await this.drain();
    this.close();
  }

  /** Adds a pod's text to the batch being filled, sending that batch first when the pod does not fit in it. */
  private async add(buffer: Buffer, start: number, end: number, heads: boolean, events?: PodEvents): Promise<void> {
    if (this.failure) throw this.failure;
    const size = end - start;
    if (this.batch && this.batch.used + size > this.batch.text.length) await this.dispatch();
    const batch = (this.batch ??= { heads, text: new Uint8Array(Math.max(BATCH_BYTES, size)), used: 0, ends: [], events: [], orders: [] });
    buffer.copy(batch.text, batch.used, start, end);
    batch.used += size;
    batch.ends.push(batch.used);
    if (!heads) {
      batch.events.push(events as PodEvents);
      batch.orders.push(this.report.reserve());
    }
  }

  /** Sends the batch being filled and waits for every batch sent. */
  private async drain(): Promise<void> {
    if (this.batch) await this.dispatch();
    while (this.pending.size && !this.failure) await this.nextDone();
    if (this.failure) throw this.failure;
  }

  /** Stops the threads (also after a failure elsewhere). */
  close(): void {
    this.closed = true;
    for (const slot of this.slots) void slot.worker.terminate();
    this.slots = [];
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.setup });
    const slot: Slot = { worker, inFlight: 0 };
    worker.on('message', (message: FromWorker) => this.received(slot, message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) this.fail(new Error(`a replay worker thread stopped (exit code ${code})`));
    });
    return slot;
  }

  private async dispatch(): Promise<void> {
    const batch = this.batch as Batch;
    this.batch = null;
    let slot = this.leastBusy();
    while (slot.inFlight >= BATCHES_IN_FLIGHT) {
      await this.nextDone();
      slot = this.leastBusy();
    }
    const id = this.nextId++;
    slot.inFlight++;
    this.pending.set(id, { slot, orders: batch.orders });
    const text = batch.used === batch.text.length ? batch.text : batch.text.slice(0, batch.used);
    const message: ToWorker = batch.heads ? { type: 'heads', id, text, ends: batch.ends } : { type: 'batch', id, text, ends: batch.ends, events: batch.events };
    slot.worker.postMessage(message, [text.buffer]);
  }

  private leastBusy(): Slot {
    if (this.failure) throw this.failure;
    return this.slots.reduce((best, slot) => (slot.inFlight < best.inFlight ? slot : best));
  }

  private nextDone(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private received(slot: Slot, message: FromWorker): void {
    const sent = this.pending.get(message.id);
    if (!sent) return;
    this.pending.delete(message.id);
    slot.inFlight--;
    if (message.type === 'failed') {
      this.fail(workerError(message));
      return;
    }
    try {
      if (message.type === 'unread') this.unread = true;
      else if (message.type === 'heads') {
        this.headsByBatch.set(message.id, message.heads);
        this.handOnHeads();
      } else message.pods.forEach((pod, i) => this.report.place(sent.orders[i] as number, pod));
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.wakeUp();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.close();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** A worker's error as the main thread would have thrown it: input errors stay one clear line. */
function workerError(message: Extract<FromWorker, { type: 'failed' }>): Error {
  const error = message.name === 'InputError' ? new InputError(message.message) : new Error(message.message);
  if (message.stack) error.stack = message.stack;
  return error;
}
