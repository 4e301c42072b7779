import { matchSignatures, LOG_SIGNATURES } from '../../facts/log-signatures.js';
import type { PodDiagnosis } from '../../model/finding.js';
import type { Incident } from '../../model/incident.js';
import { blankLine, paragraph, type Line } from './line.js';

/** How many of the last log lines are shown per instance. */
const LOG_TAIL = 200;

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

function logBlock(title: string, log: string, container: string, diagnosis: PodDiagnosis, width: number): Line[] {
  const signatureLines = new Map<string, string[]>();
  for (const m of matchSignatures(log)) signatureLines.set(m.line, [...(signatureLines.get(m.line) ?? []), `${m.signature.id}: ${m.signature.meaning}`]);
  const cited = citedLines(diagnosis, container);
  const all = log.replace(/\n$/, '').split('\n');
  const tail = all.slice(-LOG_TAIL);
  const lines: Line[] = [[{ text: title, tone: 'heading' }, { text: all.length > tail.length ? `  last ${tail.length} of ${all.length} lines` : `  ${all.length} lines`, tone: 'muted' }]];
  for (const line of tail) {
    const reasons = lineReasons(line, signatureLines, cited);
    if (reasons.length === 0) {
      lines.push(...paragraph([{ text: '  ' }], line, width, undefined, 4));
      continue;
    }
    lines.push(...paragraph([{ text: '> ', tone: 'match' }], line, width, 'match', 4));
    for (const reason of reasons) lines.push(...paragraph([{ text: '    ← ', tone: 'muted' }], reason, width, 'muted'));
  }
  return lines;
}

/** Each container's previous-instance log tail (then the current one), lines that rules match highlighted. */
export function logsLines(incident: Incident, diagnosis: PodDiagnosis, width: number): Line[] {
  const lines: Line[] = [];
  for (const logs of incident.logs) {
    for (const [which, text, command] of [
      ['previous instance', logs.previous, '--previous'],
      ['current instance', logs.current, ''],
    ] as const) {
      if (!text) continue;
      if (lines.length) lines.push(blankLine);
      lines.push(...logBlock(`${logs.container}: ${which}${command ? ` (kubectl logs ${command})` : ''}`, text, logs.container, diagnosis, width));
    }
  }
  if (lines.length === 0) {
    lines.push([{ text: 'No logs in the evidence. ', tone: 'muted' }, { text: 'Replay them with --logs CONTAINER=FILE, or record them with the pod.', tone: 'muted' }]);
  }
  return lines;
}
