import { canonicalMessage, canonicalReason } from '../canonical-event.js';
import { describeTime } from './describe-time.js';
import { durationSeconds } from './relative-age.js';
import type { PasteLine } from './paste-lines.js';

/** The object a `kubectl get events` row names; describe tables are about the described pod. */
interface EventObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** One row of an events table, ages still relative to when it was printed. */
export interface TableEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  /** Seconds between the last (first) occurrence and the capture; null for `<unknown>` or an absolute time. */
  readonly lastSeenAgo: number | null;
  readonly firstSeenAgo: number | null;
  /** ISO times, when the table printed times rather than ages (old kubectl, custom columns). */
  readonly lastSeenAt: string | null;
  readonly firstSeenAt: string | null;
  readonly source: string;
  readonly host?: string;
  readonly fieldPath?: string;
  readonly object?: EventObject;
}

type Column = 'namespace' | 'lastSeen' | 'firstSeen' | 'count' | 'name' | 'kind' | 'subobject' | 'type' | 'reason' | 'object' | 'source' | 'message';

const AGE = String.raw`(?:<unknown>|<invalid>|\d{1,9}(?:ms|[ydhms])(?:\d{1,9}(?:ms|[ydhms])){0,4})`;
/**
 * Times instead of ages: RFC 3339 from custom columns and -o wide of old releases, RFC 1123 with
 * a numeric zone from 1.1x describe (`Mon, 01 Jan 2018 10:00:00 +0000`), `<nil>` for none.
 */
const ABSOLUTE_TIME = String.raw`(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}|<nil>|<none>)`;
const WHEN = String.raw`(?:${AGE}|${ABSOLUTE_TIME})`;
/** An object's name, with the `<id here>` a user put in place of what they would not paste. */
const NAME = String.raw`(?:[\w.:-]|<[^<>\n]{1,40}>){1,253}`;

/** Each column's value; none may match free whitespace, so the row regex cannot backtrack badly. */
const COLUMN_PATTERNS: Record<Column, string> = {
  namespace: String.raw`(?<namespace>[a-z0-9][a-z0-9-]{0,62})`,
  // kubectl prints `(x3 over 1h)`; pages that mangled or translated the word show `from`, `since` or `starting`.
  lastSeen: String.raw`(?<lastSeen>${WHEN})(?:\s+\(x(?<series>\d{1,9})\s+(?:over|from|since|starting)\s+(?<over>${AGE})\))?`,
  firstSeen: String.raw`(?<firstSeen>${WHEN})`,
  count: String.raw`(?<count>\d{1,9})`,
  name: String.raw`(?<name>${NAME})`,
  kind: String.raw`(?<kind>[A-Za-z]{1,80})`,
  subobject: String.raw`(?<subobject>[\w.-]{0,80}\{[^}\s]{1,253}\}|spec\.[\w.{}-]{1,200})`,
  type: String.raw`(?<type>Normal|Warning)`,
  reason: String.raw`(?<reason>[A-Za-z][\w.-]{0,80})`,
  object: String.raw`(?<object>(?:[\w.-]{1,80}/)?${NAME})`,
  // `kubelet, node-1`, `{kubelet node-1}`, and a host the user masked: `kubelet, <redacted-address>`.
  source: String.raw`(?<source>\{[^}]{0,200}\}|[\w./:-]{1,200}(?:,\s{0,4}(?:[\w.:-]{1,253}|<[^<>\n]{1,60}>))?)`,
  message: String.raw`(?<message>.*)`,
};

/** Columns that may be blank in a row. */
const OPTIONAL = new Set<Column>(['subobject']);

