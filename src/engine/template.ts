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

interface Hole {
  readonly name: string;
  readonly filter: string | undefined;
}

/** Template text cut at its placeholders: `literals[i]`, then hole i, ..., then the last literal. */
interface FillProgram {
  readonly literals: readonly string[];
  readonly holes: readonly Hole[];
}

/** A template's clauses (the placeholders each needs) and its text per set of kept clauses, compiled once. */
interface TemplateShape {
  readonly clauses: ReadonlyArray<readonly Hole[]>;
  /** Placeholders outside any clause. */
  readonly required: readonly Hole[];
  /** By which clauses are kept, as a string of 1s and 0s (empty without clauses). */
  readonly programs: Map<string, FillProgram>;
}

const holesIn = (text: string): Hole[] => [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] as string, filter: m[2] }));

/** Rule templates are few and rendered for every finding: each is parsed once, not at every render. */
const shapes = new Map<string, TemplateShape>();

function shapeOf(template: string): TemplateShape {
  let shape = shapes.get(template);
  if (!shape) {
    shape = {
      clauses: [...template.matchAll(OPTIONAL_CLAUSE)].map((m) => holesIn(m[1] as string)),
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
    holes.push({ name: m[1] as string, filter: m[2] });
    last = (m.index as number) + m[0].length;
  }
  literals.push(text.slice(last));
  return { literals, holes };
}

/**
 * Fills `{fact}`, `{fact|duration}` and `{fact|nonzero}` placeholders from fact values. A clause
 * in `[[ ]]` is dropped when any placeholder in it has no value, so partial evidence (a pasted
 * events table, a pod without probes) reads as prose instead of "unknown" after "unknown".
 */
export function renderTemplate(template: string, facts: Facts): string {
  const shape = shapeOf(template);
  let kept = '';
  for (const holes of shape.clauses) kept += holes.some((h) => filtered(factValue(facts, h.name), h.filter) === null) ? '0' : '1';
  let program = shape.programs.get(kept);
  if (!program) {
    let clause = 0;
    const text = template.replace(OPTIONAL_CLAUSE, (_match, body: string) => (kept[clause++] === '1' ? body : ''));
    program = compileFill(tidy(text));
    shape.programs.set(kept, program);
  }
  let out = program.literals[0] as string;
  for (let i = 0; i < program.holes.length; i++) {
    const hole = program.holes[i] as Hole;
    out += format(filtered(factValue(facts, hole.name), hole.filter), hole.filter) + (program.literals[i + 1] as string);
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
  return shapeOf(template).required.every((hole) => filtered(factValue(facts, hole.name), hole.filter) !== null);
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
