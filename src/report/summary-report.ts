import type { PodDiagnosis } from '../model/finding.js';
import { markdownCode } from './markdown-escape.js';
import { textStyle } from './style.js';
import { podSummary } from './summary-line.js';
import { visibleControlsInLine as oneLine } from './visible-controls.js';

const LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;

/**
 * `-o summary` (`--short`): one line per pod, worst first, to paste into a chat: severity, pod,
 * status, root cause, the decisive evidence and the first command, the command in backticks as
 * chats show code. Every value is untrusted and is made visible as one line (a line feed in a
 * name shows as `^J`), so no pod can take two lines or fake another's.
 */
export function renderSummary(pods: readonly PodDiagnosis[], options: { color: boolean }): string {
  return pods.map((pod) => summaryLine(pod, options)).join('');
}

/** One pod's line of `-o summary`, with its line feed. */
export function summaryLine(pod: PodDiagnosis, options: { color: boolean }): string {
  const style = textStyle(options.color);
  const s = podSummary(pod);
  const severity = s.severity ? style.severity(s.severity, LABEL[s.severity]) : 'OK';
  const parts = [`${severity} ${oneLine(s.pod)} ${oneLine(s.status)}: ${oneLine(s.cause)}`];
  if (s.evidence) parts.push(oneLine(s.evidence));
  if (s.command) parts.push(`run ${style.command(markdownCode(oneLine(s.command)))}`);
  return `${parts.join(' · ')}\n`;
}