const HEADER_WORDS: ReadonlyArray<readonly [RegExp, Column]> = [
  [/^(?:LAST ?SEEN|AGE|TIME|TIMESTAMP|LAST|LAST ?TIMESTAMP|EVENT ?TIME)$/i, 'lastSeen'],
  [/^(?:FIRST ?SEEN|FIRST|FIRST ?TIMESTAMP)$/i, 'firstSeen'],
  [/^SUB ?OBJECT(?: ?PATH)?$/i, 'subobject'],
  [/^NAMESPACE$/i, 'namespace'],
  [/^COUNT$/i, 'count'],
  [/^(?:NAME|POD)$/i, 'name'],
  [/^KIND$/i, 'kind'],
  [/^TYPE$/i, 'type'],
  [/^REASON$/i, 'reason'],
  [/^(?:OBJECT|INVOLVED ?OBJECT)$/i, 'object'],
  [/^(?:SOURCE|FROM|COMPONENT)$/i, 'source'],
  [/^(?:MESSAGE|MSG|NOTE)$/i, 'message'],
];
/** Header words of every kubectl layout, and the names people give custom columns (`-o custom-columns=TIME:...,MSG:...`). */
const HEADER_TOKEN = /LAST ?SEEN|FIRST ?SEEN|LAST ?TIMESTAMP|FIRST ?TIMESTAMP|EVENT ?TIME|TIMESTAMP|SUB ?OBJECT(?: ?PATH)?|INVOLVED ?OBJECT|NAMESPACE|COUNT|NAME|POD|KIND|TYPE|REASON|OBJECT|SOURCE|FROM|COMPONENT|AGE|TIME|LAST|FIRST|MESSAGE|MSG|NOTE/gi;

/** Layouts tried when a table's header was not pasted, the commonest first (a layout whose columns another's message would swallow comes before it). */
const KNOWN_LAYOUTS: ReadonlyArray<readonly Column[]> = [
  ['type', 'reason', 'lastSeen', 'source', 'message'],
  ['firstSeen', 'lastSeen', 'count', 'source', 'subobject', 'type', 'reason', 'message'],
  // `kubectl get events -o wide` (1.19+): the message is followed by FIRST SEEN, COUNT and the Event's NAME.
  ['lastSeen', 'type', 'reason', 'object', 'subobject', 'source', 'message', 'firstSeen', 'count', 'name'],
  ['lastSeen', 'type', 'reason', 'object', 'message'],
  ['namespace', 'lastSeen', 'type', 'reason', 'object', 'message'],
  ['lastSeen', 'firstSeen', 'count', 'name', 'kind', 'subobject', 'type', 'reason', 'source', 'message'],
  ['firstSeen', 'lastSeen', 'count', 'source', 'subobject', 'reason', 'message'],
];

function rowPattern(columns: readonly Column[]): RegExp {
  let pattern = '^';
  const messageLast = columns.at(-1) === 'message';
  columns.forEach((column, index) => {
    const value = COLUMN_PATTERNS[column];
    // A message followed by other columns ends where they begin: it takes as little as it can, and ends on a
    // non-space so that a run of padding is scanned once, not once per position in it.
    if (column === 'message') pattern += messageLast ? String.raw`(?:\s+${value})?` : String.raw`(?:\s+(?<message>.*?\S))?`;
    else if (OPTIONAL.has(column)) pattern += index === 0 ? `(?:${value}\\s+)?` : String.raw`(?:\s+${value})?`;
    else pattern += index === 0 ? value : String.raw`\s+${value}`;
  });
  return new RegExp(`${pattern}$`);
}

/**
 * The From column of such a row when the age was cut away with the rest (`Warning Failed kubelet
 * Error: ...`): only the components that write pod events, so that a message's first word is
 * never taken for a source.
 */
const BARE_SOURCE = String.raw`(?<source>(?:kubelet|default-scheduler)(?:,\s{0,4}(?:[\w.:-]{1,253}|<[^<>\n]{1,60}>))?(?=\s)|\{(?:kubelet|default-scheduler)[ ,][^}]{0,200}\})`;

/**
 * A row with nothing but its type, reason and message (and maybe its source), as people retype or trim one into a ticket
 * (`Warning FailedSync Error syncing pod, ...`). The reason must look like one (UpperCamelCase)
 * and the message may not start with an age: that is a row of a fuller layout this one must not swallow.
 */
