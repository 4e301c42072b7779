import { formatAge } from '../facts/duration.js';
import { factValue, type Facts } from './evaluate-condition.js';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([a-z]+))?\}/g;
/** `[[ ... ]]`: a clause kept only when every placeholder in it has a value. */
const OPTIONAL_CLAUSE = /\[\[([^[\]]*)\]\]/g;

/** Filters a template may use. */
export const TEMPLATE_FILTERS = new Set(['duration', 'nonzero']);

/** The value a placeholder stands for after its filter; null when the evidence does not say. */
function filtered(value: unknown, filter: string | undefined): unknown {
  if (value === undefined || (Array.isArray(value) && value.length === 0 && filter === 'nonzero')) return null;
  if (filter === 'nonzero' && value === 0) return null;
  return value;
}

/** Formats a fact value for prose; `duration` renders seconds like kubectl ages. */
function format(value: unknown, filter: string | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  if (filter === 'duration' && typeof value === 'number') return formatAge(value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}

function fill(template: string, facts: Facts): string {
  return template.replace(PLACEHOLDER, (_match, name: string, filter: string | undefined) => format(filtered(factValue(facts, name), filter), filter));
}

/**
 * Fills `{fact}`, `{fact|duration}` and `{fact|nonzero}` placeholders from fact values. A clause
 * in `[[ ]]` is dropped when any placeholder in it has no value, so partial evidence (a pasted
 * events table, a pod without probes) reads as prose instead of "unknown" after "unknown".
 */
export function renderTemplate(template: string, facts: Facts): string {
  if (!template.includes('[[')) return fill(tidyOnce(template), facts);
  const withClauses = template.replace(OPTIONAL_CLAUSE, (_match, clause: string) => {
    const missing = [...clause.matchAll(PLACEHOLDER)].some((m) => filtered(factValue(facts, m[1] as string), m[2]) === null);
    return missing ? '' : clause;
  });
  return fill(tidy(withClauses), facts);
}

/** Tidies the seams a dropped clause leaves in the template's own text, never in fact values. */
function tidy(text: string): string {
  return text.replace(/ {2,}/g, ' ').replace(/ ([.,;:)])/g, '$1');
}

/** Templates without clauses are tidied once: a rule pack has a few hundred, rendered for every pod. */
const tidied = new Map<string, string>();
function tidyOnce(template: string): string {
  let text = tidied.get(template);
  if (text === undefined) {
    text = tidy(template);
    tidied.set(template, text);
  }
  return text;
}

/** The fact names a template refers to, for validation. */
export function templateFacts(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export function templateFilters(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].flatMap((m) => (m[2] ? [m[2]] : []));
}

/** A `[[` without its `]]` (or the reverse), or clauses nested in each other. */
export function clauseProblem(template: string): string | null {
  const stripped = template.replace(OPTIONAL_CLAUSE, '');
  if (stripped.includes('[[') || stripped.includes(']]')) return 'unbalanced or nested [[ ]] clause: each [[ needs its own ]] and clauses cannot nest';
  return null;
}
