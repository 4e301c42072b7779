import type { Finding, PodDiagnosis } from '../../model/finding.js';
import { severityTone } from '../theme/tones.js';
import { blankLine, paragraph, type Line } from './line.js';
import type { SnapshotChanges } from './snapshot-changes.js';

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;

function findingBlock(finding: Finding, indent: string, width: number, changes: SnapshotChanges | null, label?: string): Line[] {
  const isNew = changes?.newFindings.has(finding.id) ?? false;
  const lines: Line[] = [];
  const head: Line = [
    { text: indent },
    ...(label ? [{ text: `${label} `, tone: 'muted' as const }] : []),
    { text: SEVERITY_LABEL[finding.severity], tone: severityTone(finding.severity) },
    { text: ' ' },
  ];
  const title = paragraph(head, finding.title, width, 'heading', indent.length + 2);
  if (isNew) title[title.length - 1] = [...title[title.length - 1]!, { text: '  NEW', tone: 'changed' }];
  lines.push(...title);
  const body = `${indent}  `;
  const where = [finding.cause, `rule ${finding.rule}`, finding.container ? `container ${finding.container}` : 'whole pod'].join(' · ');
  lines.push(...paragraph([{ text: body }], where, width, 'muted'));
  lines.push(...paragraph([{ text: body }], finding.explanation, width));
  if (finding.evidence.length) {
    lines.push([{ text: body }, { text: 'Evidence', tone: 'heading' }]);
    for (const e of finding.evidence) {
      lines.push(...paragraph([{ text: `${body}  - ` }, { text: `${e.source}: `, tone: 'muted' }], e.text, width, undefined, body.length + 4));
    }
  }
  if (finding.remediation.length) {
    lines.push([{ text: body }, { text: 'Next steps', tone: 'heading' }]);
    finding.remediation.forEach((step, i) => {
      const number = `${body}  ${i + 1}. `;
      lines.push(...paragraph([{ text: number }], step.text, width));
      if (step.command) lines.push(...paragraph([{ text: ' '.repeat(number.length) }, { text: '$ ', tone: 'muted' }], step.command, width, 'command', number.length + 2));
    });
  }
  return lines;
}

/** Findings root cause first, each cause followed by the symptoms it explains, then what resolved and what was missing. */
export function findingsLines(diagnosis: PodDiagnosis, changes: SnapshotChanges | null, width: number): Line[] {
  const lines: Line[] = [];
  const ids = new Set(diagnosis.findings.map((f) => f.id));
  const causes = diagnosis.findings.filter((f) => !f.causedBy || !ids.has(f.causedBy));
  if (causes.length === 0) {
    lines.push([{ text: 'No findings: ', tone: 'ok' }, { text: 'no rule found a problem with this pod.' }]);
  }
  causes.forEach((cause, i) => {
    if (i > 0) lines.push(blankLine);
    if (i === 0) lines.push([{ text: 'Root cause', tone: 'muted' }]);
    if (i === 1) lines.push([{ text: 'Also found', tone: 'muted' }]);
    lines.push(...findingBlock(cause, '', width, changes));
    for (const symptom of diagnosis.findings.filter((f) => f.causedBy === cause.id)) {
      lines.push(blankLine);
      lines.push(...findingBlock(symptom, '    ', width, changes, '↳ symptom'));
    }
  });
  if (changes?.resolvedFindings.length) {
    lines.push(blankLine, [{ text: 'Resolved since the previous snapshot', tone: 'changed' }]);
    for (const f of changes.resolvedFindings) lines.push(...paragraph([{ text: '  - ' }, { text: `${f.id}: `, tone: 'muted' }], f.title, width, 'ok', 4));
  }
  if (diagnosis.missing.length) {
    lines.push(blankLine, [{ text: 'Evidence not available', tone: 'muted' }]);
    for (const m of diagnosis.missing) lines.push(...paragraph([{ text: '  - ' }], m, width, undefined, 4));
  }
  return lines;
}
