import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { InputError } from './input-error.js';
import { sizeText, type InputLimits } from './input-limits.js';

/** One replay input opened for reading, as UTF-8 bytes. */
export interface OpenedInput {
  /** How messages name it: the path, or `standard input`. */
  readonly label: string;
  /** A regular file's path and what it was when read, so items set aside can be read again from it; null for pipes, FIFOs and stdin. */
  readonly file: { readonly path: string; readonly size: number; readonly mtimeMs: number } | null;
  /** The bytes in order, a byte-order mark removed and UTF-16 turned into UTF-8, never more than the input limit. */
  readonly chunks: AsyncIterable<Buffer>;
}

const CHUNK_BYTES = 2 << 20;

function tooLarge(label: string, size: number | null, limits: InputLimits): InputError {
  const what = size === null ? `${label} is over` : `${label} is ${sizeText(size)}, over`;
  return new InputError(`${what} the ${sizeText(limits.maxInputBytes)} input limit: raise it with --max-input-size (or PODMORTEM_MAX_INPUT_SIZE) if this really is the input`);
}

function readError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${path}: no such file`);
  if (code === 'EACCES') return new InputError(`${path}: permission denied`);
  if (code === 'EISDIR') return new InputError(`${path} is a directory`);
  return new InputError(`${path}: cannot read (${code ?? (error as Error).message})`);
}

/**
 * Opens a FIFO, which blocks until something opens it for writing: after `waitMs` with no
 * writer, the pending open is released (by opening the FIFO for writing, which wakes it, and
 * closing again at once) and the user is told what to start.
 */
async function openFifo(path: string, waitMs: number): Promise<FileHandle> {
  const opening = open(path, 'r');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), waitMs);
  });
  const first = await Promise.race([opening, timedOut]);
  clearTimeout(timer);
  if (first !== 'timeout') return first;
  try {
    const poke = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    await poke.close();
  } catch {
    // Nothing to release: the open already returned, or failed on its own.
  }
  await opening.then((handle) => handle.close()).catch(() => undefined);
  throw new InputError(`${path} is a FIFO nothing is writing to (waited ${Math.round(waitMs / 1000)}s): start the command that writes it first, or pipe that command into podmortem replay -`);
}

async function readChunk(handle: FileHandle, label: string): Promise<Buffer | null> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let bytesRead: number;
  try {
    ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
  } catch (error) {
    throw readError(label, error);
  }
  if (bytesRead === 0) return null;
  return bytesRead === CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead);
}

/** The file's chunks, the next one read while the caller works on the last. */
async function* fileChunks(handle: FileHandle, label: string): AsyncGenerator<Buffer> {
  let next: Promise<Buffer | null> | null = null;
  try {
    next = readChunk(handle, label);
    for (;;) {
      const chunk: Buffer | null = await next;
      next = null;
      if (!chunk) return;
      next = readChunk(handle, label);
      yield chunk;
    }
  } finally {
    // A read still under way must finish before its handle closes.
    await next?.catch(() => undefined);
    await handle.close();
  }
}

async function* stdinChunks(readStdin?: () => Promise<string>): AsyncGenerator<Buffer> {
  if (readStdin) {
    yield Buffer.from(await readStdin(), 'utf8');
    return;
  }
  if (process.stdin.isTTY) throw new InputError('- reads standard input, but nothing is piped in: e.g. kubectl get pod NAME -o yaml | podmortem replay -');
  for await (const chunk of process.stdin) yield chunk as Buffer;
}

/** Stops at the input limit: a stream (stdin, a FIFO, /dev/zero) can be endless. */
async function* capped(chunks: AsyncIterable<Buffer>, label: string, limits: InputLimits): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > limits.maxInputBytes) throw tooLarge(label, null, limits);
    yield chunk;
  }
}

/**
 * Drops a byte-order mark: UTF-8's (Windows editors write it), and turns UTF-16 with its mark
 * (PowerShell 5 writes `kubectl ... > file` so) into UTF-8.
 */
async function* withoutByteOrderMark(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = null;
  let first = true;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      else if (bytes[0] === 0xff && bytes[1] === 0xfe) decoder = new TextDecoder('utf-16le');
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoder = new TextDecoder('utf-16be');
    }
    if (!decoder) {
      yield bytes;
      continue;
    }
    const text = decoder.decode(bytes, { stream: true });
    // The decoder drops the UTF-16 mark itself.
    if (text) yield Buffer.from(text, 'utf8');
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
  }
}

async function statOf(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw readError(path, error);
  }
}

/** Opens a replay input: a path, or `-` for standard input (`readStdin` stands in for it in tests). */
export async function openInput(path: string, limits: InputLimits, readStdin?: () => Promise<string>): Promise<OpenedInput> {
  if (path === '-') {
    const label = 'standard input';
    return { label, file: null, chunks: withoutByteOrderMark(capped(stdinChunks(readStdin), label, limits)) };
  }
  const info = await statOf(path);
  if (info.isDirectory()) throw new InputError(`${path} is a directory`);
  if (info.isFile() && info.size > limits.maxInputBytes) throw tooLarge(path, info.size, limits);
  let handle: FileHandle;
  try {
    handle = info.isFIFO() ? await openFifo(path, limits.fifoWaitMs) : await open(path, 'r');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readError(path, error);
  }
  return {
    label: path,
    file: info.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : null,
    chunks: withoutByteOrderMark(capped(fileChunks(handle, path), path, limits)),
  };
}

/** Reads a whole (small) input as text: YAML, describe output, a log file. */
export async function readWhole(input: OpenedInput, limit: number, tooLargeMessage: (size: string) => string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input.chunks) {
    total += chunk.length;
    if (total > limit) throw new InputError(tooLargeMessage(sizeText(limit)));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
