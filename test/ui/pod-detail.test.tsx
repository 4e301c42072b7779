import { afterEach, describe, expect, it } from 'vitest';
import { KEY, lines, renderApp, staticFeed, type RenderedApp } from './render-app.js';
import { healthyPod, oomKilledPod } from './ui-incidents.js';

let app: RenderedApp;
afterEach(() => app.unmount());

const indexOf = (frame: string, text: string) => lines(frame).findIndex((l) => l.includes(text));

async function openOomPod(columns = 120, rows = 60): Promise<string> {
  app = await renderApp(staticFeed([healthyPod('web-a'), oomKilledPod()]), { columns, rows });
  await app.waitFor('orders-api');
  await app.press(KEY.enter);
  return app.waitFor('1 Findings');
}

describe('pod detail', () => {
  it('opens on Findings: root cause first with evidence and kubectl next steps, the symptom nested under it', async () => {
    const frame = await openOomPod();
    expect(lines(frame)[1]).toMatch(/^orders-api-6d8f7c9b54-q7xkz {2}shop {2}CrashLoopBackOff {2}ready 1\/2 {2}restarts 7 \(2m26s ago\) {2}age 90m/);
    const root = indexOf(frame, 'Root cause');
    const oom = indexOf(frame, 'OOMKilled at its 512Mi');
    const symptom = indexOf(frame, '↳ symptom');
    expect(root).toBeGreaterThan(0);
    expect(oom).toBe(root + 1);
    expect(lines(frame)[oom]).toMatch(/^CRITICAL /);
    expect(frame).toContain('oom-limit · rule oom-killed · container app');
    expect(frame).toContain('status.containerStatuses[app].lastState.terminated.reason: OOMKilled');
    expect(frame).toContain('$ kubectl logs orders-api-6d8f7c9b54-q7xkz -n shop -c app --previous');
    // The CrashLoopBackOff symptom comes after its cause, indented under it.
    expect(symptom).toBeGreaterThan(oom);
    expect(lines(frame)[symptom]).toMatch(/^ {4}↳ symptom CRITICAL .*CrashLoopBackOff/);
  });

  it('switches tabs with Tab, Shift-Tab and number keys, and Esc goes back to the list', async () => {
    await openOomPod();
    await app.press(KEY.tab);
    await app.waitFor('init-schema  init container');
    await app.press('3');
    await app.waitFor('MESSAGE');
    await app.press(KEY.shiftTab);
    await app.waitFor('log-shipper  sidecar');
    await app.press('5');
    await app.waitFor('oom-killed/app');
    await app.press(KEY.tab);
    await app.waitFor('kubectl describe pod');
    await app.press(KEY.tab);
    await app.waitFor('kind: Pod');
    await app.press(KEY.tab);
    await app.waitFor('Root cause');
    await app.press(KEY.escape);
    await app.waitFor('ROOT CAUSE');
    expect(app.lastFrame()).toContain('1/2  shop/orders-api');
  });

  it('Containers: init containers and sidecars marked; state, last state with exit-code meaning, restarts, limits, requests, probes', async () => {
    await openOomPod();
    await app.press('2');
    const frame = await app.waitFor('Last state');
    const order = ['init-schema  init container', 'log-shipper  sidecar (restartable init container)', 'app  container'].map((t) => indexOf(frame, t));
    expect(order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]!))).toBe(true);
    expect(frame).toMatch(/State +Waiting: CrashLoopBackOff \(back-off 5m0s/);
    expect(frame).toMatch(/Last state +Terminated: OOMKilled, exit code 137 \(killed by SIGKILL/);
    expect(frame).toMatch(/Restarts +7/);
    expect(frame).toMatch(/Limits +cpu 1, memory 512Mi/);
    expect(frame).toMatch(/Requests +cpu 250m, memory 512Mi/);
    expect(frame).toMatch(/Liveness +http-get http:\/\/:8080\/actuator\/health\/liveness delay=60s timeout=1s period=10s/);
    expect(frame).toMatch(/State +Terminated: Completed, exit code 0 \(clean exit\)/);
  });

  it('Events: age, type, reason, count and message, the container named from fieldPath', async () => {
    await openOomPod(120);
    await app.press('3');
    const frame = await app.waitFor('MESSAGE');
    expect(frame).toMatch(/AGE +TYPE +REASON +OBJECT +COUNT +MESSAGE/);
    expect(frame).toMatch(/90m +Normal +Scheduled +pod +1 +Successfully assigned shop\/orders-api/);
    expect(frame).toMatch(/5s +Warning +BackOff +app +31 +Back-off restarting failed container app/);
    // Oldest first, as a timeline.
    expect(indexOf(frame, 'Successfully assigned')).toBeLessThan(indexOf(frame, 'Back-off restarting'));
  });

  it('Events at 80 columns: the count folds into the reason and long messages wrap under the message column', async () => {
    await openOomPod(80, 30);
    await app.press('3');
    const frame = await app.waitFor('MESSAGE');
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/5s +Warning +BackOff x31 +app +Back-off restarting failed container app/);
    const backOff = indexOf(frame, 'BackOff x31');
    const messageColumn = lines(frame)[backOff]!.indexOf('Back-off');
    expect(lines(frame)[backOff + 1]!.slice(0, messageColumn).trim()).toBe('');
    expect(lines(frame)[backOff + 1]!.slice(messageColumn)).toMatch(/\S/);
  });

  it('Logs: the previous instance tail with the matched crash line highlighted and explained', async () => {
    await openOomPod();
    await app.press('4');
    const frame = await app.waitFor('previous instance');
    expect(frame).toMatch(/^Container {2}app\s*$/m);
    expect(frame).toContain('previous instance (kubectl logs --previous)  4 lines');
    // Exactly as logged: the two spaces before INFO and the tab before `at` are kept.
    expect(frame).toMatch(/^ {2}2026-11-20 10:41:29\.550 {2}INFO/m);
    expect(frame).toMatch(/^ {10}at java\.base\/java\.util\.Arrays\.copyOf/m);
    expect(frame).toMatch(/^> Exception in thread "exec-7" java\.lang\.OutOfMemoryError: Java heap space/m);
    expect(frame).toContain('← java-heap-oom: the JVM ran out of heap');
  });

  it('Why: each finding with its rule and the conditions that matched with their fact values', async () => {
    await openOomPod();
    await app.press('5');
    const frame = await app.waitFor('oom-killed/app');
    expect(frame).toMatch(/oom-killed\/app {2}rule oom-killed · cause oom-limit · root cause/);
    expect(frame).toMatch(/✓ terminationReason equal "OOMKilled" {2}← saw "OOMKilled"/);
    expect(frame).toMatch(/✓ memoryLimitSet equal true {2}← saw true/);
    expect(frame).toMatch(/crashloop-backoff\/app {2}rule crashloop-backoff .*symptom of oom-killed\/app/);
  });

  it('scrolls long content with j/k and shows the position', async () => {
    await openOomPod(80, 16);
    const top = app.lastFrame();
    const position = /(\d+)-(\d+)\/(\d+)/.exec(top);
    expect(position?.[1]).toBe('1');
    await app.press('j', 'j', 'j');
    await app.waitFor(/ 4-\d+\/\d+/);
    await app.press('G');
    const bottom = await app.waitFor(new RegExp(`-${position![3]}/${position![3]}`));
    expect(lines(bottom)).toHaveLength(16);
    await app.press('g');
    await app.waitFor(/ 1-\d+\/\d+/);
  });

  it('a healthy pod says so', async () => {
    app = await renderApp(staticFeed([healthyPod('web-a')]));
    await app.waitFor('web-a');
    await app.press(KEY.enter);
    await app.waitFor('No findings: no rule found a problem with this pod.');
  });
});
