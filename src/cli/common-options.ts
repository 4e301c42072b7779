/** Flags every diagnosing command takes. */
export const COMMON_OPTIONS = {
  output: { type: 'string', short: 'o' },
  short: { type: 'boolean' },
  'fail-on': { type: 'string' },
  'no-color': { type: 'boolean' },
  rules: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  debug: { type: 'boolean' },
} as const;
