import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTestCase, type TestCase } from '../src/engine/test-case.js';
import { loadReplay, TEST_CASE_FILE } from '../src/sources/load-replay.js';
import { rankPods } from '../src/report/rank-pods.js';
import { builtInDiagnoser, FIXTURES, fixtureNames, readJson } from './helpers.js';
import { incidentsToDiagnose } from '../src/cli/replay-incidents.js';

const names = await fixtureNames();

describe('every fixture gets its expected diagnosis', () => {
  it.each(names)('%s', async (name) => {
    const dir = join(FIXTURES, name);
    const testCase = await readJson<TestCase>(join(dir, TEST_CASE_FILE));
    const input = await loadReplay([dir], testCase.capturedAt ? { capturedAt: testCase.capturedAt } : {});
    const diagnoser = await builtInDiagnoser();
    const incidents = incidentsToDiagnose(input);
    const pods = rankPods(await Promise.all(incidents.map((i) => diagnoser.diagnose(i))));
    expect(checkTestCase(testCase, pods)).toEqual([]);
  });
});
