import { parseAllDocuments } from 'yaml';
import { InputError } from './input-error.js';

/** What a file's text turned out to be. */
export type ParsedText =
  | { readonly format: 'json' | 'yaml'; readonly documents: unknown[] }
  /** `syntaxError`: the text is a piece of JSON/YAML that did not parse; the line to show if no pod can be recovered from it. */
  | { readonly format: 'text'; readonly text: string; readonly syntaxError?: string };

/** A document that names its kind at the top was meant whole: a syntax error in it is the user's to fix. */
function namesItsKind(text: string): boolean {
  return /^\s*\{\s*"(?:apiVersion|kind)"\s*:/.test(text) || /^(?:apiVersion|kind)\s*:/m.test(text);
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** Lines YAML would read as a mapping: `key: value` at the start with sane indentation. */
function looksLikeYaml(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  const first = lines.find((l) => l.trim() !== '---');
  return first !== undefined && /^(apiVersion|kind|metadata|items|spec|status|schemaVersion)\s*:/.test(first.trim());
}

/**
 * Parses kubectl JSON, (multi-document) YAML, or hands plain text on for the text parsers.
 * Syntax errors become one line with the file and position.
 */
export function parseDocuments(label: string, text: string): ParsedText {
  if (!text.trim()) throw new InputError(`${label} is empty: give a kubectl get -o json|yaml output, a podmortem bundle or kubectl describe text`);
  if (looksLikeJson(text)) {
    try {
      return { format: 'json', documents: [JSON.parse(text)] };
    } catch (error) {
      const message = (error as Error).message.replace(/^JSON\.parse: /, '');
      const syntaxError = `${label} is not valid JSON (${message}): check the file is complete, or save it again with kubectl get -o json`;
      if (namesItsKind(text)) throw new InputError(syntaxError);
      return { format: 'text', text, syntaxError };
    }
  }
  if (!looksLikeYaml(text)) return { format: 'text', text };
  const documents = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const documentsOut: unknown[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      // The parser reports nesting too deep for it as a stack overflow: say what it means.
      const reason = /call stack/i.test(error.message) ? 'nested too deeply' : error.message.split('\n')[0];
      const syntaxError = `${label} is not valid YAML${line ? ` at line ${line}` : ''} (${reason}): fix the indentation or save it again with kubectl get -o yaml`;
      if (namesItsKind(text)) throw new InputError(syntaxError);
      return { format: 'text', text, syntaxError };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      // The only way toJS fails once parsed: aliases expanding past maxAliasCount (a "billion laughs").
      throw new InputError(`${label} is YAML whose aliases (*name) expand to more than 100 copies: podmortem does not expand it; give kubectl get -o yaml output, which has no aliases`);
    }
    if (value !== null && value !== undefined) documentsOut.push(value);
  }
  return { format: 'yaml', documents: documentsOut };
}
