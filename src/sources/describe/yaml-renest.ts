import type { PasteLine } from './paste-lines.js';

// A container status pasted through a chat client or a Markdown editor often loses its
// indentation: `lastState:` and `terminated:` end up in one column, so YAML reads both as empty and
// the exit code beside them as a key of the container. Kubernetes never prints these keys empty,
// so where one is followed by its own children at its own column or less, the column was lost,
// not the value: the lines are set out again by what each key can hold.

const STATE_KEYS = ['waiting', 'running', 'terminated'];
const STATUS_ITEM_KEYS = ['containerID', 'image', 'imageID', 'lastState', 'name', 'ready', 'restartCount', 'started', 'state', 'resources', 'allocatedResources', 'user', 'volumeMounts'];

/** The keys each mapping of a container status can hold. */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  state: STATE_KEYS,
  lastState: STATE_KEYS,
  waiting: ['reason', 'message'],
  running: ['startedAt'],
  terminated: ['containerID', 'exitCode', 'finishedAt', 'message', 'reason', 'signal', 'startedAt'],
};

/** Lists of container statuses: each `- key:` under them starts a status. */
const STATUS_LISTS = new Set(['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']);

const KEY_LINE = /^(- )?([\w.-]{1,253}):(?:\s+(.*))?$/;
const BLOCK_SCALAR = /^[|>][+-]?\d?$/;

interface Frame {
  /** Keys this mapping holds; an item frame holds a status's keys. */
  readonly children: ReadonlySet<string>;
  /** The column its keys are set at. */
  readonly column: number;
  /** A list of statuses: its children are items (`- key:`). */
  readonly list: boolean;
}

function keyOf(line: PasteLine): { item: boolean; key: string; value: string } | null {
  const match = KEY_LINE.exec(line.text);
  return match ? { item: match[1] !== undefined, key: match[2] as string, value: (match[3] ?? '').trim() } : null;
}

/** Whether `lines` show a status key left empty above its own children, the mark of lost indentation. */
function lostIndentation(lines: readonly PasteLine[]): boolean {
  return lines.some((line, i) => {
    const parent = keyOf(line);
    const children = parent && parent.value === '' ? CHILDREN[parent.key] : undefined;
    const next = lines.slice(i + 1).find((l) => l.text !== '');
    const child = next ? keyOf(next) : null;
    return children !== undefined && next !== undefined && next.indent <= line.indent && child !== null && !child.item && children.includes(child.key);
  });
}

/**
 * The lines of a pasted container status set out again by what each key holds, or null when
 * nothing shows that their indentation was lost (then they are read as they are). Lines outside
 * a status keep their own columns; a block scalar's text stays under its key.
 */
export function renestFlattenedStatus(lines: readonly PasteLine[]): PasteLine[] | null {
  if (!lostIndentation(lines)) return null;
  const frames: Frame[] = [];
  const out: PasteLine[] = [];
  /** A block scalar being read: its key's column as pasted and as set out. */
  let scalar: { pasted: number; column: number } | null = null;
  for (const line of lines) {
    if (line.text === '') {
      out.push(line);
      continue;
    }
    if (scalar && line.indent > scalar.pasted) {
      out.push({ ...line, indent: scalar.column + 2 });
      continue;
    }
    scalar = null;
    const parsed = keyOf(line);
    if (!parsed) {
      out.push(frames.length ? { ...line, indent: (frames.at(-1) as Frame).column } : line);
      continue;
    }
    let column = line.indent;
    if (parsed.item) {
      while (frames.length && !(frames.at(-1) as Frame).list) frames.pop();
      const list = frames.at(-1);
      if (list) {
        column = list.column;
        frames.push({ children: new Set(STATUS_ITEM_KEYS), column: column + 2, list: false });
      }
    } else {
      while (frames.length && !(frames.at(-1) as Frame).children.has(parsed.key)) frames.pop();
      const holder = frames.at(-1);
      if (holder) column = holder.column;
    }
    out.push({ ...line, indent: column });
    const keyColumn = parsed.item ? column + 2 : column;
    if (parsed.value === '' && STATUS_LISTS.has(parsed.key)) frames.push({ children: new Set(), column: keyColumn + 2, list: true });
    else if (parsed.value === '' && CHILDREN[parsed.key]) frames.push({ children: new Set(CHILDREN[parsed.key]), column: keyColumn + 2, list: false });
    else if (BLOCK_SCALAR.test(parsed.value)) scalar = { pasted: line.indent, column: keyColumn };
  }
  return out;
}
