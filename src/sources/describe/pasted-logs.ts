import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { errorLineIn } from '../../facts/log-facts.js';
import { LOG_SIGNATURES } from '../../facts/log-signatures.js';
import { lastFailedProbeRequest } from '../../facts/probe-requests.js';
import { isPlaceholder } from '../../model/placeholders.js';
import type { PasteLine } from './paste-lines.js';

/** What `kubectl logs` printed in a paste, and for which pod and container. */
export interface PastedLog {
  readonly pod: string | null;
  readonly container: string | null;
  readonly previous: boolean;
  readonly text: string;
  /** Pasted with a description (or pod rows) without a `kubectl logs` line, and where: whose it is was inferred. */
  readonly pastedWithout?: 'above the description' | 'below the events' | 'with kubectl get pods rows' | 'beside a piece of its YAML' | 'in a block of its own' | 'alone';
}

/** Flags of `kubectl logs` that take a value, so the value is not read as the pod. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-c', '--container', '--tail', '--since', '--since-time', '-l', '--selector', '--limit-bytes', '--context', '--kubeconfig', '--pod-running-timeout', '--max-log-requests']);

/** A `kubectl logs` command line and, when the page glued it to what it printed, that output. */
export interface LogsCommand extends Omit<PastedLog, 'text'> {
  /** Output on the command's own line: words after the pod and container that no kubectl logs argument can be. */
  readonly glued: string | null;
}

