import type { Finding, MatchedCondition, PodDiagnosis } from '../../model/finding.js';
import { blankLine, lineWidth, paragraph, type Line } from './line.js';

const MAX_VALUE = 80;

/** A fact value as it reads best: strings quoted, lists bracketed, long text cut. */
function formatFactValue(value: unknown): string {
  const text = value === null || value === undefined ? 'unset' : typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function conditionLines(condition: MatchedCondition, width: number): Line[] {
  const mark = condition.result ? { text: '  ✓ ', tone: 'ok' as const } : { text: '  ✗ ', tone: 'muted' as const };
  const text = `${condition.fact} ${condition.operator} ${formatFactValue(condition.value)}  ← saw ${formatFactValue(condition.factValue)}`;
  return paragraph([mark], text, width, condition.result ? undefined : 'muted', 6);
}

function role(finding: Finding): string {
  if (finding.causedBy) return `symptom of ${finding.causedBy}`;
  return finding.symptom ? 'symptom' : 'cause';
}

/** For each finding: the rule and every condition it evaluated with the fact values it saw. */
export function whyLines(diagnosis: PodDiagnosis, width: number): Line[] {
  const lines: Line[] = [];
  diagnosis.findings.forEach((finding, i) => {
    if (i > 0) lines.push(blankLine);
    const about = `rule ${finding.rule} · cause ${finding.cause} · ${i === 0 ? 'root cause' : role(finding)}`;
    const heading: Line = [{ text: finding.id, tone: 'heading' }];
    // Beside the finding's id when it fits whole; else on lines of its own, so "rule" never ends a line without its name.
    if (lineWidth(heading) + 2 + about.length <= width) lines.push(paragraph([...heading, { text: '  ' }], about, width, 'muted', 2)[0]!);
    else lines.push(heading, ...paragraph([{ text: '  ' }], about, width, 'muted', 2));
    if (finding.why.length === 0) lines.push([{ text: '  (the rule has no conditions to show)', tone: 'muted' }]);
    for (const condition of finding.why) lines.push(...conditionLines(condition, width));
  });
  if (lines.length === 0) lines.push([{ text: 'No rule matched this pod, so there is nothing to explain.', tone: 'muted' }]);
  return lines;
}
