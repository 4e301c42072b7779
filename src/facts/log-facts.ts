import type { Evidence } from '../model/finding.js';
import { containerFact } from './definition.js';
import type { ContainerContext } from './context.js';
import { LOG_SIGNATURES, matchSignatures } from './log-signatures.js';

/** The log that tells why the container failed: the previous instance's, else the current one's. */
export function diagnosticLog(c: ContainerContext): { text: string; which: 'previous' | 'current' } | null {
  if (c.previousLog) return { text: c.previousLog, which: 'previous' };
  if (c.currentLog) return { text: c.currentLog, which: 'current' };
  return null;
}

/**
 * Lines that report an error in the common log formats: error levels, exception and error names,
 * Go/Python/Node error prefixes, fatal signals, glog's E and F lines. Go's `[signal SIGSEGV: ...]`
 * under a panic is the panic's detail, not its error line.
 */
const ERROR_LINE =
  /\b(?:ERROR|FATAL|CRITICAL|PANIC|SEVERE)\b|\b(?:error|fatal|panic)[:\]]|\[(?:emerg|alert|crit)\]|[A-Za-z](?:Error|Exception)\b|level=(?:error|fatal|panic)|"(?:level|severity)":\s*"(?:error|fatal|panic|critical)"|"level":\s*(?:50|60)\b|^Error: |(?<!\[signal )\bSIG(?:SEGV|BUS|ABRT|ILL|FPE)\b|segmentation fault|(?<!\[signal SIGSEGV: )segmentation violation|^[EF]\d{4} \d\d:/i;

/** The level a line states in a field: logfmt `level=info`, JSON `"level":"info"` or pino's `"level":30`, glog's `I1124 06:49:18`. */
const LEVEL_FIELD = /^([IWEF])\d{4} \d\d:|\blevel=(\w+)|"(?:level|severity)":\s*"?(\w+)"?/i;
/** Otherwise the first level word in capitals: `2026-11-24 06:49:18,502 INFO  [main] ...`. */
// As a word of its own (`INFO `, `[INFO]`, `INFO:`), never a piece of a name such as glog's file `app.INFO.20200610`.
const LEVEL_WORD = /(?:^|[\s[(|])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL|SEVERE|PANIC)(?=[\s\]):|]|$)/;
const QUIET_LEVEL = /^(?:[IW]|TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|10|20|30|40)$/i;

/** A frame of a stack trace (Java/Node `at ...`, Python `File "...", line N`, Go frames, which hold nothing after the file's line and offset): the error is the line above or below it. */
const STACK_FRAME = /^at [\w$.<>/[\]]|^\.\.\. \d+ (?:more|common frames omitted)|^File ".*", line \d+|^goroutine \d+ |^\S+\.go:\d+(?: \+0x[0-9a-f]+)?$|^[\w./*()-]+\([^()]*\)$/;

/** Whether the line says of itself that it is not an error: `INFO`, `level=debug`, `"level":30`, `I1124 ...`. */
function quietLevel(line: string): boolean {
  const field = LEVEL_FIELD.exec(line);
  const level = field ? (field[1] ?? field[2] ?? field[3]) : LEVEL_WORD.exec(line)?.[1];
  return level !== undefined && QUIET_LEVEL.test(level);
}

/** A line that tells why the process failed: an error line, or a well-known crash line, never a stack frame or a line logged at INFO. */
function decisive(line: string, test: (line: string) => boolean): boolean {
  return !STACK_FRAME.test(line) && !quietLevel(line) && test(line);
}

/** Words a program uses when it reports that something went wrong, in any log format. */
const FAILURE_WORDS = /\b(?:errors?|failed|failure|fatal|panic|exception|refused|denied|unable to|cannot|can't|could not|couldn't|timed out|reset by peer|no such|not found|invalid|abort(?:ed|ing)?)\b/i;

/** How many of the last lines count as "what it printed last". */
const LAST_LINES = 3;

/** The last line reporting an error when it is among the log's last lines: the program ended right after it. */
export function logErrorAtEnd(c: ContainerContext): string | null {
  return nonEmptyLines(c).slice(-LAST_LINES).findLast((l) => ERROR_LINE.test(l) || FAILURE_WORDS.test(l)) ?? null;
}

/**
 * The runtime's own line when it could not exec the container's program after setting the
 * container up: `exec /start.sh: no such file or directory` (runc 1.1+), `standard_init_linux.go:
 * 228: exec user process caused: exec format error` (older runc). It is the first thing in the
 * log, since the program never ran. runc before 1.1 reported a failed exec from its parent side
 * as `container_linux.go:265: starting container process caused "exec: \"/app\": permission
 * denied"`, which the pod's status (and docker) show, sometimes after the daemon's own prefixes
 * (`Error response from daemon: OCI runtime create failed: `), which people also paste cut down to
 * its last part (`exec: "/app": stat /app: no such file or directory: unknown`); runc 1.1+ as `unable to start container
 * process: error during container init: exec: "/bin/sh": stat /bin/sh: no such file or directory`.
 */
const EXEC_FAILURE =
  /^(?:exec \S{1,4096}: (?:no such file or directory|exec format error|permission denied)|exec: "[^"]{1,4096}": (?:stat \S{1,4096}: no such file or directory|executable file not found in \$PATH|permission denied)(?:: unknown)?|(?:\S+\.go:\d+: )?exec user process caused:? .{1,500}|(?:[\w ]{1,80}: ){0,4}(?:\S{1,100}\.go:\d+: )?starting container process caused:? .{1,500}|(?:[\w ]{1,80}: ){0,6}error during container init: .{1,500})$/i;

/** Whether a log line is the runtime's own report that it could not exec the container's program. */
export function isRuntimeExecFailure(line: string): boolean {
  return EXEC_FAILURE.test(line.trim());
}

/** The runtime's exec failure among the first lines of the log; null without one. */
export function execFailureInLog(c: ContainerContext): string | null {
  return nonEmptyLines(c).slice(0, LAST_LINES).find((l) => EXEC_FAILURE.test(l)) ?? null;
}

/**
 * A shell's own report that it could not run a command it was given (exit 126 or 127):
 * dash `sh: 1: /run.sh: Permission denied`, `/bin/sh: 1: app: not found`; bash `bash: app: command
 * not found`, `/bin/sh: line 1: /run.sh: Permission denied`, `bash: /app: cannot execute binary
 * file: Exec format error`; busybox `sh: /run.sh: Permission denied`. The shell names the command
 * it failed on, so this is about the command, not a file the program opened.
 */
// Not a redirect the shell could not open (busybox `can't create /var/log/app.log`, dash `cannot create`): the command may have run; the file is the problem.
const SHELL_EXEC_FAILURE = /^(?:\S{0,100}\/)?(?:sh|bash|dash|ash|zsh|ksh)(?:: line \d{1,6}|: \d{1,6})?: (?!(?:can't|cannot) (?:create|open)\b)(\S.{0,1000}?): (permission denied|not found|command not found|no such file or directory|cannot execute binary file(?:: exec format error)?)$/i;

/**
 * The shell's failure to run its command, as the runtime would word it, when the log's first lines
 * or its last line show one: the command never ran, or the script ended on it.
 */
export function shellExecFailureInLog(c: ContainerContext): string | null {
  const lines = nonEmptyLines(c);
  const line = [...lines.slice(0, LAST_LINES), ...lines.slice(-1)].find((l) => SHELL_EXEC_FAILURE.test(l));
  return line ?? null;
}

/** What a shell's failure line says of its command: not found, not executable, or built for another CPU. */
export function shellExecProblem(line: string): 'not-found' | 'permission-denied' | 'exec-format' | null {
  const why = SHELL_EXEC_FAILURE.exec(line.trim())?.[2]?.toLowerCase();
  if (!why) return null;
  if (why === 'permission denied') return 'permission-denied';
  return why.startsWith('cannot execute') ? 'exec-format' : 'not-found';
}

/** Cites a line of the diagnostic log as `kubectl logs` would show it. */
function citeLogLine(c: ContainerContext, value: unknown): Evidence | null {
  const log = diagnosticLog(c);
  if (!log || typeof value !== 'string') return null;
  return { source: `logs ${c.name}${log.which === 'previous' ? ' --previous' : ''}`, text: value };
}

function nonEmptyLines(c: ContainerContext): string[] {
  return (diagnosticLog(c)?.text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
}

const SIGNATURE_PATTERNS = LOG_SIGNATURES.map((s) => new RegExp(s.pattern.source, s.pattern.flags.replace('g', '')));

/**
 * The decisive line of the diagnostic log: the last line that reports an error (the exception a
 * traceback ends with, the last `Caused by:`, an ERROR or FATAL line), else the last well-known
 * crash line (`Permission denied`, `exec format error`); null when the log shows neither, so
 * an INFO line is never quoted as the error.
 */
export function logErrorLine(c: ContainerContext): string | null {
  return errorLineOf(nonEmptyLines(c));
}

/** The decisive error line of a log's text, as logErrorLine reads a container's: for logs pasted with nothing else. */
export function errorLineIn(text: string): string | null {
  return errorLineOf(text.split('\n').map((l) => l.trim()).filter(Boolean));
}

function errorLineOf(lines: readonly string[]): string | null {
  return (
    lines.findLast((l) => decisive(l, (line) => ERROR_LINE.test(line))) ??
    lines.findLast((l) => decisive(l, (line) => SIGNATURE_PATTERNS.some((p) => p.test(line)))) ??
    tracedComplaint(lines)
  );
}

/** A command in a shell's `set -x` trace (`+ iptables -t nat -N X`, `++ /usr/bin/curl ...`): its name. */
const SHELL_TRACE = /^\++ (?:\S*\/)?([\w.-]{1,64})(?:\s|$)/;

/**
 * The last complaint of a traced command: a script run with `set -x` prints `+ iptables ...`, and
 * the command then writes its error as `iptables: Chain already exists.`, in its own words and
 * with no level or error word; the script usually stops right there (`set -e`).
 */
function tracedComplaint(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i > 0; i--) {
    const command = SHELL_TRACE.exec(lines[i - 1] as string)?.[1];
    if (command && (lines[i] as string).startsWith(`${command}: `)) return lines[i] as string;
  }
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
    name: 'logSignatureLine',
    type: 'string',
    description: 'The line of the last well-known crash signature in the log (see `logSignatures`), whatever level it was logged at; null without one.',
    example: 'standard_init_linux.go:228: exec user process caused: permission denied',
    compute: (c) => matchSignatures(diagnosticLog(c)?.text).at(-1)?.line ?? null,
    cite: citeLogLine,
  }),
  containerFact({
    name: 'logLastLine',
    type: 'string',
    description: 'The last non-empty line of the log: usually the error the process died with.',
    example: 'Error: listen EADDRINUSE: address already in use :::8080',
    compute: (c) => nonEmptyLines(c).at(-1) ?? null,
    cite: citeLogLine,
  }),
  containerFact({
    name: 'logErrorLine',
    type: 'string',
    description: 'The decisive log line: the last one that reports an error (an ERROR/FATAL level, an exception or error name, the last line of a traceback, a fatal signal), else the last well-known crash line (`Permission denied`, `exec format error`); never a stack frame or a line logged at INFO, DEBUG or WARN; unknown when the log shows no error. Apps often print hints after the error, so this is usually the line to read.',
    example: 'ERROR: Validate failed: Migrations have failed validation',
    compute: logErrorLine,
    cite: citeLogLine,
  }),
  containerFact({
    name: 'logErrorAtEnd',
    type: 'string',
    description: `The last log line that reports a failure (an error level, an exception, words such as "failed", "refused", "denied", "not found"), when it is among the last ${LAST_LINES} lines: the program ended right after printing it. Null without a log or when the log ends otherwise.`,
    example: 'wget: error getting response: Connection reset by peer',
    compute: logErrorAtEnd,
    cite: citeLogLine,
  }),
  containerFact({
    name: 'logText',
    type: 'string',
    description: 'The whole log tail, for regex conditions (`matches`) in team rules.',
    example: 'Starting server...\nException in thread "main" java.lang.OutOfMemoryError: Java heap space',
    compute: (c) => diagnosticLog(c)?.text ?? null,
  }),
];
