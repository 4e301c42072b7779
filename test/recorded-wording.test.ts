// The recorded incidents (fixtures/recorded/, real kubelet v1.34.4 output) replayed without a
// cluster must satisfy what the e2e suite asked of the live diagnosis: the root cause's title,
// the evidence lines it cites and what it must not claim (test/e2e/workloads.ts). The golden test
// (fixtures.test.ts) checks the rules that fire; this checks the words on real output.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentsToDiagnose } from '../src/cli/replay-incidents.js';
import { rankPods } from '../src/report/rank-pods.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { rootCauseTextProblems } from './e2e/root-cause-text.js';
import { WORKLOADS } from './e2e/workloads.js';
import { builtInDiagnoser, FIXTURES, fixtureNames } from './helpers.js';

const recorded = new Set((await fixtureNames()).filter((n) => n.startsWith('recorded/')).map((n) => n.slice('recorded/'.length)));

describe('recorded incidents say what the e2e suite checked live', () => {
  it('every workload has its recording and every recording its workload', () => {
    expect([...recorded].sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('%s', async (name, workload) => {
    const input = await loadReplay([join(FIXTURES, 'recorded', name)], {});
    const diagnoser = await builtInDiagnoser();
    const pods = rankPods(await Promise.all(incidentsToDiagnose(input).map((i) => diagnoser.diagnose(i))));
    expect(rootCauseTextProblems(workload, pods)).toEqual([]);
  });
});
