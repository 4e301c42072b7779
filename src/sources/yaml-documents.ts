import { parseAllDocuments } from 'yaml';

/** One YAML document: its value, or its first syntax error (line and message). */
export type YamlDocument = { readonly value: unknown } | { readonly error: { readonly line: number | undefined; readonly message: string } };

/**
 * Parses (multi-document) YAML. In a module of its own so the YAML parser is loaded only when an
 * input is YAML (`await import`): JSON input, the common case at scale, never pays for it.
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  const documents = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(documents) ? documents : [documents];
  return list.map((doc) => {
    const error = doc.errors[0];
    if (error) return { error: { line: error.linePos?.[0]?.line, message: error.message.split('\n')[0] ?? '' } };
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  });
}
