import { jsonText } from '../report/json-text.js';
import { COMMON_OPTIONS } from './common-options.js';
import { UsageError } from './usage-error.js';
import { printOut } from './print.js';

/** Flags of the `rules` and `facts` commands: rule sources and a text or JSON listing. */
export const RULE_COMMAND_OPTIONS = {
  rules: COMMON_OPTIONS.rules,
  strict: COMMON_OPTIONS.strict,
  output: COMMON_OPTIONS.output,
  debug: COMMON_OPTIONS.debug,
} as const;

export function listingFormat(asked: string | undefined): 'text' | 'json' {
  if (asked === undefined || asked === 'text') return 'text';
  if (asked === 'json') return 'json';
  throw new UsageError(`unknown output format "${asked}": use -o text or -o json`);
}

export function writeJson(value: unknown): void {
  printOut(`${jsonText(value, 2)}\n`);
}
