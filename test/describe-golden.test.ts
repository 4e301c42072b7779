import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestCase } from '../src/engine/test-case.js';
import type { Incident } from '../src/model/incident.js';
import type { PodDiagnosis } from '../src/model/finding.js';
import { loadReplay, TEST_CASE_FILE } from '../src/sources/load-replay.js';
import { builtInDiagnoser, FIXTURES, fixtureNames, readJson } from './helpers.js';
import { renderDescribe } from './support/render-describe.js';

async function fixtureIncidents(name: string): Promise<Incident[]> {
  const dir = join(FIXTURES, name);
  const testCase = await readJson<TestCase>(join(dir, TEST_CASE_FILE));
  const input = await loadReplay([dir], testCase.capturedAt ? { capturedAt: testCase.capturedAt } : {});
  return [...input.incidents, ...input.timelines.flatMap((t) => t.snapshots.slice(-1))];
}

/** Reads pasted text the way `podmortem replay -` does. */
async function replayPaste(text: string, capturedAt?: string): Promise<Incident[]> {
  const input = await loadReplay(['-'], { readStdin: async () => text, ...(capturedAt ? { capturedAt } : {}) });
  return input.incidents;
}

/**
 * Facts whose evidence kubectl describe pod never prints (it shows no finalizers, and a finished
 * pod being deleted shows its phase, not Terminating). A root cause resting on one cannot come
 * back from a paste; the paste must then not invent another.
 */
const NOT_IN_DESCRIBE = new Set(['finalizers']);

function restsOnUnprintedFacts(pod: PodDiagnosis): boolean {
  return (pod.findings[0]?.why ?? []).some((condition) => NOT_IN_DESCRIBE.has(condition.fact));
}

function rootCause(pod: PodDiagnosis) {
  const top = pod.findings[0];
  return top ? { rule: top.rule, cause: top.cause, container: top.container } : null;
}

/** What describe pod does not print comes from the user's other inputs (logs, node, services), as with `replay paste.txt node.yaml`. */
function withEvidenceBesideDescribe(parsed: Incident, original: Incident): Incident {
  return {
    ...parsed,
    logs: original.logs,
    nodeEvents: original.nodeEvents,
    ...(original.node ? { node: original.node } : {}),
    ...(original.services ? { services: original.services } : {}),
    ...(original.owners ? { owners: original.owners } : {}),
  };
}

const names = await fixtureNames();

describe('describe text rendered from a fixture gives the fixture\'s root cause', () => {
  it.each(names)('%s', async (name) => {
    const diagnoser = await builtInDiagnoser();
    for (const original of await fixtureIncidents(name)) {
      const capturedAt = original.source.capturedAt;
      const [parsed, ...extra] = await replayPaste(renderDescribe(original.pod, original.events, capturedAt), capturedAt);
      expect(extra).toEqual([]);
      expect(parsed?.pod.metadata?.name).toBe(original.pod.metadata?.name);
      const fromFixture = await diagnoser.diagnose(original);
      const got = rootCause(await diagnoser.diagnose(withEvidenceBesideDescribe(parsed!, original)));
      if (restsOnUnprintedFacts(fromFixture)) expect([null, rootCause(fromFixture)]).toContainEqual(got);
      else expect(got, `${original.pod.metadata?.name}`).toEqual(rootCause(fromFixture));
    }
  });

  it('reads every fixture pod from one paste of several descriptions', async () => {
    const originals = (await Promise.all(names.map(fixtureIncidents))).flat();
    const capturedAt = '2026-11-26T15:00:00Z';
    const paste = originals.map((i) => renderDescribe(i.pod, i.events, capturedAt)).join('\n\n');
    const parsed = await replayPaste(paste, capturedAt);
    expect(parsed.map((i) => i.pod.metadata?.name)).toEqual(originals.map((i) => i.pod.metadata?.name));
    expect(parsed.map((i) => i.events.length)).toEqual(originals.map((i) => i.events.length));
  });
});