/** Characters no pod, container or workload name holds, nor a placeholder for one (`<pod>`, `$POD`): the word is output. */
const NOT_A_NAME = /[:"'()[\]=,;!?*]/;

/**
 * The words of a command line one at a time, each with where it starts (so what follows can be
 * cut out as printed); read as they are needed, as a line may hold thousands of them.
 */
function wordsOf(line: string): () => { text: string; at: number } | null {
  const word = /\S+/g;
  return () => {
    const match = word.exec(line);
    return match ? { text: match[0], at: match.index } : null;
  };
}

/**
 * Reads `logs web-0 -c app --previous` (also `logs -p pod/web-0 --container=app`, and flags before
 * the verb: `-n shop logs web-0`); null for any other command. A workload (`deploy/web`) names no
 * pod. kubectl logs takes a pod and at most a container as words, so a third word, or one no name
 * can be (`standard_init_linux.go:207:`), starts output a web page glued onto the command's line.
 */
export function readLogsCommand(command: string | null): LogsCommand | null {
  const next = wordsOf(command ?? '');
  let word = next();
  // kubectl takes flags before its verb too: `-n shop` takes the next word, `-nshop` carries its value.
  while (word?.text.startsWith('-')) {
    if (VALUE_FLAGS.has(word.text)) next();
    word = next();
  }
  if (word?.text !== 'logs' && word?.text !== 'log') return null;
  let pod: string | null = null;
  let container: string | null = null;
  let previous = false;
  let positional = 0;
  for (word = next(); word; word = next()) {
    const [flag, inline] = word.text.split('=', 2);
    if (flag === '-p' || flag === '--previous') previous = inline !== 'false';
    else if (flag === '-c' || flag === '--container') container = inline ?? next()?.text ?? null;
    else if (VALUE_FLAGS.has(flag ?? '')) {
      if (inline === undefined) next();
    } else if (word.text.startsWith('-')) continue;
    else if (positional >= (container === null ? 2 : 1) || NOT_A_NAME.test(word.text)) {
      return { pod: pod || null, container, previous, glued: (command ?? '').slice(word.at).trim() };
    } else if (positional++ === 0) pod = word.text.startsWith('pod/') || word.text.startsWith('pods/') ? word.text.slice(word.text.indexOf('/') + 1) : word.text.includes('/') ? '' : word.text;
    else container = word.text;
  }
  return { pod: pod || null, container, previous, glued: null };
}

/** `--prefix` puts `[pod/NAME/CONTAINER] ` before every line of every container's output. */
const PREFIXED = /^\[pod\/([a-z0-9][a-z0-9.-]{0,252})\/([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\] ?(.*)$/;
/** What kubectl logs prints first when it picked the container itself (no `-c`): it names that container. */
const DEFAULTED = /^Defaulted container "([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)" out of: /;

/** The container a log names on its own first line (`Defaulted container "app" out of: ...`), and the log without that line. */
export function namedLogLines(lines: readonly PasteLine[]): { container: string | null; lines: PasteLine[] } {
  const index = lines.findIndex((l) => l.text);
  const container = index >= 0 ? (DEFAULTED.exec(lines[index]?.text ?? '')?.[1] ?? null) : null;
  return { container, lines: container ? lines.slice(index + 1) : [...lines] };
}

/**
 * What one `kubectl logs` printed: one log, or with `--all-containers --prefix` one per container
 * its line prefixes name.
 */
export function logsFromCommand(logsCommand: LogsCommand, output: readonly PasteLine[]): PastedLog[] {
  const { glued, ...command } = logsCommand;
  const printed = glued ? [{ indent: 0, text: glued, number: output[0]?.number ?? 0 }, ...output] : output;
  const { container, lines } = namedLogLines(printed);
  const written = lines.filter((l) => l.text);
  const prefixed = written.map((l) => PREFIXED.exec(l.text));
  if (written.length === 0 || prefixed.some((m) => !m)) return [{ ...command, container: command.container ?? container, text: logText(lines) }];
  const byContainer = new Map<string, { pod: string; lines: string[] }>();
  for (const match of prefixed) {
    if (!match?.[1] || !match[2]) continue;
    const entry = byContainer.get(match[2]) ?? { pod: match[1], lines: [] };
    entry.lines.push(match[3] ?? '');
    byContainer.set(match[2], entry);
  }
  return [...byContainer].map(([name, entry]) => ({ ...command, pod: command.pod ?? entry.pod, container: name, text: entry.lines.join('\n').trim() }));
}

/** The log text as printed, indentation kept. */
export function logText(lines: readonly PasteLine[]): string {
  return lines.map((l) => (l.text ? `${' '.repeat(l.indent)}${l.text}` : '')).join('\n').trim();
}

/**
 * What marks a line as program output: a crash signature, an error or level word (nginx's and
 * Apache's `[emerg]` too), a leading timestamp, a stack frame (Java's `at x.y(File.java:12)`,
 * .NET's `at X.Y(String path)`, Ruby's `file.rb:12:in `), .NET's `Unhandled exception.`, PHP's
 * `PHP Fatal error:`, Elixir's `** (RuntimeError)`, a shell's `set -x` trace (`+ iptables -t nat -N X`).
 */
const LOG_LINE = /\b(?:ERROR|FATAL|PANIC|CRITICAL|SEVERE|WARN(?:ING)?|INFO|DEBUG)\b|\[(?:emerg|alert|crit|error|warn|notice|info|debug)\]|\b(?:level|lvl)=\w+|^\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d|^\[?\d\d:\d\d:\d\d|^(?:panic|fatal error|Traceback|Exception|Error|error):|^Unhandled exception\.|^PHP (?:Fatal error|Parse error|Warning|Notice):|^\*\* \([A-Z]\w{0,80}\)|\.rb:\d+:in [`']|\bat [\w$.]+\([\w.]+:\d+\)|^at [\w$.`<>]+\([^()]*\)(?: in \S.*:line \d+)?$|^\+{1,3} [a-z/][\w./-]*(?:\s|$)/;

/**
 * Whether lines pasted below kubectl output (no `kubectl logs` line above them) are a program's
 * output rather than the user's own words: a crash signature, an error or level word, a timestamp.
 */
export function looksLikeLogOutput(lines: readonly PasteLine[]): boolean {
  return lines.some((line) => LOG_LINE.test(line.text)) || hasCrashSignature(lines);
}

/** Whether the lines hold a crash signature, those of several lines too (an exception and its `at` frames). */
function hasCrashSignature(lines: readonly PasteLine[]): boolean {
  const text = lines.map((line) => line.text).join('\n');
  return LOG_SIGNATURES.some((s) => s.pattern.test(text));
}

/** A line a person wrote to someone (`I`, `my`, `we`, `please`, a question), not a program. */
const SPOKEN = /\b(?:I|I'm|I've|[Mm]y|[Ww]e|[Oo]ur|[Aa]nyone|[Hh]elp)\b|\?\s*$/;
/** A program's usage text starts here (`Usage:`): the flags and their help below it are the program's words, whatever they say. */
const USAGE_START = /^\s*Usage:/;

/** The lines that read as a person's words: spoken, with no mark of a log, and above any usage text the program printed. */
function spokenLines(lines: readonly PasteLine[]): PasteLine[] {
  const usage = lines.findIndex((line) => USAGE_START.test(line.text));
  return (usage === -1 ? lines : lines.slice(0, usage)).filter((line) => SPOKEN.test(line.text) && !LOG_LINE.test(line.text));
}

/**
 * Whether lines pasted with no command line at all are a program's output that reports a failure
 * (a crash line the log facts know, or an error line as logErrorLine finds it), rather than a
 * person's words that mention one ("my pod says permission denied?"): no line without a log's
 * marks reads as spoken.
 */
export function looksLikeBareLog(lines: readonly PasteLine[]): boolean {
  if (spokenLines(lines).length > 0) return false;
  // An error line counts only in lines that read as a log (a level, a timestamp, an error prefix), not in a piece of YAML that quotes one.
  const text = lines.map((line) => line.text).join('\n');
  // kubelet's probe requests answered with a failure are in an access log, whatever its format.
  return hasCrashSignature(lines) || (lines.some((line) => LOG_LINE.test(line.text)) && errorLineIn(text) !== null) || lastFailedProbeRequest(text) !== null;
}

const SETTING_UP = new Set(['ContainerCreating', 'PodInitializing']);

function failing(status: V1ContainerStatus): boolean {
  const { waiting, terminated } = status.state ?? {};
  if (waiting?.reason && !SETTING_UP.has(waiting.reason)) return true;
  return Boolean((terminated && terminated.exitCode !== 0) || (status.lastState?.terminated && status.lastState.terminated.exitCode !== 0));
}

/** The container a log pasted without its command belongs to: the pod's only one, else the only one failing. */
export function containerForLog(pod: V1Pod): string | undefined {
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  if (names.length === 1) return names[0];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const failingNames = statuses.filter(failing).map((s) => s.name);
  return failingNames.length === 1 ? failingNames[0] : undefined;
}

/**
 * A log names its container (`kubectl logs POD -c install`, `--prefix`); a pod whose rows or cut
 * description did not name its containers takes that name for the placeholder the log must be
 * about: its only one, else its only failing one. Returns the note to add, or null.
 */
export function adoptContainerName(pod: V1Pod, name: string): string | null {
  const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (specs.some((c) => c.name === name)) return null;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const placeholders = specs.filter((c) => isPlaceholder(c.name));
  const failingPlaceholders = statuses.filter((s) => isPlaceholder(s.name) && failing(s)).map((s) => s.name);
  const chosen = placeholders.length === 1 ? placeholders[0]?.name : failingPlaceholders.length === 1 ? failingPlaceholders[0] : undefined;
  if (!chosen) return null;
  for (const item of [...specs, ...statuses]) if (item.name === chosen) item.name = name;
  return `the container the pasted log of ${name} comes from was not named elsewhere in the paste: ${chosen} was taken to be ${name}`;
}

/** Whether every line that opens an object is a whole JSON object on its own line, as structured loggers write them. */
export function jsonLogLinesOnly(lines: readonly PasteLine[]): boolean {
  return lines.every((line) => {
    // Pretty-printed JSON opens objects with `{` alone on a line; bracketed log prefixes (`[signal SIGSEGV ...]`) are text.
    if (!line.text.startsWith('{')) return true;
    try {
      const value: unknown = JSON.parse(line.text);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  });
}
