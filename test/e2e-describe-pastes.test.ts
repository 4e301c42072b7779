// `kubectl describe pod` (kubectl v1.32.4) of the e2e workloads on the real v1.34.4 node, captured
// while the suite's failures were live (test/e2e/describe/NAME.txt; the database password the
// app-error workload is given was taken out). Pasted into podmortem they must give what the
// suite expects of the live pod: real describe text, not our idea of it. Left out: the
// unschedulable-taint pod, which the suite lets schedule once it is done (its paste shows the
// earlier FailedScheduling and a running pod).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTestCase } from '../src/engine/test-case.js';
import { rankPods } from '../src/report/rank-pods.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { WORKLOADS } from './e2e/workloads.js';
import { builtInDiagnoser, ROOT } from './helpers.js';

const PASTES = join(ROOT, 'test/e2e/describe');
const names = readdirSync(PASTES).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -'.txt'.length)).sort();

describe('real kubectl describe output of the e2e workloads', () => {
  it('covers every workload but the one that recovers', () => {
    expect(names).toEqual(WORKLOADS.map((w) => w.name).filter((n) => n !== 'unschedulable-taint').sort());
  });

  it.each(names)('%s gives the root cause found live', async (name) => {
    const workload = WORKLOADS.find((w) => w.name === name)!;
    const input = await loadReplay([join(PASTES, `${name}.txt`)]);
    const diagnoser = await builtInDiagnoser();
    const pods = rankPods(await Promise.all(input.incidents.map((i) => diagnoser.diagnose(i))));
    expect(pods).toHaveLength(1);
    expect(checkTestCase({ expect: [workload.expect] }, pods)).toEqual([]);
  });
});
