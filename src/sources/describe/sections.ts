import { CONTAINER_KEYS, CONTAINER_SECTIONS, POD_KEYS, SHARED_POD_KEYS, STATE_KEYS } from './describe-keys.js';
import { isEventsHeader, isEventsTableLine } from './events-table.js';
import { isDnsLabel, keyValue } from './key-value.js';
import { isCutLine, type PasteLine } from './paste-lines.js';

/** A pod-level key with its value and the lines that belong to it, up to the next pod-level key. */
export interface Section {
  readonly key: string;
  readonly value: string;
  readonly lines: PasteLine[];
  /** False when the paste started inside this section, without its header line. */
  readonly hasHeader: boolean;
}

/** One pod's description cut into sections, plus what could not be placed. */
export interface PodSections {
  readonly sections: readonly Section[];
  readonly unread: readonly PasteLine[];
  readonly cut: boolean;
}

export function findSection(pod: PodSections, key: string): Section | undefined {
  return pod.sections.find((s) => s.key === key);
}

/** Pod-level keys whose values go on over the lines below them; every other pod-level key holds one line. */
const MULTI_LINE_SECTIONS = new Set([
  ...CONTAINER_SECTIONS,
  'Labels',
  'Annotations',
  'IPs',
  'Conditions',
  'Volumes',
  'Node-Selectors',
  'Tolerations',
  'Events',
  'Message',
  'Reason',
  'Readiness Gates',
  'Topology Spread Constraints',
  'Scheduling Gates',
]);

/** Pod-level keys sit at the outermost indentation of the block; nested copies sit deeper. */
function outermostIndent(lines: readonly PasteLine[]): number {
  let indent = Infinity;
  for (const line of lines) {
    const key = keyValue(line.text)?.key;
    if (key && POD_KEYS.has(key)) indent = Math.min(indent, line.indent);
  }
  return indent;
}

/**
 * Whether a key line opens a pod-level section here. `Reason` and `Message` are the pod's only
 * before its containers; `Name` inside Volumes is a ConfigMap's; `IP` under `IPs` is an entry.
 */
function opensSection(key: string, line: PasteLine, current: Section | undefined, sawBody: boolean, topIndent: number): boolean {
  if (line.indent > topIndent) return false;
  if (POD_KEYS.has(key)) return true;
  if (key === 'Name') return current?.key !== 'Volumes';
  if (key === 'IP') return current?.key !== 'IPs';
  // The pod's Reason is one word (Evicted, NodeLost); several words are a container state's reason cut from its block.
  if (key === 'Reason') return !sawBody && !/\s/.test(keyValue(line.text)?.value ?? '');
  if (key === 'Message') return !sawBody;
  return false;
}

function nextKey(lines: readonly PasteLine[], from: number): string | null {
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]?.text;
    if (text && text !== '...') return keyValue(text)?.key ?? null;
  }
  return null;
}

/**
 * The section a headerless paste starts in: a container block (`State:` ...), a container or
 * volume opened by its name, or an events table.
 */
function implicitSection(lines: readonly PasteLine[], index: number): string | null {
  const text = lines[index]?.text ?? '';
  const kv = underlined(lines, index) ? null : keyValue(text);
  if (kv && (CONTAINER_KEYS.has(kv.key) || STATE_KEYS.has(kv.key))) return 'Containers';
  if (kv && kv.value === '' && isDnsLabel(kv.key)) {
    const next = nextKey(lines, index + 1);
    if (next && CONTAINER_KEYS.has(next)) return 'Containers';
    if (next === 'Type') return 'Volumes';
  }
  if (isEventsTableLine(text)) return 'Events';
  return null;
}

/**
 * A paste copied from a terminal often loses the first characters of its first line
 * (`ame:  web-0`): a lower-case key that is the tail of a pod-level key is that key.
 */
