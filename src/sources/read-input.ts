import { DeferredPods } from './deferred-pods.js';
import { InputError, jsonErrorText } from './input-error.js';
import { sizeText, type InputLimits } from './input-limits.js';
import { JsonItemSplitter, JsonShapeError, JsonValueTooLarge, type JsonItemSink } from './json-items.js';
import { collectObjects, emptyObjects, type KubeObjects } from './kube-objects.js';
import { openInput, type OpenedInput } from './open-input.js';
import { looksLikeJson, parseDocuments } from './parse-documents.js';

/** What one input held: loose objects (pods from YAML, text or single JSON documents among them), and the pods of streamed Lists, set aside. */
export interface InputContents {
  readonly objects: KubeObjects;
  readonly deferred: DeferredPods;
  /** Pasted text (describe output, events tables) was read. */
  readonly text: boolean;
}

export interface ReadInputOptions {
  readonly limits: InputLimits;
  readonly capturedAt?: string;
  readonly readStdin?: () => Promise<string>;
}

/** The kind of a List's items when they do not say it themselves (`PodList` items are pods); undefined for a plain `List`. */
function itemKindOf(listKind: unknown): string | undefined {
  return typeof listKind === 'string' && listKind !== 'List' && listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : undefined;
}

function withKind(value: unknown, kind: string | undefined): unknown {
  return kind && value && typeof value === 'object' && !Array.isArray(value) && !('kind' in value) ? { kind, ...value } : value;
}

function parseJson(text: string, at: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonShapeError(jsonErrorText(error), at);
  }
}

/**
 * Reads the items of streamed JSON as the splitter cuts them: pods are set aside unparsed (their
 * events may come in a later input), everything else is parsed and sorted into `objects` at once.
 * Items that name no kind wait for their List's kind when the List names it only after them.
 */
class StreamedItems implements JsonItemSink {
  readonly objects = emptyObjects();
  readonly splitter: JsonItemSplitter;
  private waiting: Array<{ bytes: Buffer; offset: number }> = [];

  constructor(
    private readonly label: string,
    readonly deferred: DeferredPods,
    limits: InputLimits,
    startOffset: number,
    byLayout: boolean,
  ) {
    this.splitter = new JsonItemSplitter(this, limits.maxValueBytes, undefined, startOffset, byLayout);
  }

  item(buffer: Buffer, start: number, end: number, kind: string | null, offset: number): void {
    const listKind = this.splitter.documentKind;
    if (kind === null && listKind === null) {
      this.waiting.push({ bytes: Buffer.from(buffer.subarray(start, end)), offset });
      return;
    }
    this.sort(buffer, start, end, kind, itemKindOf(listKind), offset);
  }

  /**
   * What a document the reader cannot use (no kind, another kind) said, held until the input ends:
   * a JSON log line opening a program's plain-text output is no kubectl JSON, and the text that
   * follows it is what the input is read as instead.
   */
  refused: InputError | null = null;

  document(text: string): void {
    const document = parseJson(text, 0) as { kind?: unknown } | null;
    const inherited = itemKindOf(document && typeof document === 'object' ? document.kind : undefined);
    for (const { bytes, offset } of this.waiting) this.sort(bytes, 0, bytes.length, null, inherited, offset);
    this.waiting = [];
    try {
      collectObjects(this.label, document, this.objects);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.refused ??= error;
    }
  }

  private sort(buffer: Buffer, start: number, end: number, kind: string | null, inherited: string | undefined, offset: number): void {
    if ((kind ?? inherited) === 'Pod') {
      this.deferred.add(buffer, start, end, offset);
      return;
    }
    const value = parseJson(buffer.toString('utf8', start, end), offset);
    collectObjects(this.label, kind === null ? withKind(value, inherited) : value, this.objects);
  }
}

