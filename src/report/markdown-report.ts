import type { Finding, PodDiagnosis } from '../model/finding.js';

const ICON = { critical: '🔴', warning: '🟠', info: '🔵' } as const;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function findingMarkdown(f: Finding, heading: string): string[] {
  const lines = [`${heading} ${ICON[f.severity]} ${f.title}`, ''];
  lines.push(`**${f.severity}** · cause \`${f.cause}\` · rule \`${f.rule}\`${f.container ? ` · container \`${f.container}\`` : ''}`, '');
  lines.push(f.explanation, '');
  if (f.evidence.length) {
    lines.push('| Evidence | |', '|---|---|');
    for (const e of f.evidence) lines.push(`| \`${escapeCell(e.source)}\` | ${escapeCell(e.text)} |`);
    lines.push('');
  }
  if (f.remediation.length) {
    lines.push('**Next steps**', '');
    f.remediation.forEach((step, i) => {
      lines.push(`${i + 1}. ${step.text}`);
      if (step.command) lines.push('', '   ```sh', `   ${step.command}`, '   ```');
    });
    lines.push('');
  }
  return lines;
}

/** A report to paste into a ticket. */
export function renderMarkdown(pods: readonly PodDiagnosis[]): string {
  return [...renderMarkdownChunks(pods)].join('');
}

/** The same text in pieces, one pod each, for reports too large to be one string. */
export function* renderMarkdownChunks(pods: readonly PodDiagnosis[]): Generator<string> {
  // Lines of one pod are held back until the next pod's come, so the last pod's trailing blank lines can be trimmed.
  let held: string | null = null;
  for (const pod of pods) {
    const out: string[] = [];
    out.push(`## Pod \`${pod.namespace}/${pod.name}\` — ${pod.status}`, '');
    if (pod.findings.length === 0) out.push('Healthy: no rule found a problem with this pod.', '');
    for (const root of pod.findings.filter((f) => !f.symptom)) {
      out.push(...findingMarkdown(root, '###'));
      for (const symptom of pod.findings.filter((f) => f.causedBy === root.id)) {
        out.push(`> Symptom of the above:`, '');
        out.push(...findingMarkdown(symptom, '####'));
      }
    }
    if (pod.missing.length) {
      out.push('**Evidence not available**', '');
      for (const m of pod.missing) out.push(`- ${m}`);
      out.push('');
    }
    if (held !== null) yield `${held}\n`;
    held = out.join('\n');
  }
  yield `${(held ?? '').trimEnd()}\n`;
}
