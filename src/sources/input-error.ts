/**
 * A problem with what the user gave us (a file, a flag, a cluster answer), phrased as one line
 * that says what is wrong and how to fix it. The CLI prints it and exits 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string) {
    super(message);
  }
}

/** A JSON.parse error as one line: V8 quotes the text around the error, newlines and all. */
export function jsonErrorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^JSON\.parse: /, '').replace(/\s*[\r\n]\s*/g, ' ');
}
