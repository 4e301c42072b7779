import { describe, expect, it } from 'vitest';
import { fixtureNames } from './helpers.js';
import { diagnoseBothWays, restsOnUnprintedFacts, rootCause } from './support/describe-roundtrip.js';
import { describable, fixtureIncidents, readPaste } from './support/read-paste.js';
import { renderDescribe } from '../src/report/describe-text.js';

const names = await fixtureNames();

describe("describe text rendered from a fixture gives the fixture's root cause", () => {
  it.each(names)('%s', async (name) => {
    for (const original of (await fixtureIncidents(name)).filter(describable)) {
      const { fromFixture, fromPaste, parsed } = await diagnoseBothWays(original);
      expect(parsed.map((i) => i.pod.metadata?.name)).toEqual([original.pod.metadata?.name]);
      const got = fromPaste && rootCause(fromPaste);
      if (restsOnUnprintedFacts(fromFixture)) expect([null, rootCause(fromFixture)]).toContainEqual(got);
      else expect(got, `${original.pod.metadata?.name}`).toEqual(rootCause(fromFixture));
    }
  });

  it('reads every fixture pod from one paste of several descriptions', async () => {
    const originals = (await Promise.all(names.map(fixtureIncidents))).flat().filter(describable);
    const capturedAt = '2026-11-26T15:00:00Z';
    const paste = originals.map((i) => renderDescribe(i.pod, i.events, capturedAt)).join('\n\n');
    const parsed = await readPaste(paste, capturedAt);
    expect(parsed.map((i) => i.pod.metadata?.name)).toEqual(originals.map((i) => i.pod.metadata?.name));
    expect(parsed.map((i) => i.events.length)).toEqual(originals.map((i) => i.events.length));
  });
});
