import { parseAllDocuments } from 'yaml';
import { InputError } from './input-error.js';

/** One YAML document: its value, or its first syntax error (line and message). */
export type YamlDocument = { readonly value: unknown } | { readonly error: { readonly line: number | undefined; readonly message: string } };

/**
 * Parses (multi-document) YAML. In a module of its own so the YAML parser is loaded only when an
 * input is YAML (`await import`): JSON input, the common case at scale, never pays for it.
 */
export function parseYamlDocuments(label: string, text: string): YamlDocument[] {
  const documents = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(documents) ? documents : [documents];
  return list.map((doc) => {
    const error = doc.errors[0];
    // The parser reports nesting too deep for it as a stack overflow: say what it means.
    if (error) return { error: { line: error.linePos?.[0]?.line, message: /call stack/i.test(error.message) ? 'nested too deeply' : (error.message.split('\n')[0] ?? '') } };
    try {
      return { value: doc.toJS({ maxAliasCount: 100 }) };
    } catch {
      // The only way toJS fails once parsed: aliases expanding past maxAliasCount (a "billion laughs").
      throw new InputError(`${label} is YAML whose aliases (*name) expand to more than 100 copies: podmortem does not expand it; give kubectl get -o yaml output, which has no aliases`);
    }
  });
}
