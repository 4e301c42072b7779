import { renestFlattenedStatus } from './yaml-renest.js';
import { parseAllDocuments } from 'yaml';
import { isCutLine, type PasteLine } from './paste-lines.js';

/** Fragments longer than this are read up to it: pod parts people paste are far shorter. */
const MAX_FRAGMENT_LINES = 3_000;
/** Parse attempts per fragment, so splitting broken YAML stays fast whatever the input. */
const MAX_ATTEMPTS = 400;

function lineText(line: PasteLine): string {
  return `${' '.repeat(line.indent)}${line.text}`;
}

const JSON_LINE = /^(?:"[^"]{1,200}"\s*:|[[\]{}])/;

/** Lines of `"key": value`, braces and brackets: a piece of `kubectl get -o json`. */
export function isJsonish(lines: readonly PasteLine[]): boolean {
  const meaningful = lines.filter((l) => l.text && !isCutLine(l));
  const json = meaningful.filter((l) => JSON_LINE.test(l.text)).length;
  return meaningful.length > 0 && json >= meaningful.length / 2;
}

/** A piece of JSON from its first JSON line: a table or a sentence pasted above it is no part of it. */
function fromFirstJsonLine(lines: PasteLine[]): PasteLine[] {
  const first = lines.findIndex((l) => JSON_LINE.test(l.text));
  return first > 0 ? lines.slice(first) : lines;
}

/** Splits at cut markers: what was left out between two pieces cannot be bridged. */
function chunksAtCuts(lines: readonly PasteLine[]): PasteLine[][] {
  const chunks: PasteLine[][] = [[]];
  for (const line of lines.slice(0, MAX_FRAGMENT_LINES)) {
    if (isCutLine(line)) chunks.push([]);
    else if (line.text) chunks.at(-1)?.push(line);
  }
  return chunks.filter((c) => c.length > 0);
}

/**
 * Closes what a cut left open and opens what it left closed: an unmatched `}` or `]` gets its
 * opener in front, an unclosed one its closer at the end; a piece starting with `"key":` is an
 * object's inside.
 */
function balance(text: string): string {
  const stack: string[] = [];
  const missingOpeners: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') stack.push(char);
    else if (char === '}' || char === ']') {
      if (stack.length) stack.pop();
      else missingOpeners.unshift(char === '}' ? '{' : '[');
    }
  }
  const closers = stack.reverse().map((c) => (c === '{' ? '}' : ']')).join('');
  if (missingOpeners.length === 0 && /^\s*"[^"]*"\s*:/.test(text)) return `{${text}${closers}}`;
  return `${missingOpeners.join('')}${text}${closers}`;
}

function repairJson(text: string): string {
  return balance(
    text
      // A value followed on the next line by a key lost its comma when lines between were cut.
      .replace(/([}\]"]|\d|true|false|null)([ \t]*\n[ \t]*")/g, '$1,$2')
      .replace(/,(\s*[}\]])/g, '$1')
      .replace(/,\s*$/, ''),
  );
}

/** Where a scan of JSON text stands after `text`: inside a string, and after a backslash in it. */
interface StringState {
  inString: boolean;
  escaped: boolean;
}

function scanStrings(text: string, state: StringState): StringState {
  let { inString, escaped } = state;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (escaped) escaped = false;
    else if (inString && char === '\\') escaped = true;
    else if (char === '"') inString = !inString;
  }
  return { inString, escaped };
}

/**
 * Joins JSON lines, undoing breaks a chat client put inside a string (JSON strings hold no raw
 * newline: `"OOMKi` / `lled"`). Returns the text and where each line's part of it ends, so the
 * text of the first N lines is a slice, not a join again; each line is scanned once.
 */
function joinJsonLines(lines: readonly PasteLine[]): { text: string; ends: number[] } {
  let text = '';
  let state: StringState = { inString: false, escaped: false };
  const ends: number[] = [];
  for (const line of lines) {
    const piece = !text ? lineText(line) : state.inString ? line.text : `\n${lineText(line)}`;
    state = scanStrings(piece, state);
    text += piece;
    ends.push(text.length);
  }
  return { text, ends };
}

