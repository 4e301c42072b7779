const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** What the splitter hands on, in input order. */
export interface JsonItemSink {
  /**
   * One element of a top-level object's `items` array (a kubectl List) or of a top-level array:
   * its bytes are `buffer[start, end)`, valid only during the call; `kind` is the element's own
   * top-level `kind` string when it has one; `offset` is where `start` lies in the whole input.
   */
  item(buffer: Buffer, start: number, end: number, kind: string | null, offset: number): void;
  /** Each top-level value with its items left out (a List's `kind` and `metadata`), or whole when it has none, as text. */
  document(text: string): void;
}

/** The input is not one or more JSON values, or is cut off; `at` is the byte offset where that showed. */
export class JsonShapeError extends Error {
  override readonly name = 'JsonShapeError';
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** One value outgrew what the splitter may hold in memory at once. */
export class JsonValueTooLarge extends Error {
  override readonly name = 'JsonValueTooLarge';
  constructor(readonly limit: number) {
    super(`a single JSON value is larger than ${limit} bytes`);
  }
}

function isBlank(c: number | undefined): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

/** Whether `buffer[start, end)` is exactly the ASCII text `word`. */
function bytesAre(buffer: Buffer, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buffer[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * How pretty-printed items are laid out (kubectl, jq, JSON.stringify with an indent): each item
 * opens with `{` alone on a line indented by `indent`, its members sit deeper, and it closes with
 * `}` at `indent` again. Raw newlines only occur between tokens (a JSON string cannot hold one),
 * so the first newline + `indent` + `}` after an item's start is its end, found by a native
 * search instead of reading every byte; `JSON.parse` of the item then proves the cut.
 */
interface ItemLayout {
  /** Newline, the items' indentation, `}`. */
  readonly closer: Buffer;
  /** Newline, the members' indentation, `"kind":`. */
  readonly kindKey: Buffer;
  readonly indent: Buffer;
}

/**
 * Cuts a stream of JSON text into the elements of its `items` array without parsing them, so a
 * `kubectl get pods -A -o json` of any size is read one pod at a time: each element is handed on
 * as bytes (to be `JSON.parse`d, or set aside) and only the element being read is held. Several
 * concatenated values (`kubectl get -o json -w`) are read one after another.
 *
 * It reads every byte only where it must: the top of each document (to find `items`), and items
 * that are not laid out one per indented block. Pretty-printed items are cut by layout (see
 * `ItemLayout`); elsewhere it tracks strings (with escapes) and nesting, and nothing else: the
 * values themselves are checked by `JSON.parse` of each element and of each document's remainder.
 *
 * Feed it with `push(chunk)`, or read straight into `space()` and `commit(n)`; then `end()`.
 */
export class JsonItemSplitter {
  private buffer: Buffer;
  /** Bytes of `buffer` holding input. */
  private length = 0;
  /** Next byte to scan. */
  private pos = 0;
  /** Offset in the whole input of `buffer[0]`. */
  private base = 0;
  private depth = 0;
  private inString = false;
  private stringStart = 0;
  /** Start of the part of the current document that is not an item; -1 while none is held. */
  private segmentStart = -1;
  private skeleton: Buffer[] = [];
  private topIsObject = false;
  private topExpectsKey = false;
  private topKeyIsItems = false;
  private topKeyIsKind = false;
  /** The current document's own `kind`, once read (a raw API List names it before its items). */
  documentKind: string | null = null;
  /** Depth between the elements of the items array; -1 outside it. */
  private itemsDepth = -1;
  private itemStart = -1;
  private itemIsObject = false;
  private itemExpectsKey = false;
  private itemKindNext = false;
  private itemKind: string | null = null;
  /** Set while items are cut by layout. */
  private layout: ItemLayout | null = null;
  /** Where the search for the current item's closer resumes when more input arrives. */
  private searchFrom = 0;
  /** Between laid-out items: whether the comma after the last one was seen. */
  private sawComma = false;
  /** Whether any item was cut by layout (its cut is proven only when it is parsed). */
  usedLayout = false;

  constructor(
    private readonly sink: JsonItemSink,
    /** The most one value (an item, or a document without items) may take in memory. */
    private readonly maxValueBytes = 256 * 2 ** 20,
    initialSize = 4 * 2 ** 20,
    /** Where in the whole input the first pushed byte lies (bytes skipped before it). */
    startOffset = 0,
    /** Cut pretty-printed items by layout; off, every byte is read (for input whose layout misled it). */
    private readonly byLayout = true,
  ) {
    this.buffer = Buffer.allocUnsafe(initialSize);
    this.base = startOffset;
  }

  /** A region to read the next bytes into (at least `minimum` long); then call `commit`. */
  space(minimum = 64 * 1024): { buffer: Buffer; offset: number; length: number } {
    this.compact(minimum);
    return { buffer: this.buffer, offset: this.length, length: this.buffer.length - this.length };
  }

  /** `count` bytes were written into the region `space()` gave. */
  commit(count: number): void {
    this.length += count;
    this.scan();
    if (this.length - this.keepFrom() > this.maxValueBytes) throw new JsonValueTooLarge(this.maxValueBytes);
  }

  push(chunk: Buffer): void {
    let done = 0;
    while (done < chunk.length) {
      const region = this.space(Math.min(chunk.length - done, 4 * 2 ** 20));
      const count = chunk.copy(region.buffer, region.offset, done, done + Math.min(region.length, chunk.length - done));
      done += count;
      this.commit(count);
    }
  }

  /** The input ended: anything left open means it was cut off. */
  end(): void {
    if (this.depth > 0 || this.inString) throw new JsonShapeError('it ends in the middle of a value', this.base + this.length);
  }

  /** Drops what no longer needs holding and makes room for `minimum` more bytes. */
  /** The first byte still needed: the start of the item, document part or string being read. */
  private keepFrom(): number {
    const keep = this.itemStart >= 0 ? this.itemStart : this.segmentStart >= 0 ? this.segmentStart : this.pos;
    return this.inString ? Math.min(keep, this.stringStart) : keep;
  }

  private compact(minimum: number): void {
    const keep = this.keepFrom();
    const held = this.length - keep;
    if (this.buffer.length - this.length >= minimum) return;
    const target = held + minimum > this.buffer.length ? Buffer.allocUnsafe(Math.max(this.buffer.length * 2, held + minimum)) : this.buffer;
    // Buffer#copy is a memmove: moving the held bytes to the front of the same buffer is safe.
    this.buffer.copy(target, 0, keep, this.length);
    this.buffer = target;
    this.base += keep;
    this.length -= keep;
    this.pos -= keep;
    this.stringStart -= keep;
    this.searchFrom = Math.max(0, this.searchFrom - keep);
    if (this.itemStart >= 0) this.itemStart -= keep;
    if (this.segmentStart >= 0) this.segmentStart -= keep;
  }

  private scan(): void {
    for (;;) {
      if (this.layout) {
        if (!this.scanByLayout()) return;
      } else if (!this.scanBytes()) {
        return;
      }
    }
  }

  /** Reads byte by byte; false when it needs more input, true when it switched to layout. */
  private scanBytes(): boolean {
    const buffer = this.buffer;
    const length = this.length;
    let pos = this.pos;
    // A string cut off by the end of the last chunk is read again from its quote.
    if (this.inString) pos = this.stringStart;
    this.inString = false;
    while (pos < length) {
      const c = buffer[pos] as number;
      if (c === SPACE || c === LF || c === CR || c === TAB) {
        pos++;
        continue;
      }
      // Only the top object's members, the items array and each item's own members matter;
      // anything deeper only moves the depth.
      const depth = this.depth;
      const watched = depth <= 1 || depth === this.itemsDepth || depth === this.itemsDepth + 1;
      if (c === QUOTE) {
        const start = pos++;
        while (pos < length) {
          const b = buffer[pos] as number;
          if (b === QUOTE) break;
          pos += b === BACKSLASH ? 2 : 1;
        }
        if (pos >= length) {
          this.inString = true;
          this.stringStart = start;
          pos = length;
          break;
        }
        pos++;
        if (watched) this.stringValue(start, pos - 1);
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (watched) {
          this.open(c, pos);
          if (this.layout) {
            this.pos = pos;
            return true;
          }
        } else {
          this.depth = depth + 1;
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (watched) this.close(pos);
        else this.depth = depth - 1;
      } else if (watched) {
        if (c === COMMA) this.comma(pos);
        else if (c === COLON) this.colon();
        else this.scalar(pos);
      }
      pos++;
    }
    this.pos = pos;
    return false;
  }

  /** Cuts laid-out items by searching for their closers; false when it needs more input, true when it went back to bytes. */
  private scanByLayout(): boolean {
    const layout = this.layout as ItemLayout;
    const buffer = this.buffer;
    const length = this.length;
    for (;;) {
      if (this.itemStart >= 0) {
        const found = buffer.indexOf(layout.closer, this.searchFrom);
        const end = found + layout.closer.length;
        if (found < 0 || end > length) {
          this.searchFrom = Math.max(this.itemStart, length - layout.closer.length);
          return false;
        }
        // The closer of an item is followed by the comma before the next or by the end of the
        // array; anything else means the layout misled the search, which the caller handles by
        // reading the input again byte by byte.
        let next = end;
        while (next < length && isBlank(buffer[next])) next++;
        if (next >= length) {
          this.searchFrom = found;
          return false;
        }
        if (buffer[next] !== COMMA && !(buffer[next] === CLOSE_ARRAY && this.closesItemsArray(next, layout.indent))) {
          throw new JsonShapeError('an item whose indentation does not match its nesting', this.base + found);
        }
        const start = this.itemStart;
        if (end - start > this.maxValueBytes) throw new JsonValueTooLarge(this.maxValueBytes);
        this.itemStart = -1;
        this.pos = end;
        this.sawComma = false;
        this.usedLayout = true;
        this.sink.item(buffer, start, end, this.kindByLayout(layout, start, found), this.base + start);
        continue;
      }
      let pos = this.pos;
      while (pos < length && isBlank(buffer[pos])) pos++;
      this.pos = pos;
      if (pos >= length) return false;
      const c = buffer[pos];
      if (c === COMMA && !this.sawComma) {
        this.sawComma = true;
        this.pos = pos + 1;
        continue;
      }
      if (c === OPEN_OBJECT && this.sawComma && this.opensLaidOutItem(pos, layout.indent)) {
        this.itemStart = pos;
        this.searchFrom = pos;
        continue;
      }
      if (c === OPEN_OBJECT && !this.sawComma) throw new JsonShapeError('a comma is missing between two elements of the items array', this.base + pos);
      if (this.sawComma && c !== OPEN_OBJECT) throw new JsonShapeError('no element after a comma in the items array', this.base + pos);
      // The end of the items array, or a layout the search cannot trust: read bytes from here.
      this.layout = null;
      return true;
    }
  }

  /** The item's own `kind`, from its member line `"kind": "..."`. */
  private kindByLayout(layout: ItemLayout, start: number, closer: number): string | null {
    // Searched within the item only: items without a kind must not make it read ahead.
    const at = this.buffer.subarray(start, closer).indexOf(layout.kindKey);
    if (at < 0) return null;
    let pos = start + at + layout.kindKey.length;
    while (isBlank(this.buffer[pos])) pos++;
    if (this.buffer[pos] !== QUOTE) return null;
    const quote = this.buffer.indexOf(QUOTE, pos + 1);
    return quote < 0 || quote > closer ? null : this.stringAt(pos, quote);
  }

  /** Whether `]` at `pos` starts its line, indented less than the items: the end of the items array, not of something inside an item. */
  private closesItemsArray(pos: number, indent: Buffer): boolean {
    let lineStart = pos;
    while (lineStart > 0 && (this.buffer[lineStart - 1] === SPACE || this.buffer[lineStart - 1] === TAB)) lineStart--;
    return lineStart > 0 && this.buffer[lineStart - 1] === LF && pos - lineStart < indent.length;
  }

  /** Whether `{` at `pos` stands alone at the start of its line, indented by exactly `indent`. */
  private opensLaidOutItem(pos: number, indent: Buffer): boolean {
    const lineStart = pos - indent.length;
    return lineStart > 0 && this.buffer[lineStart - 1] === LF && this.buffer.compare(indent, 0, indent.length, lineStart, pos) === 0;
  }

  /**
   * At the first item's `{`: if it starts its own line and its first member is on the next line,
   * indented deeper, the items are laid out and can be cut by layout. Needs the item's first
   * two lines in the buffer; otherwise (or when they are not laid out) bytes are read.
   */
  private detectLayout(pos: number): ItemLayout | null {
    const buffer = this.buffer;
    let lineStart = pos;
    while (lineStart > 0 && (buffer[lineStart - 1] === SPACE || buffer[lineStart - 1] === TAB)) lineStart--;
    if (lineStart === 0 || buffer[lineStart - 1] !== LF) return null;
    let next = pos + 1;
    if (buffer[next] === CR) next++;
    if (buffer[next] !== LF || next + 1 >= this.length) return null;
    let memberStart = next + 1;
    while (memberStart < this.length && (buffer[memberStart] === SPACE || buffer[memberStart] === TAB)) memberStart++;
    const indent = Buffer.from(buffer.subarray(lineStart, pos));
    const memberIndent = buffer.subarray(next + 1, memberStart);
    if (memberStart >= this.length || buffer[memberStart] !== QUOTE || memberIndent.length <= indent.length || memberIndent.compare(indent, 0, indent.length, 0, indent.length) !== 0) return null;
    return {
      indent,
      closer: Buffer.concat([Buffer.from('\n'), indent, Buffer.from('}')]),
      kindKey: Buffer.concat([Buffer.from('\n'), memberIndent, Buffer.from('"kind":')]),
    };
  }

  /** A string from `start` to its closing quote at `quote`, at a watched depth. */
  private stringValue(start: number, quote: number): void {
    if (this.depth === 0) throw new JsonShapeError('a string where an object or array should start', this.base + start);
    if (this.depth === this.itemsDepth && this.itemStart < 0) this.startItem(start, false);
    this.stringStart = start;
    this.stringEnded(quote);
  }

  private colon(): void {
    if (this.depth === 1) this.topExpectsKey = false;
    else if (this.itemIsObject && this.depth === this.itemsDepth + 1) this.itemExpectsKey = false;
  }

  /** A number, true, false or null: an error only where no value may be. */
  private scalar(pos: number): void {
    if (this.depth === 0) throw new JsonShapeError('text where an object or array should start', this.base + pos);
    if (this.depth === this.itemsDepth && this.itemStart < 0) this.startItem(pos, false);
  }

  private startItem(pos: number, isObject: boolean): void {
    this.itemStart = pos;
    this.itemIsObject = isObject;
    this.itemExpectsKey = isObject;
    this.itemKindNext = false;
    this.itemKind = null;
  }

  private open(c: number, pos: number): void {
    if (this.depth === 0) {
      this.segmentStart = pos;
      this.skeleton = [];
      this.topIsObject = c === OPEN_OBJECT;
      this.topExpectsKey = this.topIsObject;
      this.topKeyIsItems = false;
      this.topKeyIsKind = false;
      this.documentKind = null;
      if (!this.topIsObject) this.enterItems(pos);
    } else if (this.depth === this.itemsDepth) {
      if (this.itemStart < 0 && c === OPEN_OBJECT && this.byLayout) {
        // Items by layout from here on, when the first lines of this one show it is laid out.
        const layout = this.detectLayout(pos);
        if (layout) {
          this.layout = layout;
          this.itemStart = pos;
          this.searchFrom = pos;
          return;
        }
      }
      if (this.itemStart < 0) this.startItem(pos, c === OPEN_OBJECT);
    } else if (this.depth === 1 && this.topIsObject && this.topKeyIsItems && c === OPEN_ARRAY && this.itemsDepth < 0) {
      this.enterItems(pos);
    }
    this.depth++;
  }

  /** The items array opens at `pos`: what came before it is kept as the document's skeleton. */
  private enterItems(pos: number): void {
    this.skeleton.push(Buffer.from(this.buffer.subarray(this.segmentStart, pos + 1)));
    this.segmentStart = -1;
    this.itemsDepth = this.depth + 1;
  }

  private close(pos: number): void {
    if (this.depth === 0) throw new JsonShapeError('a closing bracket with nothing open', this.base + pos);
    if (this.depth === this.itemsDepth) {
      // The items array closes: its last element ends here, and the skeleton resumes.
      if (this.itemStart >= 0) this.endItem(pos);
      this.itemsDepth = -1;
      this.segmentStart = pos;
    }
    this.depth--;
    if (this.depth === 0) {
      this.skeleton.push(this.buffer.subarray(this.segmentStart, pos + 1));
      if (this.skeleton.reduce((sum, part) => sum + part.length, 0) > this.maxValueBytes) throw new JsonValueTooLarge(this.maxValueBytes);
      const text = Buffer.concat(this.skeleton).toString('utf8');
      this.skeleton = [];
      this.segmentStart = -1;
      this.sink.document(text);
    }
  }

  private comma(pos: number): void {
    if (this.depth === this.itemsDepth) {
      if (this.itemStart < 0) throw new JsonShapeError('an empty element in the items array', this.base + pos);
      this.endItem(pos);
    } else if (this.depth === 1) {
      this.topExpectsKey = this.topIsObject;
      this.topKeyIsItems = false;
      this.topKeyIsKind = false;
    } else if (this.itemIsObject && this.depth === this.itemsDepth + 1) {
      this.itemExpectsKey = true;
      this.itemKindNext = false;
    }
  }

  private endItem(end: number): void {
    const start = this.itemStart;
    if (end - start > this.maxValueBytes) throw new JsonValueTooLarge(this.maxValueBytes);
    this.itemStart = -1;
    this.sink.item(this.buffer, start, end, this.itemKind, this.base + start);
  }

  /** A string closed at `quote`: a key of the top object or of an item, or an item's `kind`. */
  private stringEnded(quote: number): void {
    const start = this.stringStart + 1;
    if (this.depth === 1 && this.topIsObject) {
      if (this.topExpectsKey) {
        this.topKeyIsItems = bytesAre(this.buffer, start, quote, 'items');
        this.topKeyIsKind = bytesAre(this.buffer, start, quote, 'kind');
      } else if (this.topKeyIsKind) {
        this.topKeyIsKind = false;
        this.documentKind = this.stringAt(this.stringStart, quote);
      }
      return;
    }
    if (!this.itemIsObject || this.depth !== this.itemsDepth + 1) return;
    if (this.itemExpectsKey) {
      this.itemKindNext = bytesAre(this.buffer, start, quote, 'kind');
    } else if (this.itemKindNext) {
      this.itemKindNext = false;
      this.itemKind = this.stringAt(this.stringStart, quote);
    }
  }

  /** The JSON string from the quote at `open` to the one at `close`, unescaped; null when it is not a valid string. */
  private stringAt(open: number, close: number): string | null {
    try {
      const value: unknown = JSON.parse(this.buffer.toString('utf8', open, close + 1));
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  }
}
