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

/**
 * Describe output that lost its line breaks (copied from a web page or a chat that joins lines)
 * reads as one long line of `Key: value` pairs. Such a line, and only such a line, is cut again
 * before every key kubectl prints and every events table row.
 */
export function unflatten(line: string): string[] {
  if (line.length < 200) return [line];
  const keys = new Set((line.match(KEY) ?? []).map((k) => k.trim()));
  if (keys.size < 5) return [line];
  let text = line.replace(KEY, (match) => `\n${match.trim()}`);
  for (const pattern of BREAKS) text = text.replace(pattern, '\n');
  return text.split('\n').filter((l) => l.trim());
}
