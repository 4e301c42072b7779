import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PodDiagnosis } from '../src/model/finding.js';
import { renderJson } from '../src/report/json-report.js';
import { renderMarkdown } from '../src/report/markdown-report.js';
import { rankPods } from '../src/report/rank-pods.js';
import { RankedReport } from '../src/report/ranked-report.js';
import type { ReportFormat } from '../src/report/report-pieces.js';
import { renderText } from '../src/report/text-report.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser, FIXTURES, fixtureNames } from './helpers.js';

let pods: PodDiagnosis[];

beforeAll(async () => {
  const diagnoser = await builtInDiagnoser();
  pods = [];
  for (const name of await fixtureNames()) {
    const { incidents } = await loadReplay([join(FIXTURES, name)]);
    for (const incident of incidents) pods.push(await diagnoser.diagnose(incident));
  }
});

const options = { color: true, width: 90 };
const whole: Record<ReportFormat, (ranked: readonly PodDiagnosis[]) => string> = {
  text: (ranked) => renderText(ranked, options),
  json: renderJson,
  markdown: renderMarkdown,
};

function filled(format: ReportFormat, list: readonly PodDiagnosis[]): RankedReport {
  const report = new RankedReport(format, options);
  for (const pod of list) report.add(pod);
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

  it('matches the whole report for one pod (no heading) and for none', () => {
    for (const format of ['text', 'json', 'markdown'] as const) {
      for (const list of [pods.slice(0, 1), []]) {
        expect([...filled(format, list).pieces()].join(''), `${format} ${list.length}`).toBe(whole[format](list));
      }
    }
  });

  it('keeps what --fail-on needs: each pod worst severity', () => {
    const report = filled('json', pods);
    expect(report.pods.map((p) => p.severity).sort()).toEqual(pods.map((p) => p.severity).sort());
  });
});
