import { InputError, jsonErrorText } from './input-error.js';

/** What a file's text turned out to be. */
export type ParsedText =
  | { readonly format: 'json' | 'yaml'; readonly documents: unknown[] }
  /** `syntaxError`: the text is a piece of JSON/YAML that did not parse; the line to show if no pod can be recovered from it. */
  | { readonly format: 'text'; readonly text: string; readonly syntaxError?: string };

/** A document that names its kind at the top was meant whole: a syntax error in it is the user's to fix. */
function namesItsKind(text: string): boolean {
  return /^\s*\{\s*"(?:apiVersion|kind)"\s*:/.test(text) || /^(?:apiVersion|kind)\s*:/m.test(text);
}

/**
 * JSON that ends before its values close (a paste cut where the thread's excerpt ends) rather than
 * JSON broken inside: the parser gave up at the very end of the text.
 */
function cutShort(text: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of JSON input/i.test(message)) return true;
  const position = /at position (\d+)/.exec(message)?.[1];
  return position !== undefined && Number(position) >= text.trimEnd().length;
}

/**
 * An object, or an array of objects or arrays as kubectl prints them: `[root@host ~]# kubectl ...`
 * is a shell prompt and `[540603.0891] audit: ...` a kernel log line, not arrays.
 */
export function looksLikeJson(text: string): boolean {
  return /^\s*(?:\{|\[\s*(?:[[{\]]|$))/.test(text);
}

/** Lines YAML would read as a mapping: `key: value` at the start with sane indentation. */
function looksLikeYaml(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  const first = lines.find((l) => l.trim() !== '---');
  return first !== undefined && /^(apiVersion|kind|metadata|items|spec|status|schemaVersion)\s*:/.test(first.trim());
}

/**
 * Parses kubectl JSON, (multi-document) YAML, or hands plain text on for the text parsers.
 * Syntax errors become one line with the file and position. The YAML parser is loaded only for YAML.
 */
export async function parseDocuments(label: string, text: string): Promise<ParsedText> {
  if (!text.trim()) throw new InputError(`${label} is empty: give a kubectl get -o json|yaml output, a podmortem bundle or kubectl describe text`);
  if (looksLikeJson(text)) {
    try {
      return { format: 'json', documents: [JSON.parse(text)] };
    } catch (error) {
      const syntaxError = `${label} is not valid JSON (${jsonErrorText(error)}): check the file is complete, or save it again with kubectl get -o json`;
      // A file that names its kind and is broken inside is the user's to fix. JSON cut short is what
      // pastes are: the text readers recover what parses, and give this error when nothing does.
      if (namesItsKind(text) && !cutShort(text, error)) throw new InputError(syntaxError);
      return { format: 'text', text, syntaxError };
    }
  }
  if (!looksLikeYaml(text)) return { format: 'text', text };
  const { parseYamlDocuments } = await import('./yaml-documents.js');
  const documentsOut: unknown[] = [];
  for (const doc of parseYamlDocuments(label, text)) {
    if ('error' in doc) {
      const { line, message } = doc.error;
      const syntaxError = `${label} is not valid YAML${line ? ` at line ${line}` : ''} (${message}): fix the indentation or save it again with kubectl get -o yaml`;
      if (namesItsKind(text)) throw new InputError(syntaxError);
      return { format: 'text', text, syntaxError };
    }
    if (doc.value !== null && doc.value !== undefined) documentsOut.push(doc.value);
  }
  return { format: 'yaml', documents: documentsOut };
}
