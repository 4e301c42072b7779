import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PartialEvidenceException, PodExpectation, TestCase } from '../src/engine/test-case.js';
import type { Finding } from '../src/model/finding.js';
import { isBuiltInCause } from '../src/model/cause.js';
import { TEST_CASE_FILE } from '../src/sources/load-replay.js';
import { builtInDiagnoser, FIXTURES, fixtureNames, readJson } from './helpers.js';
import { partialViews, VIEW_NAMES, WRAPPERS, type PartialView, type ViewName } from './support/ablation-views.js';
import { describable, fixtureIncidents, readPaste } from './support/read-paste.js';

/*
 * Evidence ablation: every fixture is cut into the partial views people paste into tickets (its
 * events table, its container statuses as YAML, the container section of describe without limits
 * and probes, describe cut after the last `Last State`, each warning row alone), each also quoted,
 * fenced and wrapped in prose. Every view must give the fixture's root cause, or a cause its
 * podmortem-test.json accepts for what that view does not show, with the reason; it must never
 * be refused, and never come back without a finding while it shows a failure.
 */

type Outcome = 'root' | 'accepted' | 'fail';

interface Result {
  readonly outcome: Outcome;
  readonly detail: string;
  readonly exception?: PartialEvidenceException;
}

/** Failure signals a reader sees in the pasted text itself, whatever podmortem makes of it. */
const FAILURE_SIGNALS: readonly RegExp[] = [
  /^\s*Warning\s/m,
  /\b(?:Exit Code:\s+|exitCode: )[1-9]/,
  /\b(?:Restart Count:\s+|restartCount: )[1-9]/,
  /\b(?:Reason:\s+|reason: )(?!Completed\b|PodCompleted\b|ContainerCreating\b|PodInitializing\b)[A-Z]\w+/,
];

function showsFailure(text: string): boolean {
  return FAILURE_SIGNALS.some((p) => p.test(text));
}

function label(finding: Finding | undefined): string {
  return finding ? `${finding.cause} (${finding.rule}${finding.container ? `/${finding.container}` : ''})` : 'no finding';
}

/** A placeholder container (`<container>`) is the view not naming it, not a wrong container. */
function sameContainer(expected: string | null | undefined, got: string | null): boolean {
  return expected === undefined || expected === null || got === null || got.startsWith('<') || got === expected;
}

async function judge(view: PartialView, text: string, capturedAt: string, podName: string, expectation: PodExpectation): Promise<Result> {
  let incidents;
  try {
    incidents = await readPaste(text, capturedAt);
  } catch (error) {
    return { outcome: 'fail', detail: `refused: ${(error as Error).message}` };
  }
  const incident = incidents.length === 1 ? incidents[0] : incidents.find((i) => i.pod.metadata?.name === podName);
  if (!incident) return { outcome: 'fail', detail: `read as ${incidents.length} pods` };
  const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
  const top = diagnosis.findings[0];
  const cause = top?.cause ?? null;
  if (!top && showsFailure(text)) return { outcome: 'fail', detail: 'no finding while the paste shows a failure' };
  const expected = expectation.rootCause;
  const isRoot =
    expected === null
      ? diagnosis.findings.every((f) => f.severity === 'info')
      : top !== undefined && top.cause === expected.cause && sameContainer(expected.container, top.container);
  if (isRoot) return { outcome: 'root', detail: label(top) };
  const exception = (expectation.partialEvidence ?? []).find((e) => e.notShown.every((k) => view.notShown.has(k)) && e.accept.includes(cause));
  if (exception) return { outcome: 'accepted', detail: label(top), exception };
  return { outcome: 'fail', detail: `got ${label(top)}, want ${expected === null ? 'no finding' : expected.cause}` };
}

interface Row {
  readonly name: string;
  readonly cells: Map<ViewName, Result[][]>;
}

const SYMBOL: Record<Outcome, string> = { root: '✓', accepted: '~', fail: 'x' };
const WORST: readonly Outcome[] = ['fail', 'accepted', 'root'];

