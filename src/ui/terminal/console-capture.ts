import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Keeps whatever a library prints with `console` while the UI owns the screen (it would scribble
 * over the frame the UI believes is there) and hands it back as text for after the UI closes.
 */
export function captureConsole(): () => string {
  const kept: string[] = [];
  const originals = METHODS.map((method) => [method, console[method]] as const);
  for (const method of METHODS) {
    console[method] = (...args: unknown[]) => {
      kept.push(format(...args));
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
    return kept.length ? `${kept.join('\n')}\n` : '';
  };
}