function firstNonBlank(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

/**
 * Whether the input opens as kubectl JSON, by the test the whole-text parser uses: a kernel log
 * line (`[540603.0891] audit: ...`) or a prompt (`[root@host ~]#`) opens with a bracket too, and is
 * read whole as the text it is. Its structural characters are ASCII, so latin1 reads them.
 */
function opensJson(chunk: Buffer, first: number): boolean {
  return looksLikeJson(chunk.toString('latin1', first));
}

function tooLargeToReadWhole(label: string, limits: InputLimits): InputError {
  return new InputError(
    `${label} is over ${sizeText(limits.maxWholeBytes)}, the most podmortem reads of YAML or pasted text (it parses them whole): save the objects with kubectl get ... -o json, which it reads one item at a time at any size`,
  );
}

/** YAML, describe text and JSON that did not stream: parsed whole, as they always were. */
async function readWholeText(label: string, text: string, options: ReadInputOptions): Promise<InputContents> {
  const objects = emptyObjects();
  const parsed = await parseDocuments(label, text);
  if (parsed.format === 'text') {
    // The describe-text reader is large and only pastes need it.
    const { collectFromText } = await import('./text-input.js');
    collectFromText(label, parsed.text, objects, {
      ...(options.capturedAt ? { capturedAt: options.capturedAt } : {}),
      ...(parsed.syntaxError ? { syntaxError: parsed.syntaxError } : {}),
    });
    return { objects, deferred: new DeferredPods(label, null), text: true };
  }
  for (const document of parsed.documents) collectObjects(label, document, objects);
  return { objects, deferred: new DeferredPods(label, null), text: false };
}

function notValidJson(label: string, error: JsonShapeError): InputError {
  return new InputError(`${label} is not valid JSON (${error.message} at byte ${error.at}): check the file is complete, or save it again with kubectl get -o json`);
}

async function* chunksOf(buffers: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* buffers;
}

/**
 * Reads one opened input. JSON (it starts with `{`, or `[` and an object) is streamed: List items are cut one
 * at a time, so its size is bounded only by the input limit. Anything else (YAML, describe text)
 * is read whole up to `maxWholeBytes`. JSON that turns out not to parse is read whole as well
 * when it is small enough, so pasted pieces of JSON still reach the paste reader as before.
 * Pretty-printed items are first cut by their indentation; if that misleads the splitter
 * (valid JSON indented out of step with its nesting), the input is read again byte by byte.
 */
export async function readOpenedInput(input: OpenedInput, options: ReadInputOptions, byLayout = true): Promise<InputContents> {
  const { label } = input;
  const { limits } = options;
  let held: Buffer[] | null = [];
  let heldBytes = 0;
  let skipped = 0;
  let streamed: StreamedItems | null = null;
  let whole = false;
  let again = false;
  const keep = (chunk: Buffer) => {
    if (!held) return;
    heldBytes += chunk.length;
    if (heldBytes > limits.maxWholeBytes) held = null;
    else held.push(chunk);
  };
  /** JSON that failed to stream: read again byte by byte if the layout may have misled, else whole if still held, else the error it is. */
  const failed = (error: unknown): void => {
    if (error instanceof JsonValueTooLarge) {
      throw new InputError(`${label} holds one JSON value over ${sizeText(error.limit)}, more than podmortem holds at once: give kubectl get -o json output (a List is read one item at a time)`);
    }
    if (!(error instanceof JsonShapeError)) throw error;
    const usedLayout = (streamed as StreamedItems | null)?.splitter.usedLayout ?? false;
    streamed = null;
    if (usedLayout && (input.file || held)) again = true;
    else if (held) whole = true;
    else throw notValidJson(label, error);
  };
  for await (const chunk of input.chunks) {
    keep(chunk);
    if (again && input.file) break;
    if (streamed) {
      try {
        (streamed as StreamedItems).splitter.push(chunk);
      } catch (error) {
        failed(error);
      }
    } else if (!whole && !again) {
      const first = firstNonBlank(chunk);
      if (first < 0) {
        skipped += chunk.length;
        continue;
      }
      if (opensJson(chunk, first)) {
        streamed = new StreamedItems(label, new DeferredPods(label, input.file), limits, skipped, byLayout);
        try {
          streamed.splitter.push(chunk);
        } catch (error) {
          failed(error);
        }
      } else {
        whole = true;
      }
    }
    if ((whole || (again && !input.file)) && !held) throw tooLargeToReadWhole(label, limits);
  }
  if (streamed) {
    try {
      const done = streamed as StreamedItems;
      done.splitter.end();
      if (done.refused) throw done.refused;
      if (done.splitter.usedLayout && input.file) done.deferred.cutByLayout(() => exactPodRanges(input, limits));
      return { objects: done.objects, deferred: done.deferred, text: false };
    } catch (error) {
      failed(error);
    }
  }
  if (again) {
    const retry = input.file ? await openInput(input.file.path, limits) : { ...input, chunks: chunksOf(held ?? []) };
    return readOpenedInput(retry, options, false);
  }
  return readWholeText(label, Buffer.concat(held ?? []).toString('utf8'), options);
}

/** The pods of a file read byte by byte, for pods whose cut by layout did not parse. */
async function exactPodRanges(input: OpenedInput, limits: InputLimits): Promise<DeferredPods> {
  const file = input.file as NonNullable<OpenedInput['file']>;
  const reread = await readOpenedInput(await openInput(file.path, limits), { limits }, false);
  return reread.deferred;
}

/** Opens and reads one replay input: a path, or `-` for standard input. */
export async function readInput(path: string, options: ReadInputOptions): Promise<InputContents> {
  return readOpenedInput(await openInput(path, options.limits, options.readStdin), options);
}
