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

/**
 * Describe output that lost its line breaks (copied from a web page or a chat that joins lines)
 * reads as one long line of `Key: value` pairs. Such a line, and only such a line, is cut again
 * before every key kubectl prints and every events table row. A `kubectl get events` table that
 * lost them (a `--watch` copied from a terminal) is cut before its header and every row.
 */
export function unflatten(line: string): string[] {
  if (line.length < 200) return [line];
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
