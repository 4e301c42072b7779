import type { PodDiagnosis } from '../model/finding.js';
import { REPORT_SCHEMA_VERSION } from '../report/json-report.js';
import { jsonText } from '../report/json-text.js';
import { markdownCode, markdownText } from '../report/markdown-escape.js';
import { rootCause } from '../report/rank-pods.js';
import { textStyle } from '../report/style.js';
import { renderSummary } from '../report/summary-report.js';
import { visibleControls, visibleControlsDeep, visibleControlsInLine } from '../report/visible-controls.js';
import { workloadLines } from '../report/text-report.js';
import { workloadRef } from '../model/workload-ref.js';
import type { SortedDiagnoses } from './live-diagnosis.js';

/** What was scanned, for the report's first line. */
export interface ScanSummary {
  /** Null: all namespaces. */
  readonly namespace: string | null;
  readonly labelSelector?: string;
  readonly context: string;
  /** List healthy pods too (`--all`). */
  readonly listHealthy: boolean;
  /** Reads the API server failed part way through the scan (see ServerFaults): the report is partial. */
  readonly failedReads?: readonly string[];
}

const PARTIAL_HEADLINE = 'PARTIAL SCAN: the API server failed during the scan; the pods below lack what these reads would have shown:';

function failedReads(summary: ScanSummary): string[] {
  return (summary.failedReads ?? []).map((line) => visibleControls(line));
}

function scopeText(summary: ScanSummary): string {
  const where = summary.namespace ? `namespace ${summary.namespace}` : 'all namespaces';
  return visibleControls(`${where}${summary.labelSelector ? `, pods matching ${summary.labelSelector}` : ''} (context ${summary.context})`);
}

function causeLine(pod: PodDiagnosis): string {
  const root = rootCause(pod);
  if (root) return `${root.cause}: ${root.title}`;
  return pod.severity === null && pod.status !== 'Running' && pod.status !== 'Completed' ? `no rule explains status ${pod.status}` : 'healthy';
}

function rows(sorted: SortedDiagnoses, listHealthy: boolean): PodDiagnosis[] {
  return listHealthy ? [...sorted.unhealthy, ...sorted.healthy] : sorted.unhealthy;
}

/** The rows with every string terminal-safe, before columns are measured. */
const safeRows = (sorted: SortedDiagnoses, listHealthy: boolean) => visibleControlsDeep(rows(sorted, listHealthy));

function countsLine(sorted: SortedDiagnoses): string {
  const total = sorted.unhealthy.length + sorted.healthy.length;
  return `${total} pod${total === 1 ? '' : 's'}: ${sorted.unhealthy.length} unhealthy, ${sorted.healthy.length} healthy`;
}

/** The pod's top controller as people type it (`deploy/orders-api`); empty for a bare pod. */
function ownerText(pod: PodDiagnosis): string {
  return pod.owner ? workloadRef(pod.owner.kind, pod.owner.name) : '';
}