const BARE_ROW = new RegExp(String.raw`^(?<type>Normal|Warning)\s+(?<reason>[A-Z][a-z]{1,40}(?:[A-Z][a-z]{0,40}){0,6})\s+(?:${BARE_SOURCE}\s+)?(?<message>(?!${WHEN}(?:\s|$))\S.*)$`);

const KNOWN_PATTERNS = [...KNOWN_LAYOUTS.map(rowPattern), BARE_ROW];

/** The columns of an events table header such as `Type  Reason  Age  From  Message`. */
function eventsHeader(text: string): Column[] | null {
  if (!/REASON/i.test(text) || !/MESSAGE|MSG|NOTE/i.test(text) || text.replace(HEADER_TOKEN, '').trim() !== '') return null;
  const columns: Column[] = [];
  for (const word of text.match(HEADER_TOKEN) ?? []) {
    const column = HEADER_WORDS.find(([test]) => test.test(word))?.[1];
    if (column) columns.push(column);
  }
  const afterMessage = columns.slice(columns.indexOf('message') + 1);
  return columns.includes('reason') && columns.includes('message') && afterMessage.every((c) => TRAILING.has(c)) ? columns : null;
}

/** Columns kubectl prints after the message (`-o wide`). */
const TRAILING = new Set<Column>(['firstSeen', 'count', 'name']);

function isRuler(text: string): boolean {
  return /^-{2,}(?:\s+-{2,})*$/.test(text);
}

/** Whether a line reads as an events table row of any known layout. */
function looksLikeEventRow(text: string): boolean {
  return KNOWN_PATTERNS.some((p) => p.test(text));
}

/** Whether a line is an events table's header (`Type  Reason  Age  From  Message`, any layout). */
export function isEventsHeader(text: string): boolean {
  return eventsHeader(text) !== null;
}

/** Whether a line opens or belongs to an events table. */
export function isEventsTableLine(text: string): boolean {
  return eventsHeader(text) !== null || looksLikeEventRow(text);
}

/** Reasons that are warnings, for the oldest tables that had no Type column. */
const WARNING_REASONS = new Set([
  'Failed', 'BackOff', 'FailedScheduling', 'Unhealthy', 'FailedMount', 'FailedAttachVolume', 'FailedSync',
  'FailedCreatePodSandBox', 'Evicted', 'OOMKilling', 'NodeNotReady', 'FailedKillPod', 'FailedPreStopHook',
  'FailedPostStartHook', 'InspectFailed', 'ErrImageNeverPull', 'NetworkNotReady', 'FailedValidation', 'ExceededGracePeriod',
]);

/** An event's type where its table or description did not print one. */
export function typeOfReason(reason: string): string {
  return WARNING_REASONS.has(reason) ? 'Warning' : 'Normal';
}

/** The type of an event any of `reasons` could have written: a warning when each of them is one. */
export function typeOfReasons(reasons: readonly string[]): string {
  return reasons.length > 0 && reasons.every((reason) => WARNING_REASONS.has(reason)) ? 'Warning' : 'Normal';
}

const RESOURCE_KINDS: Record<string, string> = {
  pod: 'Pod',
  node: 'Node',
  replicaset: 'ReplicaSet',
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  job: 'Job',
  cronjob: 'CronJob',
  service: 'Service',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler',
  poddisruptionbudget: 'PodDisruptionBudget',
  endpoints: 'Endpoints',
};

function kindOfResource(resource: string): string {
  const plain = resource.toLowerCase().split('.')[0] ?? resource;
  return RESOURCE_KINDS[plain] ?? plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** `{kubelet node3}` (1.1x) and `kubelet, node3` both name the component and its host. */
function readSource(text: string): { source: string; host?: string } {
  const parts = text.replace(/^\{|\}$/g, '').split(/,\s*|\s+/).filter(Boolean);
  return parts[1] ? { source: parts[0] ?? '', host: parts[1] } : { source: parts[0] ?? '' };
}

function readObject(groups: Record<string, string | undefined>): EventObject | undefined {
  const namespace = groups.namespace ? { namespace: groups.namespace } : {};
  if (groups.object) {
    const slash = groups.object.indexOf('/');
    // A custom column of .involvedObject.name prints the name alone; such tables are about pods.
    if (slash < 0) return { kind: 'Pod', name: groups.object, ...namespace };
    return { kind: kindOfResource(groups.object.slice(0, slash)), name: groups.object.slice(slash + 1), ...namespace };
  }
  // Wide tables name the Event object itself: the involved object's name plus a hex suffix.
  if (groups.name) return { kind: groups.kind ?? 'Pod', name: groups.name.replace(/\.[0-9a-f]{10,}$/, ''), ...namespace };
  return undefined;
}

/**
 * kubectl 1.3x prints the event's fieldPath in front of the message (`spec.containers{app}:
 * Container created`): the container the event is about, as an API event's involvedObject says.
 */
const FIELD_PATH_PREFIX = /^(spec\.(?:initContainers|containers|ephemeralContainers)\{[^}\s]{1,253}\}):\s*/;

