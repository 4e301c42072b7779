import { GET_NODES_HEADER, readNodeRow, type NodeRow } from './get-nodes-rows.js';
import { readPodRow, type PodRow } from './get-pods-rows.js';
import { readPodTableHeader, readPodTableRow, type PodTableColumns } from './pod-table-columns.js';
import { unflatten } from './unflatten.js';

/** One line of a paste, trimmed, with its indentation measured after tabs are expanded. */
export interface PasteLine {
  readonly indent: number;
  readonly text: string;
  /** 1-based line number in what the user gave, for messages. */
  readonly number: number;
}

/** What one command printed: the lines after a `$ kubectl ...` line, up to the next one. */
export interface PasteSegment {
  /** The command's arguments, e.g. `describe pod web-0 -n shop`; null before any command line. */
  readonly command: string | null;
  readonly lines: readonly PasteLine[];
}

/** A paste cleaned of what people wrap around kubectl output. */
export interface CleanPaste {
  readonly segments: readonly PasteSegment[];
  /** Whether output was visibly cut (`...`, `<truncated>`) or too long to read whole. */
  readonly cut: boolean;
  /** `kubectl get pods` rows, kept apart from the describe text: they show pods' states but not why. */
  readonly podRows: readonly PastedPodRow[];
  /** `kubectl get nodes` rows (read only under their header): which nodes are Ready. */
  readonly nodeRows: readonly NodeRow[];
}

/** A `kubectl get pods` row and the command that printed it (`get pods -n shop` names the namespace). */
export interface PastedPodRow {
  readonly row: PodRow;
  readonly command: string | null;
}

/** Pastes beyond these sizes are read up to the cap; nothing real comes close. */
const MAX_PASTE_CHARS = 4_000_000;
const MAX_LINES = 60_000;
const MAX_LINE_CHARS = 20_000;

