import { canonicalMessage } from '../canonical-event.js';
import { typeOfReasons, type TableEvent } from './events-table.js';
import type { PasteLine } from './paste-lines.js';
import { oneReason, reasonsOfMessageAt, sourceOfReason } from './reason-of-message.js';

/*
 * Event messages pasted without their rows: a kubelet message alone (`Liveness probe failed:
 * ...`), or a row whose left columns were cut off or mangled (`...}  spec.containers{web}
 * Warning  Unhealthy  Readiness probe failed: ...`). kubelet's and the scheduler's messages are
 * fixed texts, so each one names the reason that writes it; what survives of the columns before
 * it (type, reason, source, container, count) is kept, and nothing else is guessed.
 */

/** What lone messages gave: their events and the lines that were neither a message nor its continuation. */
export interface LoneMessages {
  readonly events: TableEvent[];
  readonly unread: PasteLine[];
}

/**
 * Text before a message that is what is left of an events row's columns rather than a sentence
 * of the user's: a type, a component, a container's field path, a `(x4 over 5m)` count.
 */
const COLUMN_MARKER = /(?:^|\s)(?:Normal|Warning)(?:\s|$)|\b(?:kubelet|default-scheduler)\b|spec\.\w{1,40}\{[^}\s]{1,253}\}|\(x\d{1,9} over |\}\s*$/;
const FIELD_PATH = /spec\.(?:initContainers|containers|ephemeralContainers)\{[^}\s]{1,253}\}/;
const TYPE = /(?:^|\s)(Normal|Warning)(?:\s|$)/;
const SERIES = /\(x(\d{1,9}) over /;
/** The last UpperCamelCase word before the message: the row's reason column. */
const REASON_COLUMN = /(?:^|\s)(?!(?:Normal|Warning)\s)([A-Z][a-z]{1,40}(?:[A-Z][a-z]{0,40}){0,6})\s+$/;

/** Quotes a person put around a message they copied (`"0/3 nodes are available: ..."`), and Markdown bold (`"**...**"`). */
const OPENING_QUOTES = new Set(['"', "'", '`', '\u201C']);
const CLOSING = /(?:\*\*|__)?["'`\u201D]?(?:\*\*|__)?[.,;]?$/;
/**
 * A person's words that introduce the message they quote: `I get this error in events - 0/3 nodes ...`
 * (several words; `ImagePullBackOff: Back-off ...` is a waiting state's line, read as such).
 */
const INTRODUCING_END = /(?:\s[-\u2013\u2014]|:)\s+$/;
function introduces(prefix: string): boolean {
  return INTRODUCING_END.test(prefix) && /\S\s+\S/.test(prefix);
}

/**
 * How many characters before `index` of `text` open a quoted or emphasised message (a quote, `**`,
 * or both) that starts a word (at the line's start or after a space); 0 when none do.
 */
function openerBefore(text: string, index: number): number {
  let start = index;
  if (start >= 2 && (text.slice(start - 2, start) === '**' || text.slice(start - 2, start) === '__')) start -= 2;
  if (start >= 1 && OPENING_QUOTES.has(text.charAt(start - 1))) start -= 1;
  if (start === index || (start > 0 && !/\s/.test(text.charAt(start - 1)))) return 0;
  return index - start;
}

/** Where in a line a known message begins (at its start, after a space or an opening quote), and the reasons that write it. */
function findMessage(text: string): { index: number; reasons: readonly string[] } | null {
  for (let index = 0; index < text.length; index++) {
    if (index > 0 && !/\s/.test(text.charAt(index - 1)) && openerBefore(text, index) === 0) continue;
    if (/\s/.test(text.charAt(index))) continue;
    const reasons = reasonsOfMessageAt(text, index);
    if (reasons.length > 0) return { index, reasons };
  }
  return null;
}

/**
 * A line of three or more columns two or more spaces apart that opens with a name (a pod's, a
 * namespace's): another row of a table, not a wrapped message (whose words a web page may also
 * have spaced out).
 */
function isColumnRow(text: string): boolean {
  const columns = columnsOf(text);
  return columns.length >= 3 && /^[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?$/.test(columns[0] ?? '');
}

/** Whether one of the columns (two or more spaces apart) of `prefix` is one of `reasons`. */
function hasReasonColumn(prefix: string, reasons: readonly string[]): boolean {
  return columnsOf(prefix).some((column) => reasons.includes(column));
}

/**
 * A message field of YAML or JSON that is no pod's nor event's (a workflow engine's record of the
 * pod, an operator's status): `message: Pod was active on the node longer than ...`. The value is
 * the message; the line below it is the next field, not its continuation.
 */
const MESSAGE_FIELD = /^\s{0,40}(?:- )?["']?(?:message|msg|statusMessage)["']?\s?:\s{0,4}$/i;

/** What is left of a list or a quote before a message cut out of it (`, **failed to ...`, `[`): no words of anyone's. */
const PUNCTUATION_ONLY = /^[\s,;:.[\](){}'"*_`>-]{1,20}$/;

/** A `reason:` field of YAML or JSON, and the reason it holds. */
const REASON_FIELD = /^\s{0,40}(?:- )?["']?reason["']?\s?:\s{0,4}["']?(\w{1,60})/;

/**
 * A message field beside a `reason:` field that never writes its text (`reason: BackOff` with a
 * hook's message): the two were put together wrongly, and the message is not read on its own.
 */
function otherReasonBeside(lines: readonly PasteLine[], index: number, found: { index: number; reasons: readonly string[] }): boolean {
  const text = lines[index]?.text ?? '';
  if (!MESSAGE_FIELD.test(text.slice(0, found.index - openerBefore(text, found.index)))) return false;
  return [lines[index - 1], lines[index + 1]].some((line) => {
    const reason = line && REASON_FIELD.exec(line.text)?.[1];
    return reason !== undefined && reason !== null && !found.reasons.includes(reason);
  });
}

/** A line's columns as a table prints them: two or more spaces, or a tab, apart. */
function columnsOf(text: string): string[] {
  return text.trim().split(/\s{2,}|\t/);
}

function eventOf(text: string, found: { index: number; reasons: readonly string[] }): TableEvent | null {
  const opener = openerBefore(text, found.index);
  const prefix = text.slice(0, found.index - opener);
  // What is left of a row may also be columns one of which is a reason that writes the message
  // (`kubectl get pods -o custom-columns=...,STATUS:.status.reason,MSG:.status.message` rows).
  if (prefix.trim() && !PUNCTUATION_ONLY.test(prefix) && !COLUMN_MARKER.test(prefix) && !hasReasonColumn(prefix, found.reasons) && !introduces(prefix) && !MESSAGE_FIELD.test(prefix)) return null;
  const message = text.slice(found.index).trim();
  const reason = REASON_COLUMN.exec(prefix)?.[1] ?? oneReason(found.reasons) ?? '';
  const fieldPath = FIELD_PATH.exec(prefix)?.[0];
  const count = Number(SERIES.exec(prefix)?.[1] ?? 1);
  return {
    type: TYPE.exec(prefix)?.[1] ?? typeOfReasons(reason ? [reason] : found.reasons),
    reason,
    message: canonicalMessage(message),
    count: count > 0 ? count : 1,
    lastSeenAgo: null,
    firstSeenAgo: null,
    lastSeenAt: null,
    firstSeenAt: null,
    source: sourceOfReason(found.reasons[0] ?? ''),
    ...(fieldPath ? { fieldPath } : {}),
  };
}

/**
 * Reads event messages pasted on their own. A line that follows a message without a blank line
 * between continues it (chat clients and terminals wrap long messages); any other line is unread.
 */
export function readLoneMessages(lines: readonly PasteLine[]): LoneMessages {
  // Each event's message lines are gathered and joined once: joining line by line would copy the message each time.
  const read: Array<{ event: TableEvent; parts: string[]; opened: boolean }> = [];
  const unread: PasteLine[] = [];
  let continues = false;
  lines.forEach((line, i) => {
    if (!line.text || line.text === '...') {
      continues = false;
      return;
    }
    const found = findMessage(line.text);
    const event = found && !otherReasonBeside(lines, i, found) ? eventOf(line.text, found) : null;
    if (found && event) {
      read.push({ event, parts: [event.message], opened: openerBefore(line.text, found.index) > 0 });
      continues = !MESSAGE_FIELD.test(line.text.slice(0, found.index - openerBefore(line.text, found.index)));
      return;
    }
    const previous = read.at(-1);
    // A list's closing bracket below its last message ends it; it is no part of the text.
    if (continues && previous && PUNCTUATION_ONLY.test(line.text)) continues = false;
    else if (continues && previous && !isColumnRow(line.text)) previous.parts.push(line.text);
    else unread.push(line);
  });
  // A quoted or emphasised message closes where its last line does (`... Error syncing pod**"`).
  const messageOf = (parts: string[], opened: boolean) => {
    const joined = parts.join(' ').trim();
    return opened ? joined.replace(CLOSING, '').trimEnd() : joined;
  };
  return { events: read.map(({ event, parts, opened }) => ({ ...event, message: messageOf(parts, opened) })), unread };
}
