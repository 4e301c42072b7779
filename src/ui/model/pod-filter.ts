import type { PodEntry, SearchFields } from './pod-entry.js';

/*
 * The `/` filter. A query is words separated by spaces; a pod is kept when every word matches it.
 *
 *   oom            a plain word: part of the name, namespace, status, owner, or a cause or rule id
 *                  (oom-limit), or the start of a word of a finding's title (OOMKilled; never the
 *                  middle of one, so `oom` does not find "No node has room")
 *   shop/orders    namespace starting with `shop`, name containing `orders` (`shop/` or `/orders`
 *                  alone work too)
 *   ns:shop        one field only: ns (namespace), name, status, owner, cause (cause or rule id),
 *                  sev (critical, warning, info); the value is matched as a plain word is there
 *   ^api-|oom$     a word with a regex character (^ $ * + ? ( ) [ ] { } | \) is a regular
 *                  expression, case-insensitive, tried on the name, ns/name, status, owner, ids
 *                  and whole titles; one that does not compile is matched as plain text
 *   !healthy       a leading ! keeps the pods the rest of the word does not match
 */

type Field = 'namespace' | 'name' | 'status' | 'owner' | 'ids' | 'severity';

const FIELD_NAMES: Readonly<Record<string, Field>> = {
  ns: 'namespace',
  namespace: 'namespace',
  name: 'name',
  status: 'status',
  owner: 'owner',
  cause: 'ids',
  rule: 'ids',
  sev: 'severity',
  severity: 'severity',
};

const REGEX_CHARACTERS = /[\^$*+?()[\]{}|\\]/;

interface Term {
  readonly negated: boolean;
  readonly test: (fields: SearchFields) => boolean;
}

export interface PodFilter {
  readonly terms: readonly Term[];
  /** Why a regex word was taken as text, for the filter bar; null when all is well. */
  readonly problem: string | null;
}

function plainMatch(fields: SearchFields, word: string): boolean {
  return (
    fields.name.includes(word) ||
    fields.namespace.includes(word) ||
    fields.status.includes(word) ||
    fields.owner.includes(word) ||
    fields.ids.some((id) => id.includes(word)) ||
    fields.titleWords.some((w) => w.startsWith(word))
  );
}

function fieldMatch(fields: SearchFields, field: Field, value: string): boolean {
  if (field === 'ids') return fields.ids.some((id) => id.includes(value));
  if (field === 'severity') return value !== '' && fields.severity.startsWith(value);
  if (field === 'namespace') return fields.namespace.startsWith(value);
  return fields[field].includes(value);
}

function regexMatch(fields: SearchFields, regex: RegExp): boolean {
  const texts = [fields.name, `${fields.namespace}/${fields.name}`, fields.status, fields.owner, ...fields.ids, ...fields.titles];
  return texts.some((t) => regex.test(t));
}

function term(word: string, problems: string[]): Term | null {
  const negated = word.startsWith('!') && word.length > 1;
  const body = negated ? word.slice(1) : word;
  const make = (test: (fields: SearchFields) => boolean): Term => ({ negated, test });
  const colon = body.indexOf(':');
  const field = colon > 0 ? FIELD_NAMES[body.slice(0, colon)] : undefined;
  if (field) return make((f) => fieldMatch(f, field, body.slice(colon + 1)));
  if (REGEX_CHARACTERS.test(body)) {
    try {
      const regex = new RegExp(body, 'i');
      return make((f) => regexMatch(f, regex));
    } catch (error) {
      problems.push(`${body}: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}; matched as text`);
    }
  }
  const slash = body.indexOf('/');
  if (slash !== -1 && !body.includes('/', slash + 1)) {
    const namespace = body.slice(0, slash);
    const name = body.slice(slash + 1);
    return make((f) => f.namespace.startsWith(namespace) && f.name.includes(name));
  }
  return make((f) => plainMatch(f, body));
}

/** Reads a filter query; matching is case-insensitive throughout. */
export function parseFilter(query: string): PodFilter {
  const problems: string[] = [];
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => term(word, problems))
    .filter((t): t is Term => t !== null);
  return { terms, problem: problems[0] ?? null };
}

/** The entries the filter keeps, in their order. */
export function filterEntries(entries: readonly PodEntry[], filter: PodFilter): readonly PodEntry[] {
  if (filter.terms.length === 0) return entries;
  return entries.filter((entry) => filter.terms.every((t) => t.test(entry.search) !== t.negated));
}
