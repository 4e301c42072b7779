import { windowsStatus } from './windows-status.js';

const SIGNAL_NAMES: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

/** The signal behind an exit code: an explicit `signal` field wins, else 128+n. */
export function signalOf(exitCode: number | null | undefined, signal?: number | null): number | null {
  if (typeof signal === 'number' && signal > 0) return signal;
  if (typeof exitCode === 'number' && exitCode > 128 && exitCode < 160) return exitCode - 128;
  return null;
}

export function signalName(signal: number | null): string | null {
  if (signal === null) return null;
  return SIGNAL_NAMES[signal] ?? `signal ${signal}`;
}

/** What an exit code means, in the words an on-call engineer needs. */
export function exitCodeMeaning(exitCode: number | null | undefined, signal?: number | null): string | null {
  if (typeof exitCode !== 'number') return null;
  switch (exitCode) {
    case 0:
      return 'clean exit';
    case 1:
      return 'generic application error';
    case 2:
      return 'bad usage or arguments (a shell builtin, an argument parser), or a Go program\'s unrecovered panic';
    case 126:
      return 'command found but not executable';
    case 127:
      return 'command not found';
    case 128:
      return 'the runtime could not start the process';
    case 130:
      return 'interrupted (SIGINT)';
    case 132:
      return 'illegal instruction (SIGILL), often a binary built for CPU features the node lacks';
    case 134:
      return 'aborted (SIGABRT)';
    case 135:
      return 'bus error (SIGBUS)';
    case 136:
      return 'arithmetic error (SIGFPE)';
    case 137:
      return 'killed by SIGKILL: an OOM kill, or a kill after the stop grace period';
    case 139:
      return 'segmentation fault (SIGSEGV)';
    case 143:
      return 'terminated by SIGTERM';
    case 255:
      return 'exit status -1 or out of range';
  }
  const sig = signalOf(exitCode, signal);
  if (sig !== null) return `killed by ${signalName(sig)}`;
  const windows = windowsStatus(exitCode);
  if (windows) return `${windows.name} (Windows): ${windows.meaning}`;
  return 'application-defined error';
}
