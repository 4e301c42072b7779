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