/** One line per unhealthy pod, worst first: severity, pod, its workload, status, root cause. */
export function renderScanText(sorted: SortedDiagnoses, summary: ScanSummary, color: boolean): string {
  const style = textStyle(color);
  const shown = safeRows(sorted, summary.listHealthy);
  const lines = [style.heading(`Scan of ${scopeText(summary)}`)];
  const failed = failedReads(summary);
  if (failed.length) lines.push(style.severity('critical', PARTIAL_HEADLINE), ...failed.map((line) => `  - ${line}`));
  lines.push(countsLine(sorted));
  // Grouped by workload first: one line per workload with unhealthy pods, its pods below in the table.
  const workloads = visibleControlsDeep(sorted.workloads ?? []).filter((w) => summary.listHealthy || w.unhealthyPods > 0);
  if (workloads.length) lines.push('', ...workloadLines(workloads, style));
  if (shown.length) {
    const podWidth = Math.max(...shown.map((p) => p.namespace.length + p.name.length + 1));
    const statusWidth = Math.max(6, ...shown.map((p) => p.status.length));
    // The OWNER column only when some pod has one; bare pods leave it blank.
    const ownerWidth = Math.max(0, ...shown.map((p) => ownerText(p).length));
    const ownerCell = (text: string) => (ownerWidth ? text.padEnd(Math.max(5, ownerWidth) + 2) : '');
    lines.push('', style.dim(`${'SEVERITY'.padEnd(10)}${'POD'.padEnd(podWidth + 2)}${ownerCell('OWNER')}${'STATUS'.padEnd(statusWidth + 2)}ROOT CAUSE`));
    for (const pod of shown) {
      const severity = pod.severity ? style.severity(pod.severity, pod.severity.toUpperCase().padEnd(10)) : 'OK'.padEnd(10);
      lines.push(`${severity}${`${pod.namespace}/${pod.name}`.padEnd(podWidth + 2)}${ownerCell(ownerText(pod))}${pod.status.padEnd(statusWidth + 2)}${causeLine(pod)}`);
    }
  }
  if (sorted.unhealthy.length) lines.push('', style.dim('Details: podmortem diagnose POD -n NAMESPACE'));
  return `${lines.join('\n')}\n`;
}

export function renderScanMarkdown(sorted: SortedDiagnoses, summary: ScanSummary): string {
  const lines = [`## Scan of ${markdownText(scopeText(summary))}`, ''];
  const failed = failedReads(summary);
  if (failed.length) lines.push(`**${markdownText(PARTIAL_HEADLINE)}**`, '', ...failed.map((line) => `- ${markdownText(line)}`), '');
  lines.push(countsLine(sorted), '');
  const shown = safeRows(sorted, summary.listHealthy);
  const workloads = visibleControlsDeep(sorted.workloads ?? []).filter((w) => summary.listHealthy || w.unhealthyPods > 0);
  if (workloads.length) {
    lines.push('| Severity | Workload |', '|---|---|');
    for (const w of workloads) lines.push(`| ${w.severity ?? 'ok'} | ${markdownText(w.summary)} |`);
    lines.push('');
  }
  if (shown.length) {
    lines.push('| Severity | Pod | Owner | Status | Root cause |', '|---|---|---|---|---|');
    for (const pod of shown) {
      const owner = ownerText(pod);
      lines.push(`| ${pod.severity ?? 'ok'} | ${markdownCode(`${pod.namespace}/${pod.name}`, true)} | ${owner ? markdownCode(owner, true) : ''} | ${markdownText(pod.status)} | ${markdownText(causeLine(pod))} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `-o summary`: one line per unhealthy pod (all with --all) as replay prints them, or one line saying there are none. */
export function renderScanSummary(sorted: SortedDiagnoses, summary: ScanSummary, color: boolean): string {
  const shown = rows(sorted, summary.listHealthy);
  return shown.length ? renderSummary(shown, { color }) : `OK ${visibleControlsInLine(scopeText(summary))}: ${countsLine(sorted)}\n`;
}

/** The replay JSON contract plus the scope and counts; `pods` holds the unhealthy pods (all with --all). */
export function renderScanJson(sorted: SortedDiagnoses, summary: ScanSummary): string {
  const scope = { namespace: summary.namespace, labelSelector: summary.labelSelector ?? null, context: summary.context };
  const counts = { pods: sorted.unhealthy.length + sorted.healthy.length, unhealthy: sorted.unhealthy.length, healthy: sorted.healthy.length };
  const workloads = (sorted.workloads ?? []).filter((w) => summary.listHealthy || w.unhealthyPods > 0);
  const failed = summary.failedReads ?? [];
  return `${jsonText({ schemaVersion: REPORT_SCHEMA_VERSION, scope, partial: failed.length > 0, failedReads: failed, counts, pods: rows(sorted, summary.listHealthy), workloads }, 2)}\n`;
}
