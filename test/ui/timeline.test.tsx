import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replayFeed } from '../../src/sources/replay-feed.js';
import { FIXTURES } from '../helpers.js';
import { KEY, lines, renderApp, type RenderedApp } from './render-app.js';

let app: RenderedApp;
afterEach(() => app.unmount());

async function openTimeline(columns = 120, rows = 40): Promise<string> {
  app = await renderApp(replayFeed([join(FIXTURES, 'timeline-oom-rollout')]), { columns, rows });
  // A replay of one pod opens it at once.
  return app.waitFor('snapshot 5/5');
}

describe('timeline replay', () => {
  it('opens on the latest snapshot with its time, position and what changed', async () => {
    await openTimeline();
    const frame = await app.waitFor('since previous: restarts 1 → 4 · 5 new events');
    expect(frame).toContain('snapshot 5/5  2026-11-24 14:31:20Z  latest');
    expect(frame).toMatch(/CRITICAL .*OOMKilled at its 384Mi memory limit/);
    expect(frame).toContain('[/← earlier  ]/→ later');
  });

  it('steps back and forth with [ ] and the arrows, marking status, restarts, events and findings that changed', async () => {
    await openTimeline();
    await app.press('[');
    await app.waitFor('snapshot 4/5  2026-11-24 14:16:03Z');
    let frame = await app.waitFor('since previous: status Running → CrashLoopBackOff · 1 new event · new crashloop-backoff/scorer');
    expect(frame).toMatch(/CrashLoopBackOff +NEW/);
    await app.press(KEY.left);
    await app.waitFor('snapshot 3/5');
    await app.waitFor('since previous: status OOMKilled → Running · restarts 0 → 1 · 4 new events');
    await app.press('3');
    frame = await app.waitFor('MESSAGE');
    // New and recurring events carry a + in the gutter; the ones seen before do not.
    expect(frame).toMatch(/^\+ +\S+ +Normal +Created +scorer +2 +Created container: scorer/m);
    expect(frame).toMatch(/^ {2}\S+ +Normal +Scheduled +pod +1 +Successfully assigned/m);
    await app.press('[', '[');
    await app.waitFor('snapshot 1/5');
    await app.waitFor('since previous: first snapshot');
    await app.press('[');
    expect(app.lastFrame()).toContain('snapshot 1/5');
    await app.press(']', KEY.right);
    await app.waitFor('snapshot 3/5');
    await app.press(']', ']', ']');
    frame = await app.waitFor('snapshot 5/5');
    expect(frame).toContain('latest');
  });

  it('marks the containers that changed', async () => {
    await openTimeline();
    await app.press('2', '[');
    await app.waitFor('snapshot 4/5');
    const frame = await app.waitFor(/^scorer {2}container {2}CHANGED/m);
    expect(frame).toMatch(/Last state +Terminated: OOMKilled, exit code 137/);
  });

  it('fits 80x24: header, timeline lines and tabs stay one line each', async () => {
    const frame = await openTimeline(80, 24);
    expect(lines(frame)).toHaveLength(24);
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines(frame)[2]).toBe('snapshot 5/5  2026-11-24 14:31:20Z  latest');
    expect(lines(frame)[4]).toMatch(/^ 1 Findings {2}2 Containers 3 Events 4 Logs 5 Why 6 Describe 7 YAML +\d+-\d+\/\d+$/);
    // Esc leads to the list of that one pod.
    await app.press(KEY.escape);
    await app.waitFor('1/1  payments/fraud-scorer-5c8d7f6b94-m2w7r  timeline of 5 snapshots');
  });
});
