import type { FactType } from '../facts/definition.js';
import { parseDuration } from '../facts/duration.js';
import { parseQuantity } from '../facts/quantity.js';
import { linearRegex, linearRegexProblem, type RegexOptions } from './linear-regex.js';

export interface OperatorDefinition {
  readonly name: string;
  readonly description: string;
  /** A condition using it, for docs. */
  readonly example: { fact: string; operator: string; value: unknown };
  /** Returns whether `factValue` satisfies the condition against `value`. */
  readonly evaluate: (factValue: unknown, value: unknown) => boolean;
  /** Fact types the operator can ever hold for; any type when absent. Lint flags the rest. */
  readonly factTypes?: readonly FactType[];
  /** What is wrong with a literal `value`, or null; lint reports it so the condition cannot silently never hold. */
  readonly valueProblem?: (value: unknown) => string | null;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const LISTS: readonly FactType[] = ['string[]', 'number[]'];
const SCALARS: readonly FactType[] = ['string', 'number', 'boolean'];
const TEXTS: readonly FactType[] = ['string', 'string[]'];

const needsList = (value: unknown) => (Array.isArray(value) ? null : 'value must be a list, e.g. [1, 2]');
const needsScalar = (value: unknown) => (Array.isArray(value) || (value !== null && typeof value === 'object') ? 'value must be a single value, not a list or object' : null);
const needsNumber = (value: unknown) => (typeof value === 'number' ? null : 'value must be a number');
const needsBoolean = (value: unknown) => (typeof value === 'boolean' ? null : 'value must be true or false');
const needsQuantity = (value: unknown) => (parseQuantity(value) === null ? `value ${JSON.stringify(value)} is not a Kubernetes quantity (e.g. "512Mi", "1Gi", "500m")` : null);
const needsDuration = (value: unknown) => (parseDuration(value) === null ? `value ${JSON.stringify(value)} is not a duration (e.g. "30s", "5m", "1h30m", or seconds)` : null);

function matchesWith(options: RegexOptions) {
  return (a: unknown, b: unknown) => {
    const re = linearRegex(b, options);
    return re !== null && anyText(a, (t) => re.test(t));
  };
}

function anyText(factValue: unknown, test: (text: string) => boolean): boolean {
  if (typeof factValue === 'string') return test(factValue);
  if (Array.isArray(factValue)) return factValue.some((v) => typeof v === 'string' && test(v));
  return false;
}

function compareParsed(parse: (v: unknown) => number | null, compare: (a: number, b: number) => boolean) {
  return (factValue: unknown, value: unknown): boolean => {
    const a = parse(factValue);
    const b = parse(value);
    return a !== null && b !== null && compare(a, b);
  };
}

/**
 * Every operator a rule can use. json-rules-engine's own operators are restated here so that
 * remediation guards and the rule prefilter evaluate exactly as the engine does.
 */
export const OPERATORS: readonly OperatorDefinition[] = [
  {
    name: 'equal',
    description: 'The fact equals the value (strict).',
    example: { fact: 'lastTerminatedReason', operator: 'equal', value: 'OOMKilled' },
    evaluate: (a, b) => a === b,
  },
  {
    name: 'notEqual',
    description: 'The fact does not equal the value.',
    example: { fact: 'waitingReason', operator: 'notEqual', value: 'CrashLoopBackOff' },
    evaluate: (a, b) => a !== b,
  },
  {
    name: 'in',
    description: 'The fact is one of the listed values (set membership, e.g. exit codes).',
    example: { fact: 'terminationExitCode', operator: 'in', value: [134, 139] },
    factTypes: SCALARS,
    valueProblem: needsList,
    evaluate: (a, b) => Array.isArray(b) && b.includes(a),
  },
  {
    name: 'notIn',
    description: 'The fact is none of the listed values.',
    example: { fact: 'terminationExitCode', operator: 'notIn', value: [0, 137, 143] },
    factTypes: SCALARS,
    valueProblem: needsList,
    evaluate: (a, b) => Array.isArray(b) && !b.includes(a),
  },
  {
    name: 'contains',
    description: 'The fact (a list) contains the value.',
    example: { fact: 'logSignatures', operator: 'contains', value: 'java-heap-oom' },
    factTypes: LISTS,
    valueProblem: needsScalar,
    evaluate: (a, b) => Array.isArray(a) && a.includes(b),
  },
  {
    name: 'doesNotContain',
    description: 'The fact (a list) does not contain the value.',
    example: { fact: 'eventReasons', operator: 'doesNotContain', value: 'Killing' },
    factTypes: LISTS,
    valueProblem: needsScalar,
    evaluate: (a, b) => Array.isArray(a) && !a.includes(b),
  },
  {
    name: 'containsAny',
    description: 'The fact (a list) contains at least one of the listed values.',
    example: { fact: 'schedulingProblems', operator: 'containsAny', value: ['insufficient-cpu', 'insufficient-memory'] },
    factTypes: LISTS,
    valueProblem: needsList,
    evaluate: (a, b) => Array.isArray(a) && Array.isArray(b) && b.some((v) => a.includes(v)),
  },
  {
    name: 'lessThan',
    description: 'The fact is a number below the value.',
    example: { fact: 'lastRunSeconds', operator: 'lessThan', value: 60 },
    factTypes: ['number'],
    valueProblem: needsNumber,
    evaluate: (a, b) => isNumber(a) && isNumber(b) && a < b,
  },
  {
    name: 'lessThanInclusive',
    description: 'The fact is a number at most the value.',
    example: { fact: 'restartCount', operator: 'lessThanInclusive', value: 1 },
    factTypes: ['number'],
    valueProblem: needsNumber,
    evaluate: (a, b) => isNumber(a) && isNumber(b) && a <= b,
  },
  {
    name: 'greaterThan',
    description: 'The fact is a number above the value.',
    example: { fact: 'restartCount', operator: 'greaterThan', value: 0 },
    factTypes: ['number'],
    valueProblem: needsNumber,
    evaluate: (a, b) => isNumber(a) && isNumber(b) && a > b,
  },
  {
    name: 'greaterThanInclusive',
    description: 'The fact is a number at least the value.',
    example: { fact: 'livenessFailures', operator: 'greaterThanInclusive', value: 3 },
    factTypes: ['number'],
    valueProblem: needsNumber,
    evaluate: (a, b) => isNumber(a) && isNumber(b) && a >= b,
  },
  {
    name: 'matches',
    description: 'The fact (text, or any item of a list of texts) matches the regular expression (RE2 syntax, multiline).',
    example: { fact: 'logText', operator: 'matches', value: 'java\\.lang\\.OutOfMemoryError: Java heap space' },
    factTypes: TEXTS,
    valueProblem: linearRegexProblem,
    evaluate: matchesWith({ multiline: true }),
  },
  {
    name: 'matchesIgnoreCase',
    description: 'Like `matches`, ignoring upper and lower case (the same as starting the pattern with `(?i)`).',
    example: { fact: 'logText', operator: 'matchesIgnoreCase', value: 'connection (refused|reset)' },
    factTypes: TEXTS,
    valueProblem: linearRegexProblem,
    evaluate: matchesWith({ multiline: true, ignoreCase: true }),
  },
  {
    name: 'notMatches',
    description: 'The fact is text that does not match the regular expression (null never matches, so it passes).',
    example: { fact: 'terminationMessage', operator: 'notMatches', value: 'exec format error' },
    factTypes: TEXTS,
    valueProblem: linearRegexProblem,
    evaluate: (a, b) => {
      const re = linearRegex(b, { multiline: true });
      return re !== null && !anyText(a, (t) => re.test(t));
    },
  },
  {
    name: 'quantityGreaterThan',
    description: 'The fact is a Kubernetes quantity above the value (`512Mi` > `256Mi`, `1` > `500m`).',
    example: { fact: 'memoryLimit', operator: 'quantityGreaterThan', value: '1Gi' },
    factTypes: ['string', 'number'],
    valueProblem: needsQuantity,
    evaluate: compareParsed(parseQuantity, (a, b) => a > b),
  },
  {
    name: 'quantityLessThan',
    description: 'The fact is a Kubernetes quantity below the value.',
    example: { fact: 'memoryLimit', operator: 'quantityLessThan', value: '256Mi' },
    factTypes: ['string', 'number'],
    valueProblem: needsQuantity,
    evaluate: compareParsed(parseQuantity, (a, b) => a < b),
  },
  {
    name: 'durationGreaterThan',
    description: 'The fact (seconds, or a duration like `90s`) is longer than the value (`5m`, `1h30m`).',
    example: { fact: 'lastRunSeconds', operator: 'durationGreaterThan', value: '10m' },
    factTypes: ['number', 'string'],
    valueProblem: needsDuration,
    evaluate: compareParsed(parseDuration, (a, b) => a > b),
  },
  {
    name: 'durationLessThan',
    description: 'The fact (seconds, or a duration) is shorter than the value.',
    example: { fact: 'lastRunSeconds', operator: 'durationLessThan', value: '30s' },
    factTypes: ['number', 'string'],
    valueProblem: needsDuration,
    evaluate: compareParsed(parseDuration, (a, b) => a < b),
  },
  {
    name: 'isSet',
    description: 'With value true: the fact has a value (not null, not an empty list); with false: it has none.',
    example: { fact: 'memoryLimit', operator: 'isSet', value: false },
    valueProblem: needsBoolean,
    evaluate: (a, b) => {
      const set = a !== null && a !== undefined && !(Array.isArray(a) && a.length === 0);
      return set === (b !== false);
    },
  },
];

export const OPERATOR_NAMES: ReadonlySet<string> = new Set(OPERATORS.map((o) => o.name));
export const OPERATOR_BY_NAME: ReadonlyMap<string, OperatorDefinition> = new Map(OPERATORS.map((o) => [o.name, o]));
