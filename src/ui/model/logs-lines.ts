import { matchSignatures, LOG_SIGNATURES } from '../../facts/log-signatures.js';
import type { PodDiagnosis } from '../../model/finding.js';
import type { ContainerLogs, Incident } from '../../model/incident.js';
import { ContentBuilder, type DetailContent } from './detail-content.js';
import { expandTabs, paragraph, type Line } from './line.js';

/** How many of the last log lines are shown. */
const LOG_TAIL = 500;
const GUTTER = 2;

/** Which log the Logs tab shows; null parts follow the default (the root cause's container, its previous instance). */
export interface LogRequest {
  readonly container: string | null;
  readonly previous: boolean | null;
}

export interface LogSelection {
  readonly container: string;
  readonly previous: boolean;
  /** Containers that have any log in the evidence, in the pod's order. */
  readonly containers: readonly string[];
}

function hasLog(logs: ContainerLogs): boolean {
  return Boolean(logs.previous || logs.current);
}

/** The log to show: the one asked for, else the root cause's container (or the first with a log), its previous instance when there is one. */
export function selectLog(incident: Incident, diagnosis: PodDiagnosis, request: LogRequest): LogSelection | null {
  const withLogs = incident.logs.filter(hasLog);
  if (withLogs.length === 0) return null;
  const containers = withLogs.map((l) => l.container);
  const rootContainer = diagnosis.findings[0]?.container;
  const container =
    (request.container !== null && containers.includes(request.container) ? request.container : null) ??
    (rootContainer && containers.includes(rootContainer) ? rootContainer : containers[0]!);
  const logs = withLogs.find((l) => l.container === container)!;
  return { container, previous: request.previous ?? Boolean(logs.previous), containers };
}

/** Why a log line is highlighted: the crash signatures it shows and the findings that cite it. */
function lineReasons(line: string, signatureLines: Map<string, string[]>, cited: Map<string, string[]>): string[] {
  const trimmed = line.trim();
  const reasons = [...(signatureLines.get(trimmed) ?? []), ...(cited.get(trimmed) ?? [])];
  for (const signature of LOG_SIGNATURES) {
    if (signature.pattern.test(line) && !reasons.some((r) => r.startsWith(signature.id))) reasons.push(`${signature.id}: ${signature.meaning}`);
  }
  return reasons;
}

function citedLines(diagnosis: PodDiagnosis, container: string): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  for (const finding of diagnosis.findings) {
    for (const e of finding.evidence) {
      if (e.source !== `logs ${container}` && !e.source.startsWith(`logs ${container} `)) continue;
      cited.set(e.text.trim(), [...(cited.get(e.text.trim()) ?? []), `cited by ${finding.rule}`]);
    }
  }
  return cited;
}

/** Cuts a line into pieces of `width` characters, every character kept (wrap mode). */
function chunks(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

function selectorLine(selection: LogSelection): Line {
  const line: Line[number][] = [{ text: 'Container ', tone: 'muted' }];
  for (const name of selection.containers) {
    line.push(name === selection.container ? { text: ` ${name} `, tone: 'heading', inverse: true } : { text: ` ${name} `, tone: 'muted' });
  }
  return line;
}

/**
 * One container's log, exactly as the container wrote it: every space and indentation kept (a
 * Python traceback, a Java banner), tabs expanded to their columns, lines never collapsed. Long
 * lines scroll sideways, or wrap character by character with `w`. Lines a crash signature or a
 * finding points at are marked with `>` and explained under them.
 */
export function logsLines(incident: Incident, diagnosis: PodDiagnosis, request: LogRequest, wrap: boolean, width: number): DetailContent {
  const out = new ContentBuilder();
  const selection = selectLog(incident, diagnosis, request);
  if (!selection) {
    out.push([{ text: 'No logs in the evidence. ', tone: 'muted' }, { text: 'Replay them with --logs CONTAINER=FILE, or record them with the pod.', tone: 'muted' }]);
    return out.build();
  }
  const { container, previous } = selection;
  const logs = incident.logs.find((l) => l.container === container)!;
  const text = previous ? logs.previous : logs.current;
  out.push(selectorLine(selection));
  const instance = previous ? 'previous instance (kubectl logs --previous)' : 'current instance (kubectl logs)';
  if (!text) {
    out.push(...paragraph([{ text: `${instance}: `, tone: 'heading' }], `no ${previous ? 'previous' : 'current'} log of ${container} in the evidence.`, width, 'muted'));
    return out.build();
  }
  const signatureLines = new Map<string, string[]>();
  for (const m of matchSignatures(text)) signatureLines.set(m.line, [...(signatureLines.get(m.line) ?? []), `${m.signature.id}: ${m.signature.meaning}`]);
  const cited = citedLines(diagnosis, container);
  const all = text.replace(/\n$/, '').split('\n');
  const tail = all.slice(-LOG_TAIL);
  out.push([{ text: instance, tone: 'heading' }, { text: all.length > tail.length ? `  last ${tail.length} of ${all.length} lines` : `  ${all.length} lines`, tone: 'muted' }]);
  for (const raw of tail) {
    // A CR before the line end (CRLF logs) is not part of what the container meant to show.
    const line = expandTabs(raw.replace(/\r$/, ''));
    const reasons = lineReasons(line, signatureLines, cited);
    const mark: Line = reasons.length ? [{ text: '> ', tone: 'match' }] : [{ text: ' '.repeat(GUTTER) }];
    const tone = reasons.length ? ('match' as const) : undefined;
    if (wrap) {
      chunks(line, width - GUTTER).forEach((piece, i) => out.push([...(i === 0 ? mark : [{ text: '↪ ', tone: 'muted' as const }]), { text: piece, ...(tone ? { tone } : {}) }]));
    } else {
      out.pushWide(mark, [{ text: line, ...(tone ? { tone } : {}) }]);
    }
    for (const reason of reasons) out.push(...paragraph([{ text: '    ← ', tone: 'muted' }], reason, width, 'muted'));
  }
  return out.build();
}