function cell(results: Result[][] | undefined): string {
  if (!results) return '·'.repeat(Object.keys(WRAPPERS).length);
  return Object.keys(WRAPPERS)
    .map((_, w) => SYMBOL[WORST.find((o) => results.some((parts) => parts[w]?.outcome === o)) ?? 'root'])
    .join('');
}

function matrix(rows: readonly Row[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  const head = `${'fixture'.padEnd(width)}  ${VIEW_NAMES.map((v) => v.padEnd(Math.max(v.length, 4))).join('  ')}`;
  const lines = rows.map((r) => `${r.name.padEnd(width)}  ${VIEW_NAMES.map((v) => cell(r.cells.get(v)).padEnd(Math.max(v.length, 4))).join('  ')}`);
  const all = rows.flatMap((r) => [...r.cells.values()].flat(2));
  const count = (o: Outcome) => all.filter((r) => r.outcome === o).length;
  const perView = VIEW_NAMES.map((v) => {
    const results = rows.flatMap((r) => (r.cells.get(v) ?? []).flat());
    const n = (o: Outcome) => results.filter((r) => r.outcome === o).length;
    return `${v} ${n('root')}/${n('accepted')}/${n('fail')}`;
  });
  return [
    `evidence ablation: ${all.length} pastes (views x wrappers ${Object.keys(WRAPPERS).join('/')}): ${count('root')} root cause, ${count('accepted')} accepted for what the view lacks, ${count('fail')} failed`,
    `per view (root/accepted/failed): ${perView.join(', ')}`,
    `(each cell: one mark per wrapper; ✓ root cause, ~ accepted exception, x failed, · view not applicable)`,
    head,
    ...lines,
  ].join('\n');
}

const rows: Row[] = [];
const failures: string[] = [];
const usedExceptions = new Set<PartialEvidenceException>();
const declared: Array<{ fixture: string; exception: PartialEvidenceException }> = [];

const names = await fixtureNames();
for (const name of names) {
  const testCase = await readJson<TestCase>(join(FIXTURES, name, TEST_CASE_FILE));
  for (const incident of (await fixtureIncidents(name)).filter(describable)) {
    const podName = incident.pod.metadata?.name ?? '';
    const expectation = testCase.expect.find((e) => !e.pod || e.pod === podName || e.pod.endsWith(`/${podName}`));
    if (!expectation) continue;
    for (const exception of expectation.partialEvidence ?? []) declared.push({ fixture: name, exception });
    const row: Row = { name: testCase.expect.length > 1 ? `${name}/${podName}` : name, cells: new Map() };
    rows.push(row);
    for (const view of partialViews(incident.pod, incident.events, incident.source.capturedAt)) {
      const results: Result[] = [];
      for (const [wrapper, wrap] of Object.entries(WRAPPERS)) {
        const result = await judge(view, wrap(view.text), incident.source.capturedAt, podName, expectation);
        results.push(result);
        if (result.exception) usedExceptions.add(result.exception);
        if (result.outcome === 'fail') failures.push(`${row.name} ${view.view}${view.part ? ` ${view.part}` : ''} [${wrapper}]: ${result.detail}`);
      }
      row.cells.set(view.view, [...(row.cells.get(view.view) ?? []), results]);
    }
  }
}

describe('evidence ablation over every fixture', () => {
  it('each partial view gives the root cause or an accepted one, never no finding on a failure and never a refusal', () => {
    console.info(matrix(rows));
    expect(failures).toEqual([]);
  });

  it('every accepted exception names causes of the vocabulary and is needed by some view', () => {
    const problems = declared.flatMap(({ fixture, exception }) => [
      ...exception.accept.filter((c): c is string => c !== null && !isBuiltInCause(c)).map((c) => `${fixture}: accepts unknown cause ${c}`),
      ...(usedExceptions.has(exception) ? [] : [`${fixture}: exception for ${exception.notShown.join('+')} -> ${exception.accept.join(', ')} is never needed: remove it`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('covers every fixture with every view that applies to it', () => {
    expect(rows.length).toBeGreaterThanOrEqual(names.length);
    for (const row of rows) expect([...row.cells.keys()]).toEqual(expect.arrayContaining(['events', 'status', 'containers']));
  });
});
