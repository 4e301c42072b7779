/** Why the runtime could not start a container's process, from StartError / RunContainerError messages. */
export type StartProblem = 'not-found' | 'permission-denied' | 'exec-format' | 'other';

/**
 * "no such file or directory" and "permission denied" only speak about the command when the
 * runtime says it failed to exec it; the same words after a mount or chdir failure are about a
 * path in the pod spec instead.
 */
const ABOUT_EXEC = /exec(?:ve)?[: ]|executable|starting container process|unable to start container process|Cannot start container \S+: \[8\] System error: permission denied/i;
const ABOUT_PATHS = /error mounting|mount(?:ing)? .* to rootfs|chdir to cwd|rootfs_linux/i;

export function classifyStartError(message: string | null | undefined): StartProblem | null {
  if (!message) return null;
  if (/exec format error/i.test(message)) return 'exec-format';
  // Go's exec.ErrDot (runc built with Go 1.19+): PATH found the command only through a relative entry, which runc refuses to run.
  if (/executable file not found|not found in \$PATH|cannot run executable found relative to current directory/i.test(message)) return 'not-found';
  if (ABOUT_PATHS.test(message)) return 'other';
  if (/no such file or directory/i.test(message) && ABOUT_EXEC.test(message)) return 'not-found';
  if (/permission denied|is a directory/i.test(message) && ABOUT_EXEC.test(message)) return 'permission-denied';
  return 'other';
}
