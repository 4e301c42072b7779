import { RE2JS } from 're2js';

/**
 * Regular expressions from rule files (operators and evidence patterns) run on RE2 (the re2js
 * port), which matches in time linear in the text: a team rule like `^(a+)+$` cannot stall a
 * replay on a hostile log line, as it would on JavaScript's backtracking engine. Built-in
 * patterns in code (log signatures, parsers) are ours and stay native.
 */
export interface LinearRegex {
  test(text: string): boolean;
}

export interface RegexOptions {
  /** `^` and `$` match at each line. */
  readonly multiline?: boolean;
  readonly ignoreCase?: boolean;
}

/** Rule patterns are written by hand; a longer one is a mistake or an attack on the compiler. */
export const MAX_PATTERN_LENGTH = 4096;

/** JavaScript syntax RE2 cannot run, with what to say about it. */
const UNSUPPORTED: ReadonlyArray<[RegExp, string]> = [
  [/\(\?<?[=!]/, 'lookahead or lookbehind'],
  [/\\[1-9]|\\k</, 'backreferences'],
  [/\\u[0-9a-fA-F{]/, '\\u escapes (write \\x{00e9})'],
  [/\\c[A-Za-z]/, '\\c control escapes (write \\x01)'],
];

const cache = new Map<string, LinearRegex | null>();

function flagsOf(options: RegexOptions): number {
  return (options.multiline ? RE2JS.MULTILINE : 0) | (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
}

/** Why a rule pattern cannot be used, or null. Lint and loading report it, so matching never throws. */
export function linearRegexProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string') return 'value must be a regular expression string';
  if (pattern.length > MAX_PATTERN_LENGTH) return `regular expression is ${pattern.length} characters long: at most ${MAX_PATTERN_LENGTH}`;
  try {
    RE2JS.compile(pattern, RE2JS.MULTILINE);
    return null;
  } catch (error) {
    const unsupported = UNSUPPORTED.find(([syntax]) => syntax.test(pattern));
    if (unsupported) {
      return `regular expression uses ${unsupported[1]}, which rule patterns cannot use: they run on a linear-time engine (RE2 syntax) so that no log line can stall a diagnosis`;
    }
    return `invalid regular expression (RE2 syntax): ${((error as Error).message ?? String(error)).replace(/^error parsing regexp: /, '')}`;
  }
}

/** The compiled pattern (cached), or null when it does not compile: such a condition never holds. */
export function linearRegex(pattern: unknown, options: RegexOptions = {}): LinearRegex | null {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN_LENGTH) return null;
  const flags = flagsOf(options);
  const key = `${flags}/${pattern}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(pattern, flags);
    } catch {
      compiled = null;
    }
    cache.set(key, compiled);
  }
  return compiled;
}
