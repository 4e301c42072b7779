import { formatAge } from '../facts/duration.js';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\|([a-z]+))?\}/g;

/** Formats a fact value for prose; `duration` renders seconds like kubectl ages. */
function format(value: unknown, filter: string | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  if (filter === 'duration' && typeof value === 'number') return formatAge(value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}

/** Fills `{fact}` and `{fact|duration}` placeholders from fact values. */
export function renderTemplate(template: string, facts: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string, filter: string | undefined) => format(facts[name], filter));
}

/** The fact names a template refers to, for validation. */
export function templateFacts(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Filters a template may use. */
export const TEMPLATE_FILTERS = new Set(['duration']);

export function templateFilters(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].flatMap((m) => (m[2] ? [m[2]] : []));
}
