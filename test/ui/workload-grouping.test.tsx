// `w` groups the pod list by workload: one line per workload with its roll-up, Enter opens it to
// its pods and Enter on a pod opens the pod, `w` again lists pods one per row.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentsToDiagnose } from '../../src/cli/replay-incidents.js';
import { loadReplay } from '../../src/sources/load-replay.js';
import { FIXTURES } from '../helpers.js';
import { KEY, lines, renderApp, staticFeed, type RenderedApp } from './render-app.js';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

async function rolloutIncidents() {
  const input = await loadReplay(['rollout-deployment-oom-after-limit-cut', 'rollout-statefulset-two-revisions'].map((f) => join(FIXTURES, f)), { capturedAt: '2026-03-10T14:30:00Z' });
  return incidentsToDiagnose(input);
}

const selection = (frame: string) => lines(frame).find((l) => /^\d+\/\d+ {2}/.test(l)) ?? '';

describe('grouping the pod list by workload', () => {
  it('shows one line per workload, opens one to its pods with Enter, and goes back to pods with w', async () => {
    app = await renderApp(staticFeed(await rolloutIncidents()), { columns: 160, rows: 30 });
    await app.waitFor('orders-api-7c9b8d6f4-q7xkz');
    await app.press('w');
    const grouped = await app.waitFor('▸');
    const rows = lines(grouped).filter((l) => /^(CRIT|WARN|INFO|OK) +[▸▾]/.test(l));
    expect(rows).toEqual([
      expect.stringMatching(/^CRIT +▸ shop  deploy\/orders-api 2\/3 available: 2 pods oom-limit \(container app was OOMKilled at its 512Mi memory limit\) since revision 14 +\(4 pods\)/),
      expect.stringMatching(/^CRIT +▸ storage  sts\/kv 2\/3 ready: 1 pod liveness-probe \(container app is restarted by its failing liveness probe\) since revision 2 +\(3 pods\)/),
    ]);
    expect(grouped).not.toContain('orders-api-7c9b8d6f4-q7xkz');
    expect(selection(grouped)).toMatch(/^1\/2 {2}deploy\/orders-api/);
    await app.press(KEY.enter);
    const open = await app.waitFor('▾');
    expect(open).toContain('orders-api-7c9b8d6f4-q7xkz');
    expect(open).toContain('orders-api-5d4f8c7b96-x8k2p');
    expect(open).not.toContain('kv-2 ');
    // Enter on a pod under its workload opens the pod.
    await app.press(KEY.down, KEY.enter);
    await app.waitFor('1 Findings');
    await app.press(KEY.escape);
    await app.waitFor('▾');
    await app.press('w');
    const flat = await app.waitFor((f) => !f.includes('▾') && f.includes('kv-2'));
    expect(flat).toContain('orders-api-7c9b8d6f4-q7xkz');
  });
});
