import { terminalOutput } from '../report/terminal-output.js';

/**
 * The only way the CLI writes to standard output and standard error (a test holds every other
 * module to it; the UI draws through ink on its own). Whatever reaches here passes
 * terminalOutput: podmortem's own colours stay, any other control character from a cluster or a
 * paste is shown, never sent.
 */
export function printOut(text: string): void {
  process.stdout.write(terminalOutput(text));
}

export function printErr(text: string): void {
  process.stderr.write(terminalOutput(text));
}
