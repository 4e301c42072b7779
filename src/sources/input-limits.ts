import { formatBytes } from '../facts/quantity.js';

/**
 * How much replay input podmortem reads. kubectl JSON is streamed (one List item in memory at a
 * time), so its only bound is `maxInputBytes`; YAML and pasted text are parsed whole, so they
 * have a lower, fixed bound; and one JSON value (a List item, or a document that is not a List)
 * is held whole, so it has one too.
 */
export interface InputLimits {
  /** Any one input (a file or standard input): `--max-input-size`, `PODMORTEM_MAX_INPUT_SIZE`. */
  readonly maxInputBytes: number;
  /** YAML and pasted text (describe output, events tables), which are parsed whole. */
  readonly maxWholeBytes: number;
  /** One JSON value held whole: a List item, or a document that is not a List. */
  readonly maxValueBytes: number;
  /** How long opening a FIFO waits for a writer before giving up. */
  readonly fifoWaitMs: number;
}

/** The default for `--max-input-size`: a `kubectl get pods -A -o json` of about 500,000 pods. */
export const DEFAULT_MAX_INPUT_BYTES = 4 * 2 ** 30;

/**
 * YAML parses at a few MB/s and takes tens of times its size in memory; describe text is for
 * the few pods of a ticket. Larger input of these kinds is refused with a pointer to -o json.
 */
export const MAX_WHOLE_BYTES = 16 * 2 ** 20;

/** One JSON value: far above any real pod, below V8's string limit (about 512 MiB). */
export const MAX_VALUE_BYTES = 256 * 2 ** 20;

export const FIFO_WAIT_MS = 10_000;

export function inputLimits(maxInputBytes = DEFAULT_MAX_INPUT_BYTES, fifoWaitMs = FIFO_WAIT_MS): InputLimits {
  return {
    maxInputBytes,
    maxWholeBytes: Math.min(MAX_WHOLE_BYTES, maxInputBytes),
    maxValueBytes: Math.min(MAX_VALUE_BYTES, maxInputBytes),
    fifoWaitMs,
  };
}

/** A size for messages: exact when it is a whole number of binary or decimal units (a limit someone set), else rounded. */
export function sizeText(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10], ['GB', 1e9], ['MB', 1e6], ['kB', 1e3]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return bytes >= 1024 ? `${formatBytes(bytes)}B` : `${bytes} bytes`;
}
