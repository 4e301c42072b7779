import { inspect } from 'node:util';
import { redactSecrets } from '../sources/redaction/redact-text.js';

/** Errors the CLI expects: bad input or usage, said in one line without a stack trace. */
export function isKnownError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'InputError' || error.name === 'UsageError' || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true);
}

/**
 * What the CLI prints for an error that ends a run (always exit 2): one line, its secrets
 * redacted (messages can quote the input), preceded by the inspected error with --debug.
 */
export function errorLines(error: unknown, debug: boolean): string {
  const details = debug ? `${redactSecrets(inspect(error))}\n` : '';
  if (isKnownError(error)) {
    const hint = error.name === 'InputError' ? '' : ' (see podmortem --help)';
    return `${details}podmortem: ${oneLine(error.message)}${hint}\n`;
  }
  return `${details}podmortem: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))} (run again with --debug for details)\n`;
}

/** A message can quote its input (JSON.parse shows the text around the error): kept to one line. */
function oneLine(message: string): string {
  return redactSecrets(message).replace(/\s*(?:\r\n|[\n\r\u2028\u2029])\s*/g, ' ⏎ ');
}