/** Markdown fences, Jira `{code}` / `{noformat}` and the HTML GitHub issues fold pastes in (`<details>`, `<pre>`). */
const FENCE = /^\s{0,3}(?:```|~~~|\{(?:code|noformat)(?::[^}]{0,80})?\}\s*$|<\/?(?:details|summary|pre|code)\b)/i;
/** One line fenced on both sides (```output```), as chat clients and issue comments keep a single line: its content is output. */
const ONE_LINE_FENCE = /^\s{0,3}```(?!`)([^`]{1,4096})```\s*$/;
/**
 * A fence with output glued after it (```panic: runtime error: ...): a fence's info string is one
 * word (```bash), so words after it with spaces between are the output's first line.
 */
const GLUED_FENCE = /^\s{0,3}(?:```|~~~)(?![`~])(?=[^\s`~]{1,80}\s+\S)(.{1,4096})$/;
/** `...`, `[...]`, `… 40 lines omitted`, `<truncated 12 lines>`, `[snip]`, `--- cut ---`: where the user cut output. */
const CUT_MARKER = /^(?:(?:\.{3,}|…)[\w ()]{0,60}\.{0,3}|[[(<{]\s?(?:\.{3,}|…)\s?[\])>}]|[[(<][^\])>]{0,80}\b(?:truncated|snip|snipped|cut|omitted)\b[^\])>]{0,80}[\])>]|(?:-{2,}|#{1,3})\s?(?:snip|cut|truncated|omitted)\b.{0,40})$/i;
/**
 * `$ kubectl ...`, `user@host:~# kubectl ...`, `[user@host ~]$ kubectl ...` (bash's default on Red Hat and
 * CentOS), `master $ kubectl ...`, `PS C:\> oc ...`, a prompt that is only the
 * working directory (`~/src/app  kubectl ...`, zsh and powerline themes) or a mark and then the
 * directory and branch (fish: `⋊> ~/src/app on main ◦ kubectl ...`), oh-my-zsh's and starship's
 * arrows (`(base) ➜  ~ k -n ns logs ...`), the poster's numbering (`2) kubectl ...`),
 * a bare `kubectl ...`, or the common `k`
 * alias before a kubectl verb.
 */
const COMMAND = /^(?:\d{1,2}[.)]\s{1,4}|\[[^\]\s]{1,80}(?: [^\]]{1,80})?\] ?[$#%>]\s{0,4}|(?:\S{0,80} ?[$#%>\u279C\u276F\u00BB]\s{0,4})?(?:[~/]\S{0,200}(?:\s{1,8}[^\s$#%>]{1,40}){0,3}\s{1,8})?)?(?:(?:microk8s |k3s |minikube )?[Kk]ubectl|oc|k(?=(?:\s+-{1,2}[a-z][\w-]{0,30}(?:[= ][^\s-]\S{0,252})?){0,3}\s+(?:describe|logs|get|events)\b))\s+(.{1,500})$/;
/** A right-hand prompt (zsh, powerline: exit status, job number, clock) printed far right of the command. */
const RIGHT_PROMPT = /\s{4,}[\d:./ ✔✘↵⏎×]{1,80}$/;
/** The header of a `kubectl get pods` table: its rows are not describe output. */
const GET_PODS_HEADER = /^(?:NAMESPACE\s+)?NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\b/;

/** One word in Markdown italics (`_ErrImagePull_`, `*Pending*`), as people mark a row's STATUS; names and reasons never start and end so. */
const ITALIC_WORD = /(^|\s)([_*])([A-Za-z][\w:./-]{0,80}?[A-Za-z0-9])\2(?=\s|$)/g;

/**
 * Markdown a user wrapped around part of a line: `**bold**` (in pairs, so a lone glob star pair in
 * a message stays), a word in italics and a whole line in `inline code`.
 */
function unemphasise(line: string): string {
  const bold = line.split('**').length - 1;
  const plain = bold >= 2 && bold % 2 === 0 ? line.replaceAll('**', '') : line;
  return uncodeLine(plain.replace(ITALIC_WORD, '$1$3'));
}

/**
 * A whole line in `inline code`, also with the person's backticks misplaced inside it
 * (`` `standard_init_linux.go:228:` exec user process caused: permission denied` ``): a line that
 * opens and closes with a backtick and holds a few of them (no fence) loses them all.
 */
function uncodeLine(line: string): string {
  const match = /^(\s*)`([^\n]*[^`\s][^\n]*)`\s*$/.exec(line);
  if (!match || line.includes('```') || line.split('`').length - 1 > 4) return line;
  return `${match[1]}${(match[2] as string).replaceAll('`', '')}`;
}

/**
 * A Markdown or Jira table a person made of kubectl's columns (`|web-0|  1/2|  CrashLoopBackOff|`,
 * `||NAME||READY||`): its bars become column gaps, and its `|---|---|` rule goes.
 */
function untable(line: string): string {
  const text = line.trim();
  if (text.length < 3 || !text.startsWith('|') || !text.endsWith('|')) return line;
  if (/^[|:\-\s]+$/.test(text)) return '';
  return text.replace(/\|+/g, '  ').trim();
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  return out;
}

/**
 * A paste quoted in a chat or Markdown (`> ` before every line, `> > ` when quoted twice) is
 * unquoted, also when only the kubectl output is quoted below a sentence of the user's own.
 * Lines with `>` hard against the text are unquoted only when nearly every line has one.
 */
function unquote(lines: string[]): string[] {
  const nonBlank = lines.filter((l) => l.trim());
  const quoted = nonBlank.filter((l) => /^\s*>/.test(l)).length;
  const all = nonBlank.length > 0 && quoted >= nonBlank.length * 0.8;
  return lines.map((l) => (all ? l.replace(/^\s*(?:> ?)+/, '') : l.replace(/^\s*(?:>(?: |$))+/, '')));
}

/**
 * Inline code a user opened on one line and closed on a later one (`` `0/2 nodes are available:
 * ...`` then a line with the closing backtick, as issue comments show a long message): the
 * backticks are Markdown, not output. Only a line holding a single backtick at its start opens
 * one, and only a line holding a single backtick at its end closes it, so fences and backticks
 * inside messages stay.
 */
