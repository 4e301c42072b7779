import { formatAge } from '../facts/duration.js';

/** `{fact}`, `{fact|filter}`, `{fact|filter:argument}`, filters chained left to right. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)((?:\|[a-z]+(?::[A-Za-z0-9/-]+)?)*)\}/g;
const FILTER = /\|([a-z]+)(?::([A-Za-z0-9/-]+))?/g;
/** `[[ ... ]]`: a clause kept only when every placeholder in it has a value; `[[a||b]]` falls back to b. */
const OPTIONAL_CLAUSE = /\[\[([^[\]]*)\]\]/g;
const ALTERNATIVE = '||';

/** A filter applied to a fact value: `null` means the evidence does not say. */
interface Filter {
  /** What the filter needs after its `:`, for lint; null when it takes none. */
  readonly argument: string | null;
  apply(value: unknown, argument: string | undefined): unknown;
}

/** Longest text a `clip` keeps: a log line in a title stays one readable line. */
const CLIP_LENGTH = 100;

/** `1 restart`, `3 restarts`; `plural:entry/entries` for a plural that is not word + s. */
function plural(value: unknown, argument = ''): unknown {
  if (typeof value !== 'number') return value;
  const [one, many = `${one}s`] = argument.split('/');
  return `${value} ${value === 1 ? one : many}`;
}

const FILTERS: Readonly<Record<string, Filter>> = {
  /** Seconds as kubectl prints ages: `98s`, `12m`, `3h5m`. */
  duration: { argument: null, apply: (value) => (typeof value === 'number' ? formatAge(value) : value) },
  /** 0 (or an empty list) counts as "not known": a count of events that may simply not be in the evidence. */
  nonzero: { argument: null, apply: (value) => (value === 0 || (Array.isArray(value) && value.length === 0) ? null : value) },
  /** A count with its noun, singular or plural: `{restartCount|plural:time}` → `1 time`, `8 times`. */
  plural: { argument: 'a noun, e.g. plural:restart or plural:entry/entries', apply: plural },
  /** The first item of a list: a command that takes one name (`kubectl get secret {imagePullSecrets|first}`). */
  first: { argument: null, apply: (value) => (Array.isArray(value) ? (value[0] ?? null) : value) },
  /** Cut to one line of at most 100 characters with an ellipsis: for quoting a log line in a title. */
  clip: {
    argument: null,
    apply: (value) => {
      if (typeof value !== 'string') return value;
      const line = value.replace(/\s+/g, ' ').trim();
      return line.length > CLIP_LENGTH ? `${line.slice(0, CLIP_LENGTH - 1).trimEnd()}…` : line;
    },
  },
};

/** Filters a template may use. */
const TEMPLATE_FILTERS: ReadonlySet<string> = new Set(Object.keys(FILTERS));

function parseFilters(chain: string): Array<{ name: string; argument: string | undefined }> {
  return [...chain.matchAll(FILTER)].map((m) => ({ name: m[1] as string, argument: m[2] }));
}

/** The value a placeholder stands for after its filters; null when the evidence does not say. */
function filtered(value: unknown, chain: string): unknown {
  let out: unknown = value === undefined ? null : value;
  for (const { name, argument } of parseFilters(chain)) {
    const filter = FILTERS[name];
    if (out === null) return null;
    if (filter) out = filter.apply(out, argument);
  }
  return out;
}

/** Formats a filtered value for prose. */
function format(value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}

function fill(template: string, facts: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string, chain: string) => format(filtered(facts[name], chain)));
}

function hasEveryValue(text: string, facts: Readonly<Record<string, unknown>>): boolean {
  return [...text.matchAll(PLACEHOLDER)].every((m) => filtered(facts[m[1] as string], m[2] as string) !== null);
}

/**
 * Fills `{fact}` placeholders, each through its filters (`|duration`, `|nonzero`, `|plural:noun`,
 * `|clip`). A clause in `[[ ]]` is dropped when any placeholder in it has no value, so partial
 * evidence (a pasted events table, a pod without probes) reads as prose instead of "unknown"
 * after "unknown"; `[[first||otherwise]]` keeps the first part that has every value.
 */
export function renderTemplate(template: string, facts: Readonly<Record<string, unknown>>): string {
  const withClauses = template.replace(OPTIONAL_CLAUSE, (_match, clause: string) => clause.split(ALTERNATIVE).find((part) => hasEveryValue(part, facts)) ?? '');
  // Tidy the seams a dropped clause leaves in the template's own text, never in fact values.
  return fill(withClauses.replace(/ {2,}/g, ' ').replace(/ ([.,;:)])/g, '$1'), facts);
}

/**
 * Whether every placeholder outside `[[ ]]` clauses has a value: a command to copy that would
 * read `kubectl describe node unknown` is better left out than shown.
 */
export function templateComplete(template: string, facts: Readonly<Record<string, unknown>>): boolean {
  return hasEveryValue(template.replace(OPTIONAL_CLAUSE, ''), facts);
}

/** The fact names a template refers to, for validation. */
export function templateFacts(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** What is wrong with the filters of a template (unknown, missing or unexpected arguments), one line each. */
export function filterProblems(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].flatMap((m) =>
    parseFilters(m[2] as string).flatMap(({ name, argument }) => {
      const filter = FILTERS[name];
      if (!filter) return [`unknown template filter "|${name}" (known: ${[...TEMPLATE_FILTERS].join(', ')})`];
      if (filter.argument && !argument) return [`template filter "|${name}" needs ${filter.argument}`];
      if (!filter.argument && argument) return [`template filter "|${name}" takes no argument (":${argument}")`];
      return [];
    }),
  );
}

/** A `[[` without its `]]` (or the reverse), or clauses nested in each other. */
export function clauseProblem(template: string): string | null {
  const stripped = template.replace(OPTIONAL_CLAUSE, '');
  if (stripped.includes('[[') || stripped.includes(']]')) return 'unbalanced or nested [[ ]] clause: each [[ needs its own ]] and clauses cannot nest';
  return null;
}
