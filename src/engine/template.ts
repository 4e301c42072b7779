import { formatAge } from '../facts/duration.js';
import { factValue, type Facts } from './evaluate-condition.js';

/** `{fact}`, `{fact|filter}`, `{fact|filter:argument}`, filters chained left to right. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)((?:\|[a-z]+(?::[A-Za-z0-9/-]+)?)*)\}/g;
/** Anything written like a placeholder with filters: `{fact|filter...}`, read or not. */
const FILTERED_BRACES = /\{[A-Za-z][A-Za-z0-9]*\|[^{}\n]*\}/g;
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
  /**
   * Seconds as kubectl prints ages: `98s`, `12m`, `3h5m`. Kubernetes timestamps are whole seconds,
   * so 0 between two of them means under a second, not no time at all.
   */
  duration: { argument: null, apply: (value) => (typeof value === 'number' ? (value < 1 ? 'less than 1s' : formatAge(value)) : value) },
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

/** Filter chains are few (they are written in rules) and applied at every render: each is parsed once. */
const chains = new Map<string, ReadonlyArray<{ name: string; argument: string | undefined }>>();

function filtersOf(chain: string): ReadonlyArray<{ name: string; argument: string | undefined }> {
  let filters = chains.get(chain);
  if (!filters) chains.set(chain, (filters = parseFilters(chain)));
  return filters;
}

/** The value a placeholder stands for after its filters; null when the evidence does not say. */
function filtered(value: unknown, chain: string): unknown {
  let out: unknown = value === undefined ? null : value;
  if (chain === '') return out;
  for (const { name, argument } of filtersOf(chain)) {
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

interface Hole {
  readonly name: string;
  /** The filter chain after the name (`|nonzero|plural:time`), empty without filters. */
  readonly chain: string;
}

/** Template text cut at its placeholders: `literals[i]`, then hole i, ..., then the last literal. */
interface FillProgram {
  readonly literals: readonly string[];
  readonly holes: readonly Hole[];
}

/** A template's clauses (each a list of alternatives with the placeholders each needs) and its text per choice of alternatives, compiled once. */
interface TemplateShape {
  readonly clauses: ReadonlyArray<ReadonlyArray<readonly Hole[]>>;
  /** Placeholders outside any clause. */
  readonly required: readonly Hole[];
  /** By which alternative each clause keeps (its index, or `-` for none), joined with commas. */
  readonly programs: Map<string, FillProgram>;
}

const holesIn = (text: string): Hole[] => [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] as string, chain: m[2] as string }));

/** Rule templates are few and rendered for every finding: each is parsed once, not at every render. */
const shapes = new Map<string, TemplateShape>();

function shapeOf(template: string): TemplateShape {
  let shape = shapes.get(template);
  if (!shape) {
    shape = {
      clauses: [...template.matchAll(OPTIONAL_CLAUSE)].map((m) => (m[1] as string).split(ALTERNATIVE).map(holesIn)),
      required: holesIn(template.replace(OPTIONAL_CLAUSE, '')),
      programs: new Map(),
    };
    shapes.set(template, shape);
  }
  return shape;
}

/** Cuts text at its placeholders, as `replace(PLACEHOLDER, ...)` would visit them. */
function compileFill(text: string): FillProgram {
  const literals: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(last, m.index));
    holes.push({ name: m[1] as string, chain: m[2] as string });
    last = (m.index as number) + m[0].length;
  }
  literals.push(text.slice(last));
  return { literals, holes };
}

const hasValue = (facts: Facts) => (hole: Hole) => filtered(factValue(facts, hole.name), hole.chain) !== null;

/**
 * Fills `{fact}` placeholders, each through its filters (`|duration`, `|nonzero`, `|plural:noun`,
 * `|clip`). A clause in `[[ ]]` is dropped when any placeholder in it has no value, so partial
 * evidence (a pasted events table, a pod without probes) reads as prose instead of "unknown"
 * after "unknown"; `[[first||otherwise]]` keeps the first part that has every value.
 */
export function renderTemplate(template: string, facts: Facts): string {
  const shape = shapeOf(template);
  const present = hasValue(facts);
  const choice = shape.clauses.map((alternatives) => alternatives.findIndex((holes) => holes.every(present)));
  const key = choice.join(',');
  let program = shape.programs.get(key);
  if (!program) {
    let clause = 0;
    const text = template.replace(OPTIONAL_CLAUSE, (_match, body: string) => {
      const kept = choice[clause++] as number;
      return kept < 0 ? '' : (body.split(ALTERNATIVE)[kept] as string);
    });
    program = compileFill(tidy(text));
    shape.programs.set(key, program);
  }
  let out = program.literals[0] as string;
  for (let i = 0; i < program.holes.length; i++) {
    const hole = program.holes[i] as Hole;
    const value = format(filtered(factValue(facts, hole.name), hole.chain));
    const after = program.literals[i + 1] as string;
    // A quoted sentence that ends with its own full stop takes no second one from the template.
    out += value + (after.startsWith('.') && !after.startsWith('..') && /[.!?]$/.test(value) && !value.endsWith('..') ? after.slice(1) : after);
  }
  return out;
}

/** Tidies the seams a dropped clause leaves in the template's own text, never in fact values. */
function tidy(text: string): string {
  return text.replace(/ {2,}/g, ' ').replace(/ ([.,;:)])/g, '$1');
}

/**
 * Whether every placeholder outside `[[ ]]` clauses has a value: a command to copy that would
 * read `kubectl describe node unknown` is better left out than shown.
 */
export function templateComplete(template: string, facts: Facts): boolean {
  return shapeOf(template).required.every(hasValue(facts));
}

/** The fact names a template refers to, for validation. */
export function templateFacts(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** What is wrong with the filters of a template (unknown, missing or unexpected arguments), one line each. */
export function filterProblems(template: string): string[] {
  // A placeholder with filters the grammar does not read (a space in an argument) would be printed as written.
  const malformed = [...template.matchAll(FILTERED_BRACES)].filter((m) => m[0].replace(PLACEHOLDER, '') !== '').map((m) => `malformed placeholder "${m[0]}": filter arguments take letters, digits, / and - only`);
  return [...malformed, ...[...template.matchAll(PLACEHOLDER)].flatMap((m) =>
    parseFilters(m[2] as string).flatMap(({ name, argument }) => {
      const filter = FILTERS[name];
      if (!filter) return [`unknown template filter "|${name}" (known: ${[...TEMPLATE_FILTERS].join(', ')})`];
      if (filter.argument && !argument) return [`template filter "|${name}" needs ${filter.argument}`];
      if (!filter.argument && argument) return [`template filter "|${name}" takes no argument (":${argument}")`];
      return [];
    }),
  )];
}

/** A `[[` without its `]]` (or the reverse), or clauses nested in each other. */
export function clauseProblem(template: string): string | null {
  const stripped = template.replace(OPTIONAL_CLAUSE, '');
  if (stripped.includes('[[') || stripped.includes(']]')) return 'unbalanced or nested [[ ]] clause: each [[ needs its own ]] and clauses cannot nest';
  return null;
}