/** Characters all parse attempts of one paste may read together: a few passes over any real piece. */
const MAX_ATTEMPT_CHARS = 8_000_000;

function parseJsonChunk(lines: PasteLine[], attempts: { left: number; chars: number }): unknown[] {
  const { text, ends } = joinJsonLines(lines);
  // A piece cut inside a value parses once its last lines go.
  for (let end = lines.length; end > 0 && attempts.left > 0 && attempts.chars > 0; end--) {
    attempts.left--;
    const prefix = text.slice(0, ends[end - 1]);
    attempts.chars -= prefix.length;
    const repaired = repairJson(prefix);
    // Several list items pasted without their brackets read as one list.
    for (const candidate of [repaired, `[${repaired}]`]) {
      try {
        return [JSON.parse(candidate)];
      } catch {
        // try the next reading, then one line fewer
      }
    }
  }
  return [];
}

/** A `key: 'value` or `- key: "value` line: the quote its value opens, or null for any other line. */
const QUOTED_VALUE = /^(?:- )?[\w./-]{1,253}:\s+(['"])/;

/** Whether a YAML scalar opened with `quote` is still open after `text` (from `from` on). */
function stillOpen(text: string, quote: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote === '"' && char === '\\') i++;
    else if (char === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return false;
    }
  }
  return true;
}

/**
 * Undoes breaks a chat client put inside a quoted YAML value: kubectl indents a long quoted
 * message's continuation lines deeper than its key, so a line of that value at the key's
 * indentation or less is the client's wrap (`...920a` / `2b":`), joined back without a space.
 */
export function joinWrappedYaml(lines: readonly PasteLine[]): PasteLine[] {
  const joined: PasteLine[] = [];
  let open: { quote: string; indent: number } | null = null;
  for (const line of lines) {
    const previous = joined.at(-1);
    if (open && previous && line.indent <= open.indent) {
      joined[joined.length - 1] = { ...previous, text: `${previous.text}${line.text}` };
      if (!stillOpen(line.text, open.quote, 0)) open = null;
      continue;
    }
    joined.push(line);
    if (open) {
      if (!stillOpen(line.text, open.quote, 0)) open = null;
      continue;
    }
    const opening = QUOTED_VALUE.exec(line.text);
    if (opening?.[1] && stillOpen(line.text, opening[1], opening[0].length)) open = { quote: opening[1], indent: line.indent };
  }
  return joined;
}

function dedent(lines: readonly PasteLine[]): string {
  const indent = Math.min(...lines.map((l) => l.indent));
  return lines.map((l) => `${' '.repeat(l.indent - indent)}${l.text}`).join('\n');
}

/**
 * Parses a piece of YAML; where it breaks (a line re-indented by hand, a value cut short) it is
 * split at the broken line and both halves are parsed on their own.
 */
function parseYamlChunk(lines: PasteLine[], attempts: { left: number; chars: number }): unknown[] {
  if (lines.length === 0 || attempts.left <= 0 || attempts.chars <= 0) return [];
  attempts.left--;
  const text = dedent(lines);
  attempts.chars -= text.length;
  const documents = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const error = list.flatMap((d) => d.errors)[0];
  if (!error) return list.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown).filter((v) => v !== null && v !== undefined);
  if (lines.length === 1) return [];
  const renested = renestFlattenedStatus(lines);
  if (renested) return parseYamlChunk(renested, attempts);
  const errorLine = text.slice(0, error.pos[0]).split('\n').length;
  const split = Math.min(Math.max(errorLine - 1, 1), lines.length - 1);
  return [...parseYamlChunk(lines.slice(0, split), attempts), ...parseYamlChunk(lines.slice(split), attempts)];
}

/** Every value that can be read out of a pasted piece of pod JSON or YAML. */
export function parseFragments(lines: readonly PasteLine[]): unknown[] {
  const attempts = { left: MAX_ATTEMPTS, chars: MAX_ATTEMPT_CHARS };
  const json = isJsonish(lines);
  return chunksAtCuts(lines).flatMap((chunk) => (json ? parseJsonChunk(fromFirstJsonLine(chunk), attempts) : parseYamlChunk(joinWrappedYaml(chunk), attempts)));
}
