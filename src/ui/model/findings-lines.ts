import type { Finding, PodDiagnosis } from '../../model/finding.js';
import { severityTone } from '../theme/tones.js';
import { ContentBuilder, type DetailContent } from './detail-content.js';
import { blankLine, lineWidth, paragraph, type Line } from './line.js';
import type { SnapshotChanges } from './snapshot-changes.js';

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;

/** A value shorter than this starts on the line of its label only if all of it fits there. */
const MIN_VALUE_AFTER_LABEL = 24;

/**
 * One piece of evidence, its value whole: after its source when it fits there, else on the lines
 * under it (a long field path must not squeeze `143` off the screen), wrapped at word boundaries.
 */
function evidenceLines(bullet: string, source: string, value: string, width: number): Line[] {
  const label = `${source}: `;
  const room = width - bullet.length - label.length;
  if (!value.includes('\n') && room >= Math.min(value.length, MIN_VALUE_AFTER_LABEL)) {
    return paragraph([{ text: bullet }, { text: label, tone: 'muted' }], value, width, undefined, bullet.length + 2);
  }
  const labelLines = paragraph([{ text: bullet }], label.trimEnd(), width, 'muted', bullet.length);
  const last = labelLines[labelLines.length - 1]!;
  // The value goes after the last piece of its label when it fits there whole, else under it.
  if (!value.includes('\n') && lineWidth(last) + 1 + value.length <= width) {
    labelLines[labelLines.length - 1] = [...last, { text: ` ${value}` }];
    return labelLines;
  }
  return [...labelLines, ...paragraph([{ text: ' '.repeat(bullet.length + 2) }], value, width)];
}

function findingBlock(out: ContentBuilder, finding: Finding, indent: string, width: number, changes: SnapshotChanges | null, label?: string): void {
  const isNew = changes?.newFindings.has(finding.id) ?? false;
  const head: Line = [
    { text: indent },
    ...(label ? [{ text: `${label} `, tone: 'muted' as const }] : []),
    { text: SEVERITY_LABEL[finding.severity], tone: severityTone(finding.severity) },
    { text: ' ' },
  ];
  const title = paragraph(head, finding.title, width, 'heading', indent.length + 2);
  if (isNew) title[title.length - 1] = [...title[title.length - 1]!, { text: '  NEW', tone: 'changed' }];
  out.push(...title);
  const body = `${indent}  `;
  const where = [finding.cause, `rule ${finding.rule}`, finding.container ? `container ${finding.container}` : 'whole pod'].join(' · ');
  out.push(...paragraph([{ text: body }], where, width, 'muted'));
  out.push(...paragraph([{ text: body }], finding.explanation, width));
  if (finding.evidence.length) {
    out.push([{ text: body }, { text: 'Evidence', tone: 'heading' }]);
    for (const e of finding.evidence) out.push(...evidenceLines(`${body}  - `, e.source, e.text, width));
  }
  if (finding.remediation.length) {
    out.push([{ text: body }, { text: 'Next steps', tone: 'heading' }]);
    finding.remediation.forEach((step, i) => {
      const number = `${body}  ${i + 1}. `;
      out.push(...paragraph([{ text: number }], step.text, width));
      // A command is one line, never broken: it scrolls sideways, and c / P copy or print it whole.
      if (step.command) out.pushCommand([{ text: ' '.repeat(number.length) }, { text: '$ ', tone: 'muted' }], step.command);
    });
  }
}

/** Findings root cause first, each cause followed by the symptoms it explains, then what resolved and what was missing. */
export function findingsLines(diagnosis: PodDiagnosis, changes: SnapshotChanges | null, width: number): DetailContent {
  const out = new ContentBuilder();
  const ids = new Set(diagnosis.findings.map((f) => f.id));
  const causes = diagnosis.findings.filter((f) => !f.causedBy || !ids.has(f.causedBy));
  if (causes.length === 0) {
    out.push([{ text: 'No findings: ', tone: 'ok' }, { text: 'no rule found a problem with this pod.' }]);
  }
  causes.forEach((cause, i) => {
    if (i > 0) out.push(blankLine);
    if (i === 0) out.push([{ text: 'Root cause', tone: 'muted' }]);
    if (i === 1) out.push([{ text: 'Also found', tone: 'muted' }]);
    findingBlock(out, cause, '', width, changes);
    for (const symptom of diagnosis.findings.filter((f) => f.causedBy === cause.id)) {
      out.push(blankLine);
      findingBlock(out, symptom, '    ', width, changes, '↳ symptom');
    }
  });
  if (changes?.resolvedFindings.length) {
    out.push(blankLine, [{ text: 'Resolved since the previous snapshot', tone: 'changed' }]);
    for (const f of changes.resolvedFindings) out.push(...paragraph([{ text: '  - ' }, { text: `${f.id}: `, tone: 'muted' }], f.title, width, 'ok', 4));
  }
  if (diagnosis.missing.length) {
    out.push(blankLine, [{ text: 'Evidence not available', tone: 'muted' }]);
    for (const m of diagnosis.missing) out.push(...paragraph([{ text: '  - ' }], m, width, undefined, 4));
  }
  return out.build();
}
