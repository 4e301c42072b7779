import { createRequire } from 'node:module';

/*
 * Kubeconfig files are YAML, but the YAML kubectl, kind, minikube and the cloud CLIs write is a
 * small part of it: block mappings and sequences, plain and quoted one-line scalars, comments.
 * Reading that part here saves loading a full YAML parser on every live command (it is a tenth
 * of a scan's start-up). Anything beyond it (anchors, tags, block or multi-line scalars, flow
 * collections with content, several documents, tabs, duplicate keys) is handed to the `yaml`
 * package, so every file reads exactly as before; a test holds the two to the same result.
 */

/** The subset reader gave up: the full parser decides. */
class Unsupported extends Error {}

interface Line {
  readonly indent: number;
  readonly text: string;
}

const unsupported = (): never => {
  throw new Unsupported();
};

/** Strips a ` # comment` that is not inside quotes. */
function withoutComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(text[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

function toLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const content = raw.replace(/^ */, '');
    if (content === '' || content.startsWith('#')) continue;
    if (content.startsWith('\t') || /^(---|\.\.\.)(\s|$)/.test(content) || content.startsWith('%')) unsupported();
    lines.push({ indent: raw.length - content.length, text: withoutComment(content) });
  }
  return lines;
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f' };

function doubleQuoted(text: string): string {
  if (!text.endsWith('"') || text.length < 2) unsupported();
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') unsupported();
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (DOUBLE_ESCAPES[next] !== undefined) {
      out += DOUBLE_ESCAPES[next];
    } else {
      unsupported();
    }
  }
  return out;
}

function singleQuoted(text: string): string {
  if (!text.endsWith("'") || text.length < 2) unsupported();
  const body = text.slice(1, -1);
  if (/'(?!')/.test(body.replace(/''/g, ''))) unsupported();
  return body.replace(/''/g, "'");
}

/** A plain scalar as YAML 1.2's core schema reads it; unusual forms (hex, octal, exponents, .inf) go to the full parser. */
function plain(text: string): unknown {
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?\d{1,15}$/.test(text)) return Number(text);
  if (/^[-+]?(\d+\.\d*|\.\d+)$/.test(text) && text.length <= 15) return Number(text);
  // Numbers in other notations, indicators that start other YAML constructs, and `: ` inside.
  if (/^[-+]?(0[xo]|\.(inf|nan)|\d[\d.]*[eE])/i.test(text) || /^[[\]{}&*!|>%@`]/.test(text) || /^[-?:](\s|$)/.test(text) || /:(\s|$)/.test(text)) unsupported();
  return text;
}

function scalar(text: string): unknown {
  if (text.startsWith('"')) return doubleQuoted(text);
  if (text.startsWith("'")) return singleQuoted(text);
  if (text === '{}') return {};
  if (text === '[]') return [];
  return plain(text);
}

/** Where a quoted scalar at the start of `text` ends (the index of its closing quote), or -1. */
function quotedEnd(text: string): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (quote === "'" && text[i] === "'" && text[i + 1] === "'") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** `key: rest` (rest may be empty); null when the line is no mapping entry. */
function entry(text: string): { key: string; rest: string } | null {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text);
    if (end < 0) return null;
    const after = text.slice(end + 1);
    if (!/^:(\s|$)/.test(after)) return null;
    return { key: String(scalar(text.slice(0, end + 1))), rest: after.slice(1).trim() };
  }
  const match = /^([^\s#:"'[\]{},&*!|>%@`?-][^:]*?|-[^\s:][^:]*?):(\s+(.*))?$/.exec(text);
  if (!match) return null;
  const key = match[1]!;
  // `key :`, and keys YAML would read as null, a boolean or a number: the full parser decides.
  if (key !== key.trimEnd() || typeof plain(key) !== 'string') unsupported();
  return { key, rest: (match[3] ?? '').trim() };
}

const isItem = (line: Line) => line.text === '-' || line.text.startsWith('- ');

class Reader {
  private at = 0;
  constructor(private readonly lines: Line[]) {}

  document(): unknown {
    if (this.lines.length === 0) return null;
    const value = this.block(this.lines[0]!.indent);
    if (this.at < this.lines.length) unsupported();
    return value;
  }

  private peek(): Line | undefined {
    return this.lines[this.at];
  }

  private block(indent: number): unknown {
    const first = this.peek()!;
    if (first.indent !== indent) unsupported();
    if (isItem(first)) return this.sequence(indent);
    if (!entry(first.text)) {
      // A lone scalar document.
      this.at++;
      return scalar(first.text);
    }
    return this.mapping(indent, null);
  }

  /** A mapping at `indent`; `first` is a line already taken apart (the one after a sequence dash). */
  private mapping(indent: number, first: Line | null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let line = first ?? this.peek();
    while (line && line.indent === indent && !isItem(line)) {
      const parsed = entry(line.text);
      if (!parsed || parsed.key === '__proto__' || Object.hasOwn(out, parsed.key)) unsupported();
      if (first === line) first = null;
      else this.at++;
      out[parsed!.key] = parsed!.rest === '' ? this.nested(indent) : scalar(parsed!.rest);
      line = this.peek();
    }
    if (line && line.indent > indent) unsupported();
    return out;
  }

  /** The value under `key:` with nothing after it: a deeper block, a sequence at the key's own indent, or null. */
  private nested(indent: number): unknown {
    const next = this.peek();
    if (!next || next.indent < indent) return null;
    if (next.indent === indent) return isItem(next) ? this.sequence(indent) : null;
    return this.block(next.indent);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    let line = this.peek();
    while (line && line.indent === indent && isItem(line)) {
      this.at++;
      const content = line.text.slice(1).replace(/^ +/, '');
      if (content === '') unsupported();
      const column = indent + (line.text.length - content.length);
      if (isItem({ indent: column, text: content })) unsupported();
      out.push(entry(content) ? this.mapping(column, { indent: column, text: content }) : scalar(content));
      line = this.peek();
    }
    if (line && line.indent > indent) unsupported();
    return out;
  }
}

const require = createRequire(import.meta.url);

/** The document in a kubeconfig file, as the `yaml` package would read it; throws its error when it does not parse. */
export function parseKubeconfigText(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // Not strict JSON (a trailing comma, a comment): YAML's flow style may still read it.
    }
  } else {
    try {
      return new Reader(toLines(text)).document();
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }
  // Merge keys (`<<: *defaults`) as the YAML reader used before (js-yaml) took them.
  return (require('yaml') as typeof import('yaml')).parse(text, { merge: true }) as unknown;
}

/** The subset reader alone: undefined when it hands the text on. For tests that hold it to the `yaml` package. */
export function parseKubeconfigSubset(text: string): unknown {
  try {
    return new Reader(toLines(text)).document();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
