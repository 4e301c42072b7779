import type { V1Pod } from '@kubernetes/client-node';
import { stat } from 'node:fs/promises';
import { InputError, jsonErrorText } from './input-error.js';
import { openInput, type OpenedInput } from './open-input.js';
import type { InputLimits } from './input-limits.js';
import { checkShape } from './object-shapes.js';

/** Called with each pod set aside, parsed, and its text (`buffer[start, end)`, valid only during the call). */
export type DeferredPodCallback = (pod: V1Pod, buffer: Buffer, start: number, end: number) => Promise<void> | void;

/** Called with each pod set aside as its text alone (`buffer[start, end)`, valid only during the call). */
export type DeferredTextCallback = (buffer: Buffer, start: number, end: number) => Promise<void> | void;

/** Returned by a range visitor: the range did not parse, and may be cut again (see forEach). */
const DID_NOT_PARSE = Symbol('did not parse');
type RangeVisitor = (bytes: Buffer, from: number, to: number, offset: number) => Promise<void | typeof DID_NOT_PARSE> | void | typeof DID_NOT_PARSE;

/**
 * Pods of one streamed List, set aside unparsed until every input's events are known: a regular
 * file's by where they lie in it (read again when their turn comes), a pipe's as bytes.
 */
export class DeferredPods {
  /** Start and end offsets, in pairs, of the pods in a regular file. */
  private ranges: number[] = [];
  private readonly copies: Buffer[] = [];
  private sorted = true;
  /** Set when the pods were cut by layout: reads the file again byte by byte, should a cut not parse. */
  private resplit: (() => Promise<DeferredPods>) | null = null;

  constructor(
    readonly label: string,
    private readonly file: OpenedInput['file'],
  ) {}

  get count(): number {
    return this.file ? this.ranges.length / 2 : this.copies.length;
  }

  add(buffer: Buffer, start: number, end: number, offset: number): void {
    if (!this.file) {
      this.copies.push(Buffer.from(buffer.subarray(start, end)));
      return;
    }
    const last = this.ranges[this.ranges.length - 1];
    if (last !== undefined && offset < last) this.sorted = false;
    this.ranges.push(offset, offset + (end - start));
  }

  /** The pods were cut by layout, which only parsing proves: `resplit` cuts them again byte by byte. */
  cutByLayout(resplit: () => Promise<DeferredPods>): void {
    this.resplit = resplit;
  }

  /**
   * Parses each pod in input order and hands it on; waits for `onPod` before reading the next.
   * `again`: the pods will be read once more (a first pass that only summarises them), so a
   * pipe's copies are kept rather than released.
   */
  async forEach(limits: InputLimits, onPod: DeferredPodCallback, again = false): Promise<void> {
    if (!this.file) {
      for (const bytes of this.copiesInTurn(again)) await onPod(this.parse(bytes, 0, bytes.length, null), bytes, 0, bytes.length);
      return;
    }
    for (;;) {
      const retryable = this.resplit !== null;
      const failedAt = await this.readAgain(limits, async (bytes, from, to, offset) => {
        let pod: V1Pod;
        try {
          pod = this.parse(bytes, from, to, offset);
        } catch (error) {
          if (retryable) return DID_NOT_PARSE;
          throw error;
        }
        await onPod(pod, bytes, from, to);
      });
      if (failedAt === null) return;
      // A cut by layout did not parse: cut the file again byte by byte and go on from that pod.
      const exact = (await (this.resplit as () => Promise<DeferredPods>)()).ranges;
      this.resplit = null;
      const from = exact.findIndex((offset, i) => i % 2 === 0 && offset >= failedAt);
      this.ranges = from < 0 ? [] : exact.slice(from);
      this.sorted = true;
    }
  }

  /**
   * Hands on each pod's text in input order, unparsed (the pods are parsed elsewhere, in worker
   * threads); waits for `onText` before reading the next. The cuts are taken as they are: a cut
   * by layout that does not parse is found by whoever parses it, and the pods read again with
   * forEach, which cuts them again. `again` as for forEach.
   */
  async forEachText(limits: InputLimits, onText: DeferredTextCallback, again = false): Promise<void> {
    if (!this.file) {
      for (const bytes of this.copiesInTurn(again)) await onText(bytes, 0, bytes.length);
      return;
    }
    await this.readAgain(limits, (bytes, from, to) => onText(bytes, from, to));
  }

