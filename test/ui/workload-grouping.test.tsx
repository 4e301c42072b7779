// `w` groups the pod list by workload: one line per workload with its roll-up, Enter opens it to
// its pods and Enter on a pod opens the pod, `w` again lists pods one per row.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentsToDiagnose } from '../../src/cli/replay-incidents.js';
import { loadReplay } from '../../src/sources/load-replay.js';
import { FIXTURES } from '../helpers.js';
import { oomKilledPod } from './ui-incidents.js';
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

  it('keeps grouping through the filter and the sort: a workload shows only kept pods, workloads move with the sort', async () => {
    app = await renderApp(staticFeed(await rolloutIncidents()), { columns: 160, rows: 30 });
    await app.waitFor('orders-api-7c9b8d6f4-q7xkz');
    await app.press('w');
    await app.waitFor('▸');
    const workloadRows = (frame: string) => lines(frame).filter((l) => /^(CRIT|WARN|INFO|OK) +[▸▾]/.test(l)).map((l) => /[▸▾] (?:\S+ {2})?((?:deploy|sts)\/\S+)/.exec(l)?.[1]);
    // Namespace ascending, then descending: the workload lines follow their pods.
    await app.press('s', 's', 's');
    expect(workloadRows(await app.waitFor('sort namespace↑'))).toEqual(['deploy/orders-api', 'sts/kv']);
    await app.press('S');
    expect(workloadRows(await app.waitFor('sort namespace↓'))).toEqual(['sts/kv', 'deploy/orders-api']);
    // A filter on the owner keeps one workload, still grouped.
    await app.press('/', ...'owner:statefulset/kv'.split(''), KEY.enter);
    let frame = await app.waitFor(/owner:statefulset\/kv +3 of 7 pods/);
    expect(workloadRows(frame)).toEqual(['sts/kv']);
    expect(frame).toMatch(/sts\/kv .*\(3 pods\)/);
    // Opened, it lists the kept pods only; a narrower filter narrows the workload too.
    await app.press(KEY.enter);
    frame = await app.waitFor('▾');
    expect(lines(frame).filter((l) => /kv-\d/.test(l))).toHaveLength(3);
    await app.press(KEY.escape, '/', ...'owner:sts/kv !kv-0'.split(''), KEY.enter);
    frame = await app.waitFor(/!kv-0 +2 of 7 pods/);
    expect(frame).toMatch(/sts\/kv .*\(2 pods\)/);
    expect(frame).not.toMatch(/ kv-0 /);
  });

  it('OWNER names the top controller the diagnosis knows: the Deployment behind a ReplicaSet reference, blank for a bare pod', async () => {
    const viaReplicaSet = oomKilledPod('orders-api-6d8f7c9b54-q7xkz');
    const metadata = viaReplicaSet.pod.metadata!;
    metadata.labels = { app: 'orders-api', 'pod-template-hash': '6d8f7c9b54' };
    metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'orders-api-6d8f7c9b54', uid: 'rs-uid', controller: true }];
    const bare = oomKilledPod('debug-shell');
    app = await renderApp(staticFeed([viaReplicaSet, bare]), { columns: 200, rows: 20 });
    const frame = await app.waitFor('debug-shell');
    const header = lines(frame).find((l) => l.includes('OWNER'))!;
    const ownerAt = header.indexOf('OWNER');
    const ownerOf = (pod: string) => lines(frame).find((l) => l.includes(pod))!.slice(ownerAt).split(/ {2,}/)[0];
    expect(ownerOf('orders-api-6d8f7c9b54-q7xkz')).toBe('deploy/orders-api');
    expect(ownerOf('debug-shell')).toBe('');
    expect(frame).not.toContain('replicaset/');
    // The filter finds it by either spelling of the kind.
    await app.press('/', ...'owner:deployment/orders'.split(''));
    await app.waitFor(/owner:deployment\/orders +1 of 2 pods/);
  });

  it('shows the rollout change under the root cause it explains in the Findings tab, with its commands', async () => {
    app = await renderApp(staticFeed(await rolloutIncidents()), { columns: 160, rows: 120 });
    await app.waitFor('orders-api-7c9b8d6f4-q7xkz');
    await app.press('/', ...'q7xkz'.split(''), KEY.enter);
    const frame = await app.waitFor('↳ context');
    const at = (text: string) => lines(frame).findIndex((l) => l.includes(text));
    expect(at('Root cause')).toBeGreaterThanOrEqual(0);
    expect(at('↳ context')).toBeGreaterThan(at('OOMKilled at its 512Mi memory limit'));
    expect(lines(frame)[at('↳ context')]).toMatch(/^ {4}↳ context WARNING Failures began with revision 14/);
    expect(frame).not.toContain('Also found');
    expect(frame).toContain('kubectl rollout undo deployment/orders-api -n shop --to-revision=13');
    expect(frame).toContain('kubectl rollout history deployment/orders-api -n shop --revision=14');
  });
});