function repairFirstLine(lines: readonly PasteLine[]): PasteLine[] {
  const index = lines.findIndex((l) => l.text);
  const first = lines[index];
  const kv = first ? keyValue(first.text) : null;
  if (!first || !kv || kv.key.length < 2 || POD_KEYS.has(kv.key) || SHARED_POD_KEYS.has(kv.key)) return [...lines];
  // The shortest key with that tail lost the fewest characters: `ame` is `Name`, not `Priority Class Name`.
  const key = [...POD_KEYS, ...SHARED_POD_KEYS].filter((k) => k.endsWith(kv.key)).sort((a, b) => a.length - b.length)[0];
  if (!key || !/^[a-z]/.test(kv.key)) return [...lines];
  const repaired = [...lines];
  repaired[index] = { ...first, text: `${key}:${first.text.slice(first.text.indexOf(':') + 1)}` };
  return repaired;
}

/** Cuts one pod's lines into sections by the pod-level keys kubectl describe prints. */
/**
 * A heading a program printed and underlined (`Environment:` over `------------`, as an init
 * script prints its settings): kubectl describe underlines no key, so it opens no section.
 */
function underlined(lines: readonly PasteLine[], index: number): boolean {
  return /^-{3,}$/.test(lines[index + 1]?.text ?? '');
}

export function readSections(pasted: readonly PasteLine[]): PodSections {
  const lines = repairFirstLine(pasted);
  const topIndent = outermostIndent(lines);
  const sections: Section[] = [];
  const unread: PasteLine[] = [];
  let current: Section | undefined;
  let sawBody = false;
  let cut = false;
  let afterCut = false;
  let currentIndent = 0;
  lines.forEach((line, index) => {
    if (!line.text) {
      // A blank line ends an events table: what follows it was pasted below, not wrapped message text.
      if (current?.key === 'Events') current.lines.push(line);
      return;
    }
    if (isCutLine(line)) {
      cut = true;
      afterCut = true;
      return;
    }
    // Below a cut (`<snip>`, `...`) a container's lines or an events table no longer belong to the pod-level key above it.
    if (afterCut && current && !CONTAINER_SECTIONS.has(current.key) && current.key !== 'Events' && implicitSection(lines, index) !== null) current = undefined;
    afterCut = false;
    // An events table's header opens one even where its `Events:` line was cut (a paste of two pieces of a description).
    if (current?.key !== 'Events' && isEventsHeader(line.text)) {
      current = { key: 'Events', value: '', lines: [line], hasHeader: false };
      sections.push(current);
      sawBody = true;
      return;
    }
    const kv = keyValue(line.text);
    if (kv && !underlined(lines, index) && opensSection(kv.key, line, current, sawBody, topIndent)) {
      current = { key: kv.key, value: kv.value, lines: [], hasHeader: true };
      currentIndent = line.indent;
      sections.push(current);
      if (CONTAINER_SECTIONS.has(kv.key) || kv.key === 'Volumes' || kv.key === 'Events') sawBody = true;
      return;
    }
    // A container's key under a one-line pod key (`Name:`) means lines between were left out: the
    // container's block starts here; so does a container opened by its name (`app:` then `Container ID:`).
    const opensContainer = kv !== null && ((line.indent > currentIndent && (CONTAINER_KEYS.has(kv.key) || STATE_KEYS.has(kv.key))) || implicitSection(lines, index) === 'Containers' && kv.value === '' && isDnsLabel(kv.key));
    if (current && !MULTI_LINE_SECTIONS.has(current.key) && opensContainer) {
      current = { key: 'Containers', value: '', lines: [line], hasHeader: false };
      sections.push(current);
      sawBody = true;
      return;
    }
    if (current) {
      current.lines.push(line);
      return;
    }
    const implicit = implicitSection(lines, index);
    if (!implicit) {
      unread.push(line);
      return;
    }
    current = { key: implicit, value: '', lines: [line], hasHeader: false };
    sections.push(current);
    sawBody = true;
  });
  return { sections, unread, cut };
}