  /** A pipe's pods in turn, each released as it is read unless they will be read `again`: held once, not twice. */
  private *copiesInTurn(again: boolean): Generator<Buffer> {
    for (let i = 0; i < this.copies.length; i++) {
      const bytes = this.copies[i] as Buffer;
      if (!again) this.copies[i] = Buffer.alloc(0);
      yield bytes;
    }
  }

  /** Reads the pods from the file and hands each to `visit`; returns the offset of the first one `visit` found did not parse, else null. */
  private async readAgain(limits: InputLimits, visit: RangeVisitor): Promise<number | null> {
    const file = this.file as NonNullable<OpenedInput['file']>;
    const now = await stat(file.path).catch(() => null);
    if (!now || now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
      throw new InputError(`${this.label} changed while podmortem was reading it: replay a copy that nothing is writing to`);
    }
    const ranges = this.sorted ? this.ranges : sortPairs(this.ranges);
    const input = await openInput(file.path, limits);
    // The bytes of a pod cut by a chunk boundary, from its start; pods inside a chunk are read in place.
    let carry: Buffer | null = null;
    let carryStart = 0;
    let chunkStart = 0;
    let next = 0;
    for await (const chunk of input.chunks) {
      const chunkEnd = chunkStart + chunk.length;
      while (next < ranges.length && (ranges[next + 1] as number) <= chunkEnd) {
        const start = ranges[next] as number;
        const end = ranges[next + 1] as number;
        const bytes = start >= chunkStart ? chunk : Buffer.concat([(carry as Buffer).subarray(start - carryStart), chunk.subarray(0, end - chunkStart)]);
        const from = start >= chunkStart ? start - chunkStart : 0;
        if ((await visit(bytes, from, from + (end - start), start)) === DID_NOT_PARSE) return start;
        next += 2;
      }
      if (next >= ranges.length) return null;
      const start = ranges[next] as number;
      if (start < chunkEnd) {
        carry = start >= chunkStart ? chunk.subarray(start - chunkStart) : Buffer.concat([(carry as Buffer).subarray(start - carryStart), chunk]);
        carryStart = start;
      } else {
        carry = null;
      }
      chunkStart = chunkEnd;
    }
    if (next < ranges.length) throw new InputError(`${this.label} changed while podmortem was reading it: replay a copy that nothing is writing to`);
    return null;
  }

  private parse(buffer: Buffer, start: number, end: number, offset: number | null): V1Pod {
    return podFromText(this.label, buffer, start, end, offset);
  }
}

/**
 * One pod of a streamed List from its text (`buffer[start, end)`, found at byte `offset` of
 * `label`, null for a pipe): parsed and shape-checked, or the one-line InputError that says why not.
 */
export function podFromText(label: string, buffer: Buffer, start: number, end: number, offset: number | null): V1Pod {
  let pod: unknown;
  try {
    pod = JSON.parse(buffer.toString('utf8', start, end));
  } catch (error) {
    const where = offset === null ? '' : ` in the pod at byte ${offset}`;
    throw new InputError(`${label} is not valid JSON${where} (${jsonErrorText(error)}): check the file is complete, or save it again with kubectl get -o json`);
  }
  if (!pod || typeof pod !== 'object' || Array.isArray(pod)) {
    throw new InputError(`${label} holds an item that is no Kubernetes object: give kubectl get pods -o json output`);
  }
  // Set aside unparsed, a streamed pod meets the shape check only now.
  checkShape(label, pod as Record<string, unknown>, 'Pod');
  return asPod(pod);
}

/** A List item known to be a pod: items of a raw PodList carry no kind of their own. */
export function asPod(item: object): V1Pod {
  const pod = item as V1Pod;
  if (pod.kind === undefined) pod.kind = 'Pod';
  return pod;
}

function sortPairs(flat: readonly number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
  return pairs.sort((a, b) => a[0] - b[0]).flat();
}
