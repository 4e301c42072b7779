import { CONTAINER_KEYS, POD_KEYS, STATE_KEYS, VOLUME_KEYS } from './describe-keys.js';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Longest first, so `Restart Count` is not taken for a `Count` and `Start Time` before `Started`. */
const KEYS = [...POD_KEYS, ...CONTAINER_KEYS, ...STATE_KEYS, ...VOLUME_KEYS, 'Name', 'Reason', 'Message', 'IP'].sort((a, b) => b.length - a.length);
const KEY = new RegExp(`(?:^|\\s)(?:${KEYS.map(escape).join('|')}):(?=\\s|$)`, 'g');
/** Where a flattened events table has its rows: `Normal Scheduled 42s ...`, `Warning BackOff 5s (x9 over 3m) ...`. */
const BREAKS = [
  /\s(?=Type\s+Reason\s+Age\s+From\s+Message\b)/g,
  /\s(?=-{4}\s+-{6}\s+-{3,4}\s+-{4}\s+-{7})/g,
  /\s(?=(?:Normal|Warning)\s+[A-Z][A-Za-z]{1,60}\s+(?:<unknown>|\d{1,6}[smhdy]))/g,
  // A container or volume name before the first key of its block.
  /\s(?=[a-z0-9][-a-z0-9]{0,62}:\s+(?:Container ID|Image|Type):)/g,
];

/** Where a flattened `kubectl get events` table has its header and rows: `24s  Normal  Scheduled  pod/web-0  ...`. */
const GET_EVENTS_BREAKS = [
  /\s(?=(?:NAMESPACE\s+)?LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+(?:SUBOBJECT\s+SOURCE\s+)?MESSAGE\b)/g,
  /\s(?=(?:<unknown>|\d{1,6}[smhd](?:\d{1,2}[smh])?)\s+(?:Normal|Warning)\s+[A-Z][A-Za-z]{1,60}\s+[a-z][\w.-]{0,60}\/)/g,
];
/** Rows it takes before a line is read as a flattened events table rather than one long message. */
const MIN_ROWS = 3;

function splitAt(line: string, patterns: readonly RegExp[]): string[] {
  let text = line;
  for (const pattern of patterns) text = text.replace(pattern, '\n');
  return text.split('\n').filter((l) => l.trim());
}

/** kubectl get pods' header (also `-A` and `-o wide`), wherever a page left it in a line. */
const GET_PODS_HEADER = /(?:NAMESPACE\s+)?NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE(?:\s+IP\s+NODE(?:\s+NOMINATED NODE\s+READINESS GATES)?)?/;
/** Where the next pod's row begins in rows glued together: a name (after its namespace with `-A`), then READY as `n/m`. */
const ROW_START = /\s(?=[a-z0-9][a-z0-9._-]{0,252}\s+\d{1,3}\/\d{1,3}\s)/g;
const NAMESPACED_ROW_START = /\s(?=[a-z0-9][a-z0-9-]{0,62}\s+[a-z0-9][a-z0-9._-]{0,252}\s+\d{1,3}\/\d{1,3}\s)/g;
/** A `kubectl describe pod` command line, with whatever the page glued after it. */
const DESCRIBE_COMMAND = /^.{0,120}?\b(?:kubectl|oc)\s+describe\s+(?:pods?|po)(?:\/|\s+)\S{1,253}(?:\s+-{1,2}[\w-]{1,30}(?:[=\s]\S{1,253})?){0,4}(?=\s)/;

/**
 * A `kubectl get pods` table a page glued onto fewer lines: the command, the header and the rows
 * each get a line again, also when nothing at all was left between AGE and the first pod's name.
 */
function ungluePodRows(line: string): string[] | null {
  const header = GET_PODS_HEADER.exec(line);
  if (!header) return unglueHeaderlessRows(line);
  const end = header.index + header[0].length;
  const rest = line.slice(end).trim();
  if (!rest) return null;
  const before = line.slice(0, header.index).trim();
  const rows = rest.replace(header[0].startsWith('NAMESPACE') ? NAMESPACED_ROW_START : ROW_START, '\n').split('\n');
  return [...(before ? [before] : []), header[0], ...rows.map((r) => r.trim()).filter(Boolean)];
}

const ROW_HEAD = /^[a-z0-9][a-z0-9._-]{0,252}\s+\d{1,3}\/\d{1,3}\s+\S/;

/** Rows of a get pods table whose header was not pasted, glued onto one line: a line again each, when every piece is a row. */
function unglueHeaderlessRows(line: string): string[] | null {
  if (!ROW_HEAD.test(line)) return null;
  const rows = line.replace(ROW_START, '\n').split('\n').map((r) => r.trim()).filter(Boolean);
  return rows.length >= 2 && rows.every((r) => ROW_HEAD.test(r)) ? rows : null;
}

/** The `Key: value` pairs of one line cut apart, the line's start (a command) kept before them. */
function splitKeys(line: string): string[] {
  return line.replace(KEY, (match) => `\n${match.trim()}`).split('\n').map((l) => l.trimEnd()).filter((l) => l.trim());
}

/**
 * A few lines of a description a page glued into one (a longer one is cut by unflatten itself): a `kubectl describe pod` command with the
 * fields it printed after it, or a line that begins with a field and holds at least two more
 * (`Last State: Terminated Reason: OOMKilled Exit Code: 137`). A message that merely mentions a
 * `Reason:` never begins with a field, so it is left whole.
 */
function unglueShortDescription(line: string): string[] | null {
  const command = DESCRIBE_COMMAND.exec(line);
  const body = command ? line.slice(command[0].length) : line;
  const keys = body.match(KEY) ?? [];
  const startsWithKey = keys.length > 0 && body.trimStart().startsWith((keys[0] ?? '').trim());
  if (!startsWithKey || (!command && new Set(keys.map((k) => k.trim())).size < 3)) return null;
  return [...(command ? [command[0].trim()] : []), ...splitKeys(body)];
}

/**
 * Describe output that lost its line breaks (copied from a web page or a chat that joins lines)
 * reads as one long line of `Key: value` pairs. Such a line, and only such a line, is cut again
 * before every key kubectl prints and every events table row. A `kubectl get events` table that
 * lost them (a `--watch` copied from a terminal) is cut before its header and every row.
 */
export function unflatten(line: string): string[] {
  const rows = ungluePodRows(line);
  if (rows) return rows;
  if (line.length < 200) return unglueShortDescription(line) ?? [line];
  const keys = new Set((line.match(KEY) ?? []).map((k) => k.trim()));
  if (keys.size < 5) {
    const rows = [BREAKS[2], GET_EVENTS_BREAKS[1]].map((p) => (p ? (line.match(p) ?? []).length : 0));
    if (rows.every((n) => n < MIN_ROWS)) return [line];
    return splitAt(line, (rows[1] ?? 0) >= MIN_ROWS ? GET_EVENTS_BREAKS : BREAKS.slice(0, 3));
  }
  let text = line.replace(KEY, (match) => `\n${match.trim()}`);
  for (const pattern of BREAKS) text = text.replace(pattern, '\n');
  return text.split('\n').filter((l) => l.trim());
}
