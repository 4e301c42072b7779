/** Why the runtime could not start a container's process, from StartError / RunContainerError messages. */
export type StartProblem = 'not-found' | 'permission-denied' | 'exec-format' | 'other';

export function classifyStartError(message: string | null | undefined): StartProblem | null {
  if (!message) return null;
  if (/exec format error/i.test(message)) return 'exec-format';
  if (/executable file not found|no such file or directory|not found in \$PATH/i.test(message)) return 'not-found';
  if (/permission denied|is a directory/i.test(message)) return 'permission-denied';
  return 'other';
}