const ABSOLUTE = new RegExp(`^${ABSOLUTE_TIME}$`);

function absoluteTime(text: string | undefined): string | null {
  return text && ABSOLUTE.test(text) ? describeTime(text) : null;
}

function toEvent(groups: Record<string, string | undefined>): TableEvent {
  const reason = canonicalReason(groups.reason ?? '');
  const text = (groups.message ?? '').trim();
  const prefixed = FIELD_PATH_PREFIX.exec(text);
  const fieldPath = groups.subobject ?? prefixed?.[1];
  const lastSeenAt = absoluteTime(groups.lastSeen);
  const lastSeenAgo = groups.lastSeen ? durationSeconds(groups.lastSeen) : null;
  const firstSeen = groups.firstSeen ?? groups.over;
  const firstSeenAt = absoluteTime(firstSeen) ?? (groups.firstSeen ? null : lastSeenAt);
  const firstSeenAgo = firstSeen ? durationSeconds(firstSeen) : lastSeenAgo;
  const object = readObject(groups);
  return {
    type: groups.type ?? typeOfReason(reason),
    reason,
    message: canonicalMessage(prefixed ? text.slice(prefixed[0].length) : text),
    count: Math.max(1, Number(groups.series ?? groups.count ?? 1) || 1),
    lastSeenAgo,
    firstSeenAgo: firstSeenAgo ?? lastSeenAgo,
    lastSeenAt,
    firstSeenAt,
    ...readSource(groups.source ?? ''),
    ...(fieldPath ? { fieldPath } : {}),
    ...(object ? { object } : {}),
  };
}

/** What an events table gave: its rows, the lines that were neither rows nor wrapped text, and what followed it. */
export interface EventsTable {
  readonly events: TableEvent[];
  readonly unread: PasteLine[];
  /** Lines after a blank line that ended the table: other output pasted below it (logs, prose). */
  readonly after: PasteLine[];
}

/**
 * Reads the rows of an events table in any kubectl layout. A line that is not a row continues the
 * previous row's message: terminals wrap long messages and kubelet messages can hold newlines.
 * A blank line ends that: what follows it and is no row is something else pasted below the table.
 */
export function readEventsTable(lines: readonly PasteLine[]): EventsTable {
  const events: TableEvent[] = [];
  const unread: PasteLine[] = [];
  const after: PasteLine[] = [];
  let patterns: RegExp[] = KNOWN_PATTERNS;
  let blankAfterRows = false;
  for (const line of lines) {
    const text = line.text;
    if (!text) {
      blankAfterRows = events.length > 0;
      continue;
    }
    if (text === '...' || isRuler(text)) continue;
    const header = eventsHeader(text);
    if (header) {
      patterns = [rowPattern(header), ...KNOWN_PATTERNS];
      continue;
    }
    const groups = patterns.map((p) => p.exec(text)?.groups).find(Boolean);
    if (groups) {
      events.push(toEvent(groups));
      blankAfterRows = false;
      continue;
    }
    const previous = events.at(-1);
    if (blankAfterRows || after.length) after.push(line);
    else if (previous) events[events.length - 1] = { ...previous, message: `${previous.message} ${text}`.trim() };
    else unread.push(line);
  }
  return { events, unread, after };
}
