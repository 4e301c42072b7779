import { containerFact } from './definition.js';
import type { ContainerContext } from './context.js';
import { matchSignatures } from './log-signatures.js';

/** The log that tells why the container failed: the previous instance's, else the current one's. */
export function diagnosticLog(c: ContainerContext): { text: string; which: 'previous' | 'current' } | null {
  if (c.previousLog) return { text: c.previousLog, which: 'previous' };
  if (c.currentLog) return { text: c.currentLog, which: 'current' };
  return null;
}

export const LOG_FACTS = [
  containerFact({
    name: 'hasLogs',
    type: 'boolean',
    description: 'Whether a log of the previous or current instance is part of the evidence.',
    example: true,
    compute: (c) => diagnosticLog(c) !== null,
  }),
  containerFact({
    name: 'logSignatures',
    type: 'string[]',
    description: 'Well-known crash signatures found in the log (previous instance first), e.g. `java-heap-oom`, `exec-format-error`, `address-in-use`.',
    example: ['java-heap-oom'],
    compute: (c) => matchSignatures(diagnosticLog(c)?.text).map((m) => m.signature.id),
  }),
  containerFact({
    name: 'logLastLine',
    type: 'string',
    description: 'The last non-empty line of the log: usually the error the process died with.',
    example: 'Error: listen EADDRINUSE: address already in use :::8080',
    compute: (c) => {
      const lines = (diagnosticLog(c)?.text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
      return lines.at(-1) ?? null;
    },
  }),
  containerFact({
    name: 'logText',
    type: 'string',
    description: 'The whole log tail, for regex conditions (`matches`) in team rules.',
    example: 'Starting server...\nException in thread "main" java.lang.OutOfMemoryError: Java heap space',
    compute: (c) => diagnosticLog(c)?.text ?? null,
  }),
];
