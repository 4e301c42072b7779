// The UI half of the injection corpus: hostile pods, a hostile feed title, progress lines,
// namespace names and errors drawn through every screen; no frame holds a raw control character.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/model/incident.js';
import type { IncidentFeed } from '../../src/model/incident-feed.js';
import { loadReplay } from '../../src/sources/load-replay.js';
import { hostileEvidence, PAYLOAD, rawControls, writeHostileFolder } from '../support/hostile.js';
import { KEY, renderApp, staticFeed, type RenderedApp } from './render-app.js';

let app: RenderedApp;
afterEach(() => app.unmount());

let incidents: Incident[] = [];
beforeAll(async () => {
  for (const [fixture, container] of [
    ['oom-killed-jvm', 'app'],
    ['mount-missing-secret', 'gateway'],
  ] as const) {
    const evidence = hostileEvidence(fixture, container);
    const folder = await writeHostileFolder(evidence);
    const [incident] = (await loadReplay([folder])).incidents;
    incidents.push({ ...incident!, logs: [{ container: evidence.container, previous: evidence.log }] });
  }
  // The second pod again with more events: a timeline's second snapshot, so the changes bar shows hostile events too.
  const [first, second] = incidents;
  incidents = [...incidents, { ...second!, events: [...second!.events, ...first!.events] }];
});

function expectSafeFrames(frames: readonly string[]): void {
  const problems = frames.flatMap((frame, i) => rawControls(frame).map((p) => `frame ${i}: ${p}`));
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('the UI on hostile evidence', () => {
  it('list, every tab of every pod, the timeline and the help screen show the attack and send none of it', async () => {
    const timeline = { namespace: 'shop', name: `timeline${PAYLOAD}`, snapshots: incidents.slice(1) };
    app = await renderApp(staticFeed(incidents.slice(0, 1), [timeline], `replay${PAYLOAD}`), { columns: 120, rows: 50 });
    await app.waitFor('api-gateway');
    for (let pod = 0; pod < 2; pod++) {
      await app.press(KEY.enter);
      await app.waitFor('1 Findings');
      for (const tab of ['1', '2', '3', '4', '5']) {
        await app.press(tab);
        await app.press(KEY.pageDown, KEY.pageDown);
      }
      await app.press('[', ']', KEY.escape, KEY.down);
    }
    await app.press('?');
    expect(app.frames.join('\n')).toContain('^[]52;c;b3duZWQ=^G');
    expect(app.frames.join('\n')).toContain('<U+202E>');
    expectSafeFrames(app.frames);
  });

  it('progress lines, errors and namespace names from a live feed', async () => {
    const feed: IncidentFeed = {
      title: `ctx${PAYLOAD}`,
      live: true,
      load: async (onProgress) => {
        onProgress?.(`listing pods in namespace shop${PAYLOAD}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        return { incidents: incidents.slice(0, 1), timelines: [] };
      },
      namespaces: async () => [`shop${PAYLOAD}`, 'default'],
      withNamespace: () => ({ title: 'other', live: true, load: async () => Promise.reject(new Error(`pods is forbidden${PAYLOAD}`)) }),
    };
    app = await renderApp(feed, { columns: 120, rows: 40 });
    await app.waitFor('listing pods');
    await app.waitFor('orders-api');
    await app.press('n');
    await app.waitFor('all namespaces');
    await app.press(KEY.down, KEY.enter);
    await app.waitFor('forbidden');
    expect(app.frames.join('\n')).toContain('shop ^[[2J');
    expectSafeFrames(app.frames);
  });
});
