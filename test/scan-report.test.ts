// The scan's text and Markdown tables name each pod's workload in an OWNER column, the way the
// roll-up and the UI name it (`deploy/orders-api`), blank for a bare pod; an owner's name is
// untrusted text and must stay inside its Markdown cell.
import type { Root, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { renderScanMarkdown, renderScanText, type ScanSummary } from '../src/cli/scan-report.js';
import type { Finding, PodDiagnosis, PodOwner } from '../src/model/finding.js';

function finding(cause: string, title: string): Finding {
  return { id: cause, rule: cause, cause, severity: 'critical', container: 'app', title, explanation: '', evidence: [], remediation: [], symptom: false, why: [] };
}

function pod(name: string, owner: PodOwner | null, status = 'CrashLoopBackOff'): PodDiagnosis {
  const findings = status === 'Running' ? [] : [finding('oom-limit', 'container app was OOMKilled at its 512Mi memory limit')];
  return { namespace: 'shop', name, uid: null, phase: 'Running', status, severity: findings.length ? 'critical' : null, findings, missing: [], owner };
}

const SUMMARY: ScanSummary = { namespace: 'shop', context: 'kind-test', listHealthy: true };
const deployment: PodOwner = { kind: 'Deployment', name: 'orders-api', revision: 14 };
const statefulSet: PodOwner = { kind: 'StatefulSet', name: 'kv', revision: 2 };

/** The table rows of the text report: every line after the header line that starts with a severity. */
function textTable(text: string): { header: string; rows: string[] } {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('SEVERITY'));
  return { header: lines[at] ?? '', rows: lines.slice(at + 1).filter((l) => /^(CRITICAL|WARNING|INFO|OK) /.test(l)) };
}

const all = (node: Root | RootContent): (Root | RootContent)[] => [node, ...('children' in node ? node.children.flatMap((c) => all(c as RootContent)) : [])];

/** The text a reader sees in a node: its text and inline code. */
const toString = (node: Root | RootContent) =>
  all(node)
    .map((n) => ('value' in n && typeof n.value === 'string' ? n.value : ''))
    .join('');

function tables(markdown: string): Table[] {
  return all(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })).filter((n): n is Table => n.type === 'table');
}

const cells = (table: Table) => table.children.map((row) => row.children.map((cell) => toString(cell)));

describe("the scan table names each pod's owner", () => {
  it('text: an OWNER column with the short kind, blank for a bare pod, the columns after it aligned', () => {
    const sorted = { unhealthy: [pod('orders-api-7c9b8d6f4-q7xkz', deployment), pod('kv-2', statefulSet), pod('debug-shell', null)], healthy: [pod('kv-0', statefulSet, 'Running')] };
    const { header, rows } = textTable(renderScanText(sorted, SUMMARY, false));
    expect(header).toMatch(/^SEVERITY +POD +OWNER +STATUS +ROOT CAUSE$/);
    const ownerAt = header.indexOf('OWNER');
    const statusAt = header.indexOf('STATUS');
    const owners = rows.map((r) => r.slice(ownerAt, statusAt).trim());
    expect(owners).toEqual(['deploy/orders-api', 'sts/kv', '', 'sts/kv']);
    for (const row of rows) expect(row.slice(statusAt)).toMatch(/^(CrashLoopBackOff|Running) +(oom-limit: |healthy)/);
  });

  it('text: no OWNER column when no pod has an owner', () => {
    const { header } = textTable(renderScanText({ unhealthy: [pod('debug-shell', null)], healthy: [] }, SUMMARY, false));
    expect(header).toMatch(/^SEVERITY +POD +STATUS +ROOT CAUSE$/);
  });

  it('Markdown: an Owner cell per row, an owner name with | and backticks kept whole inside it, blank for a bare pod', () => {
    const hostile = { kind: 'Deployment', name: 'we|ird`name', revision: null };
    const sorted = { unhealthy: [pod('a', hostile), pod('b', null)], healthy: [] };
    const podTable = tables(renderScanMarkdown(sorted, SUMMARY)).find((t) => toString(t.children[0]!).includes('Owner'))!;
    expect(cells(podTable)).toEqual([
      ['Severity', 'Pod', 'Owner', 'Status', 'Root cause'],
      ['critical', 'shop/a', 'deploy/we|ird`name', 'CrashLoopBackOff', 'oom-limit: container app was OOMKilled at its 512Mi memory limit'],
      ['critical', 'shop/b', '', 'CrashLoopBackOff', 'oom-limit: container app was OOMKilled at its 512Mi memory limit'],
    ]);
    // The owner is code, not Markdown: nothing inside it renders as formatting.
    const ownerCell = podTable.children[1]!.children[2]!;
    expect(ownerCell.children.map((c) => c.type)).toEqual(['inlineCode']);
  });
});
