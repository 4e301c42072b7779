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
