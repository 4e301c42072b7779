import { terminalOutput } from '../report/terminal-output.js';

let pipesGuarded = false;

/**
 * `podmortem replay ... | head -1` closes the pipe while podmortem still writes: that is the
 * reader saying it has read enough, not an error, so the process ends quietly (no EPIPE stack
 * trace) with the exit code it has so far.
 */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
      throw error;
    });
  }
}

/**
 * The only way the CLI writes to standard output and standard error (a test holds every other
 * module to it; the UI draws through ink on its own). Whatever reaches here passes
 * terminalOutput: podmortem's own colours stay, any other control character from a cluster or a
 * paste is shown, never sent.
 */
export function printOut(text: string): void {
  guardPipes();
  process.stdout.write(terminalOutput(text));
}

export function printErr(text: string): void {
  guardPipes();
  process.stderr.write(terminalOutput(text));
}

/** Pieces are gathered up to this size per write: fewer system calls, never one huge string. */
const WRITE_BYTES = 256 * 1024;

/**
 * printOut for output too large to be one string (a fleet's report): the pieces (whole pods of a
 * report, so no style sequence is cut) are written in batches, waiting whenever stdout is behind.
 */
export async function printOutPieces(pieces: Iterable<string>): Promise<void> {
  // Registered before the drain wait's own error listener, so a closed pipe still ends quietly.
  guardPipes();
  let pending = '';
  const flush = async () => {
    const text = terminalOutput(pending);
    pending = '';
    if (process.stdout.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        process.stdout.off('drain', done);
        process.stdout.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      process.stdout.on('drain', done);
      process.stdout.on('error', done);
    });
  };
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= WRITE_BYTES) await flush();
  }
  if (pending) await flush();
}
