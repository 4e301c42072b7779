import type { PasteLine } from './paste-lines.js';

/** What `kubectl logs` printed in a paste, and for which pod and container. */
export interface PastedLog {
  readonly pod: string | null;
  readonly container: string | null;
  readonly previous: boolean;
  readonly text: string;
}

/** Flags of `kubectl logs` that take a value, so the value is not read as the pod. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-c', '--container', '--tail', '--since', '--since-time', '-l', '--selector', '--limit-bytes', '--context', '--kubeconfig', '--pod-running-timeout', '--max-log-requests']);

/**
 * Reads `logs web-0 -c app --previous` (also `logs -p pod/web-0 --container=app`); null for any
 * other command. A workload (`deploy/web`) names no pod.
 */
export function readLogsCommand(command: string | null): Omit<PastedLog, 'text'> | null {
  const words = command?.split(/\s+/) ?? [];
  if (words[0] !== 'logs' && words[0] !== 'log') return null;
  let pod: string | null = null;
  let container: string | null = null;
  let previous = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? '';
    const [flag, inline] = word.split('=', 2);
    if (flag === '-p' || flag === '--previous') previous = inline !== 'false';
    else if (flag === '-c' || flag === '--container') container = inline ?? words[++i] ?? null;
    else if (VALUE_FLAGS.has(flag ?? '')) i += inline === undefined ? 1 : 0;
    else if (!word.startsWith('-') && pod === null) pod = word.startsWith('pod/') || word.startsWith('pods/') ? word.slice(word.indexOf('/') + 1) : word.includes('/') ? '' : word;
  }
  return { pod: pod || null, container, previous };
}

/** The log text as printed, indentation kept. */
export function logText(lines: readonly PasteLine[]): string {
  return lines.map((l) => (l.text ? `${' '.repeat(l.indent)}${l.text}` : '')).join('\n').trim();
}
