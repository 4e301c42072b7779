import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rollupPod, rollUpPods, rollUpWorkloads } from '../src/engine/workload-rollup.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import type { Incident } from '../src/model/incident.js';
import { renderJson } from '../src/report/json-report.js';
import { renderMarkdown } from '../src/report/markdown-report.js';
import { rankPods } from '../src/report/rank-pods.js';
import { RankedReport } from '../src/report/ranked-report.js';
import type { ReportFormat } from '../src/report/report-pieces.js';
import { renderText } from '../src/report/text-report.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser, FIXTURES, fixtureNames } from './helpers.js';

let pods: PodDiagnosis[];
const incidentOf = new Map<PodDiagnosis, Incident>();

beforeAll(async () => {
  const diagnoser = await builtInDiagnoser();
  pods = [];
  for (const name of await fixtureNames()) {
    const { incidents } = await loadReplay([join(FIXTURES, name)]);
    for (const incident of incidents) {
      const diagnosis = await diagnoser.diagnose(incident);
      pods.push(diagnosis);
      incidentOf.set(diagnosis, incident);
    }
  }
});

const options = { color: true, width: 90 };
/** The whole report of pods already ranked, led by their workloads when there are several. */
const whole: Record<ReportFormat, (ranked: readonly PodDiagnosis[]) => string> = {
  text: (ranked) => renderText(ranked, { ...options, workloads: ranked.length > 1 ? workloadsOf(ranked) : [] }),
  json: (ranked) => renderJson(ranked, workloadsOf(ranked)),
  markdown: (ranked) => renderMarkdown(ranked, ranked.length > 1 ? workloadsOf(ranked) : []),
};

function workloadsOf(ranked: readonly PodDiagnosis[]) {
  return rollUpWorkloads(ranked.map((diagnosis) => ({ diagnosis, incident: incidentOf.get(diagnosis)! })));
}

function filled(format: ReportFormat, list: readonly PodDiagnosis[], heldChars?: number): RankedReport {
  const report = new RankedReport(format, options, rollUpPods, heldChars);
  for (const pod of list) report.add(pod, rollupPod(incidentOf.get(pod)!, pod));
  return report;
}

describe('a report filled one pod at a time', () => {
  it('is, in every format, the report of the same pods ranked worst first, whatever order they were diagnosed in', () => {
    expect(pods.length).toBeGreaterThan(40);
    expect(new Set(pods.map((p) => p.severity)).size).toBeGreaterThan(2);
    const shuffled = [...pods].reverse();
    for (const format of ['text', 'json', 'markdown'] as const) {
      const expected = whole[format](rankPods(pods));
      expect([...filled(format, shuffled).pieces()].join(''), format).toBe(expected);
      expect([...filled(format, pods).pieces()].join(''), format).toBe(expected);
    }
  });

  it('writes blocks past its memory budget to a file and reads them back in rank order: the same report, non-ASCII text included', () => {
    const withAccents = pods.map((p, i) => {
      if (i % 3) return p;
      const accented = { ...p, findings: p.findings.map((f) => ({ ...f, title: `${f.title} — ümlaut ✓` })) };
      incidentOf.set(accented, incidentOf.get(p)!);
      return accented;
    });
    const spillDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('podmortem-report-')).length;
    const before = spillDirs();
    for (const format of ['text', 'json', 'markdown'] as const) {
      const held = [...filled(format, withAccents).pieces()].join('');
      expect([...filled(format, [...withAccents].reverse(), 0).pieces()].join(''), format).toBe(held);
      expect([...filled(format, withAccents, 2000).pieces()].join(''), format).toBe(held);
    }
    expect(spillDirs()).toBe(before);
  });

  it('matches the whole report for one pod (no heading) and for none', () => {
    for (const format of ['text', 'json', 'markdown'] as const) {
      for (const list of [pods.slice(0, 1), []]) {
        expect([...filled(format, list).pieces()].join(''), `${format} ${list.length}`).toBe(whole[format](list));
      }
    }
  });

  it('carries the workload roll-up: JSON always, text and Markdown leading a report of several pods', () => {
    const workloads = workloadsOf(rankPods(pods));
    expect(workloads.filter((w) => w.sinceRevision !== null).length).toBeGreaterThan(2);
    const json = JSON.parse([...filled('json', pods).pieces()].join('')) as { workloads: unknown[] };
    expect(json.workloads).toEqual(JSON.parse(JSON.stringify(workloads)));
    const text = [...filled('text', pods).pieces()].join('');
    expect(text.indexOf('Workloads')).toBeLessThan(text.indexOf(' pods, '));
    expect(text).toContain(workloads.find((w) => w.sinceRevision !== null)!.summary);
  });

  it('keeps what --fail-on needs: each pod worst severity', () => {
    const report = filled('json', pods);
    expect(report.pods.map((p) => p.severity).sort()).toEqual(pods.map((p) => p.severity).sort());
  });
});
