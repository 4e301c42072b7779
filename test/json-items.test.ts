import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonItemSplitter, JsonShapeError, JsonValueTooLarge } from '../src/sources/json-items.js';

interface Cut {
  items: Array<{ value: unknown; kind: string | null; offset: number; text: string }>;
  documents: unknown[];
  usedLayout: boolean;
}

/** Splits `text` fed in chunks of the given sizes (cycled), parsing each item and document. */
function split(text: string, chunkSizes: readonly number[] = [text.length || 1], options: { maxValueBytes?: number; byLayout?: boolean } = {}): Cut {
  const bytes = Buffer.from(text, 'utf8');
  const cut: Cut = { items: [], documents: [], usedLayout: false };
  const splitter = new JsonItemSplitter(
    {
      item(buffer, start, end, kind, offset) {
        const itemText = buffer.toString('utf8', start, end);
        cut.items.push({ value: JSON.parse(itemText), kind, offset, text: itemText });
      },
      document(documentText) {
        cut.documents.push(JSON.parse(documentText));
      },
    },
    options.maxValueBytes,
    64,
    0,
    options.byLayout ?? true,
  );
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length] ?? 1);
    splitter.push(bytes.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  cut.usedLayout = splitter.usedLayout;
  return cut;
}

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'x:1', args: ['--a', '{', '}'] }] },
  status: { phase: 'Running', message: 'quote " backslash \\ brace } bracket ] newline \n tab \t unicode ✓ 日本' },
  ...extra,
});

/** kubectl's layout: keys sorted, so the List's kind comes after its items. */
function kubectlList(items: unknown[], indent: number): string {
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, indent);
}

describe('cutting a kubectl List into its items', () => {
  it('hands on each item of a pretty-printed List with its kind, cut by layout, and the List without them', () => {
    const items = [pod('a'), { apiVersion: 'v1', kind: 'Event', reason: 'BackOff' }, pod('b')];
    for (const indent of [2, 4]) {
      const text = kubectlList(items, indent);
      const cut = split(text);
      expect(cut.items.map((i) => i.value)).toEqual(items);
      expect(cut.items.map((i) => i.kind)).toEqual(['Pod', 'Event', 'Pod']);
      expect(cut.usedLayout).toBe(true);
      expect(cut.documents).toEqual([{ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }]);
      // Offsets point at the item in the whole input, so it can be read again from the file.
      for (const item of cut.items) expect(Buffer.from(text).toString('utf8', item.offset, item.offset + Buffer.byteLength(item.text))).toBe(item.text);
    }
  });

  it('reads compact JSON byte by byte, and the raw API PodList whose items name no kind', () => {
    const list = { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [pod('a'), pod('b')].map(({ kind: _kind, ...rest }) => rest) };
    const cut = split(JSON.stringify(list), [7]);
    expect(cut.usedLayout).toBe(false);
    expect(cut.items.map((i) => [(i.value as { metadata: { name: string } }).metadata.name, i.kind])).toEqual([
      ['a', null],
      ['b', null],
    ]);
    expect(cut.documents).toEqual([{ ...list, items: [] }]);
  });

  it('reads a top-level array, several concatenated documents (kubectl get -o json -w) and a document without items', () => {
    const text = `${JSON.stringify([pod('a')])}\n${JSON.stringify(pod('b'), null, 2)}\n${kubectlList([pod('c')], 2)}`;
    const cut = split(text, [5, 11, 3]);
    expect(cut.items.map((i) => (i.value as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'c']);
    expect(cut.documents).toEqual([[], pod('b'), { apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }]);
  });

  it('finds items only under the top-level items key (not a nested one, not a longer key) and kind only as a whole key', () => {
    const text = JSON.stringify({ kindred: 'x', kind: 'Thing', itemsTotal: [1, 2], spec: { items: [1, 2] }, items: [{ kinds: 'no', kind: 'Pod' }] });
    const cut = split(text);
    expect(cut.items.map((i) => [i.value, i.kind])).toEqual([[{ kinds: 'no', kind: 'Pod' }, 'Pod']]);
    expect(cut.documents).toEqual([{ kindred: 'x', kind: 'Thing', itemsTotal: [1, 2], spec: { items: [1, 2] }, items: [] }]);
  });

  it('gives the same items for any List, indentation and chunking (property)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('{', '}', '[', ']', '"', '\\', '\\"', ',\n    }', '\n  }'));
    const object = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 })), { maxKeys: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom('Pod', 'Event', 'Node'), body: object }), { maxLength: 6 }),
        fc.constantFrom(0, 1, 2, 4, '\t' as const),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        (records, indent, chunks) => {
          const items = records.map(({ kind, body }) => ({ ...body, kind }));
          const text = JSON.stringify({ apiVersion: 'v1', items, kind: 'List' }, null, indent);
          const cut = split(text, chunks);
          expect(cut.items.map((i) => i.value)).toEqual(items);
          expect(cut.items.map((i) => i.kind)).toEqual(records.map((r) => r.kind));
          expect(cut.documents).toEqual([{ apiVersion: 'v1', items: [], kind: 'List' }]);
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe('what is not a stream of JSON values', () => {
  it('names input cut off in the middle, text where a value should start, and broken separators', () => {
    const whole = kubectlList([pod('a'), pod('b')], 2);
    expect(() => split(whole.slice(0, whole.length - 40))).toThrow(JsonShapeError);
    expect(() => split(`${JSON.stringify(pod('a'))} trailing words`)).toThrow(/text where an object or array should start/);
    expect(() => split(whole.replace(/\n {4}\},\n {4}\{/, '\n    },,\n    {'))).toThrow(JsonShapeError);
    expect(() => split(whole.replace(/\n {4}\},\n {4}\{/, '\n    }\n    {'))).toThrow(JsonShapeError);
    expect(() => split(whole.replace(/\n {4}\},\n {4}\{/, '\n    }\n    {'), undefined, { byLayout: false })).toThrow(SyntaxError);
  });

  it('refuses one value larger than it may hold, so a single huge item cannot take all memory', () => {
    const big = kubectlList([pod('a', { blob: 'x'.repeat(5000) })], 2);
    expect(() => split(big, [100], { maxValueBytes: 1000 })).toThrow(JsonValueTooLarge);
    expect(split(big, [100], { maxValueBytes: 10_000 }).items).toHaveLength(1);
  });

  it('never hands on a wrong item that parses when the indentation disagrees with the nesting: the cut fails, and byte by byte is right', () => {
    // Valid JSON whose nested values close at the items' own indentation.
    const nestedObject = '{\n  "items": [\n    {\n      "kind": "Pod",\n      "spec": {\n    },\n      "x": 1\n    }\n  ]\n}';
    const nestedClosesLast = '{\n  "items": [\n    {\n      "kind": "Pod",\n      "spec": {\n      "a": 1\n    }\n    }\n  ]\n}';
    for (const misleading of [nestedObject, nestedClosesLast]) {
      const expected = JSON.parse(misleading).items;
      expect(() => split(misleading)).toThrow();
      expect(split(misleading, undefined, { byLayout: false }).items.map((i) => i.value)).toEqual(expected);
    }
  });
});