function uncodeSpans(lines: string[]): string[] {
  let open = false;
  return lines.map((line) => {
    const text = line.trim();
    const single = text.split('`').length === 2;
    if (!open && single && text.startsWith('`') && text.length > 1) {
      open = true;
      return line.replace('`', '');
    }
    if (open && single && text.endsWith('`')) {
      open = false;
      return line.replace(/`(\s*)$/, '$1');
    }
    return line;
  });
}

/**
 * Markdown bold a person laid over several lines (`**message: |` ... `Sleep expired**`): a line
 * that opens `**` before a key or a word and a later line that closes it, each with one unpaired
 * marker, lose both markers. A line's own pairs are undone by `unemphasise`.
 */
function unboldSpans(lines: string[]): string[] {
  const unpaired = (line: string) => (line.split('**').length - 1) % 2 === 1;
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    const opener = out[i] as string;
    if (!unpaired(opener) || !/^\s*\*\*\S/.test(opener)) continue;
    const close = out.findIndex((line, j) => j > i && j <= i + BOLD_SPAN_LINES && unpaired(line));
    if (close < 0 || !/\S\*\*\s*$/.test(out[close] as string)) continue;
    out[i] = opener.replace('**', '');
    out[close] = (out[close] as string).replace(/\*\*(\s*)$/, '$1');
    i = close;
  }
  return out;
}

/** How far a bold span may reach: a few lines a person marked, not a whole paste. */
const BOLD_SPAN_LINES = 12;

/**
 * Normalises line ends, tabs, non-breaking spaces, Markdown fences and quotes, drops shell
 * prompts (keeping their kubectl arguments) and `kubectl get pods` tables, and marks cuts.
 */
export function cleanPaste(text: string): CleanPaste {
  let cut = text.length > MAX_PASTE_CHARS;
  const raw = text
    .slice(0, MAX_PASTE_CHARS)
    .replace(/^\uFEFF/, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060]/g, '')
    .split(/\r\n|\r|\n/)
    .flatMap(unflatten);
  if (raw.length > MAX_LINES) cut = true;
  const segments: Array<{ command: string | null; lines: PasteLine[] }> = [{ command: null, lines: [] }];
  let lines = segments[0]?.lines ?? [];
  const podRows: PastedPodRow[] = [];
  const nodeRows: NodeRow[] = [];
  // Whether the lines since a `kubectl get nodes` header have all been its rows.
  let inNodeTable = false;
  // The columns of a pod table laid out otherwise than kubectl's (k9s), while its rows last.
  let podTable: PodTableColumns | null = null;
  let command: string | null = null;
  unboldSpans(uncodeSpans(unquote(raw.slice(0, MAX_LINES)))).forEach((original, index) => {
    const kept = original.length > MAX_LINE_CHARS ? original.slice(0, MAX_LINE_CHARS) : original;
    const unfenced = ONE_LINE_FENCE.exec(kept)?.[1] ?? GLUED_FENCE.exec(kept)?.[1] ?? kept;
    const expanded = expandTabs(untable(unemphasise(unfenced))).trimEnd();
    const text = expanded.trim();
    if (FENCE.test(expanded)) {
      // A fence that closes a command's output ends it: what the next block holds is another paste.
      if (command !== null && lines.some((l) => l.text)) {
        lines = [];
        command = null;
        segments.push({ command, lines });
      }
      return;
    }
    if (!text) {
      podTable = null;
      lines.push({ indent: 0, text: '', number: index + 1 });
      return;
    }
    if (podTable) {
      const row = readPodTableRow(podTable, expanded);
      if (row) {
        podRows.push({ row, command });
        return;
      }
      podTable = null;
    }
    podTable = GET_PODS_HEADER.test(text) ? null : readPodTableHeader(expanded);
    if (podTable) return;
    const nodeRow = inNodeTable ? readNodeRow(text) : null;
    inNodeTable = nodeRow !== null || GET_NODES_HEADER.test(text);
    if (inNodeTable) {
      if (nodeRow) nodeRows.push(nodeRow);
      return;
    }
    const commandLine = COMMAND.exec(text);
    if (commandLine?.[1]) {
      lines = [];
      command = commandLine[1].replace(RIGHT_PROMPT, '').trim();
      segments.push({ command, lines });
      return;
    }
    // kubectl get pods: its header and `No resources found` say nothing; its rows are kept apart.
    if (GET_PODS_HEADER.test(text) || /^No resources found\b/.test(text)) return;
    // A row pasted without its header (`web-0  0/1  ContainerCreating  0  3m8s`) is read as one too.
    const row = readPodRow(text);
    if (row) {
      podRows.push({ row, command });
      return;
    }
    if (CUT_MARKER.test(text)) {
      cut = true;
      lines.push({ indent: 0, text: '...', number: index + 1 });
      return;
    }
    lines.push({ indent: expanded.length - expanded.trimStart().length, text, number: index + 1 });
  });
  return { segments: segments.filter((s) => s.command !== null || s.lines.some((l) => l.text)), cut, podRows, nodeRows };
}

/** Whether a cleaned line is a cut marker (kept so fragment readers can split there). */
export function isCutLine(line: PasteLine): boolean {
  return line.text === '...';
}
