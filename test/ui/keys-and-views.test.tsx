import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/model/incident.js';
import type { IncidentFeed, IncidentSet } from '../../src/model/incident-feed.js';
import { galleryFeed } from '../../src/sources/gallery-feed.js';
import { KEY, lines, recordingHost, renderApp, staticFeed, type RenderedApp } from './render-app.js';
import { healthyPod, oomKilledPod } from './ui-incidents.js';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const LOGS_COMMAND = 'kubectl logs orders-api-6d8f7c9b54-q7xkz -n shop -c app --previous --tail=100';
const two = () => [oomKilledPod(), healthyPod('web-a')];
const selection = (frame: string) => lines(frame).find((l) => /^\d+\/\d+ {2}/.test(l)) ?? '';

/** The oom pod with a current log for its sidecar too, so the Logs tab has two containers to pick from. */
function withSidecarLog(): Incident {
  const pod = oomKilledPod();
  return { ...pod, logs: [...pod.logs, { container: 'log-shipper', current: '[2026/11/20 10:44:00] [ info] [output:es:es.0]    worker #0 started\n    indented continuation' }] };
}

async function openOom(columns = 80, rows = 24, host = recordingHost(), incidents = two()) {
  app = await renderApp(staticFeed(incidents), { columns, rows, host });
  await app.waitFor('orders-api');
  await app.press(KEY.enter);
  await app.waitFor('Root cause');
  return host;
}

describe('commands people copy (Findings tab)', () => {
  it('at 80 columns a command is one line, never broken, marked where it continues, and scrolls sideways with < and >', async () => {
    await openOom(80, 40);
    const frame = app!.lastFrame();
    const commandLines = lines(frame).filter((l) => /^\s+\$ /.test(l));
    expect(commandLines.length).toBeGreaterThan(1);
    for (const line of commandLines) expect(line.length).toBeLessThanOrEqual(80);
    // The long logs command is cut at the edge with a marker, not wrapped onto the next line.
    const logs = lines(frame).findIndex((l) => l.includes('$ kubectl logs orders-api'));
    expect(lines(frame)[logs]).toMatch(/»$/);
    expect(lines(frame)[logs + 1]).not.toMatch(/^\s+--tail/);
    await app!.press('>');
    const scrolled = await app!.waitFor('«');
    const shifted = lines(scrolled).find((l) => l.includes('$ «'))!;
    expect(shifted).toContain('--tail=100');
    await app!.press('<');
    await app!.waitFor((text) => !text.includes('«'));
  });

  it('n and N select commands; c copies the selected one whole through the host (OSC 52) and says so', async () => {
    const host = await openOom(80, 30);
    await app!.press('c');
    await app!.waitFor(`copied (OSC 52): ${LOGS_COMMAND.slice(0, 40)}`);
    expect(host.copied).toEqual([LOGS_COMMAND]);
    await app!.press('n', 'c');
    await app!.waitFor('copied (OSC 52): kubectl top pod');
    expect(host.copied[1]).toBe('kubectl top pod orders-api-6d8f7c9b54-q7xkz -n shop --containers');
    await app!.press('N', 'c');
    await app!.waitFor(() => host.copied.length === 3);
    expect(host.copied[2]).toBe(LOGS_COMMAND);
  });

  it('P quits and hands the selected command to print on standard output', async () => {
    const host = await openOom();
    await app!.press('n', 'P');
    const frames = app!.frames.length;
    expect(host.printed).toEqual(['kubectl top pod orders-api-6d8f7c9b54-q7xkz -n shop --containers']);
    await app!.press('?');
    expect(app!.frames.length).toBe(frames);
  });

  it('evidence values are shown whole: at 60 columns a long field path breaks at a boundary and its value follows whole, never cut', async () => {
    await openOom(60, 60);
    const frame = app!.lastFrame();
    // Between the tab bar and the key hints nothing is cut with an ellipsis but commands, which scroll sideways instead.
    for (const line of lines(frame).slice(3, -1)) {
      expect(line.length).toBeLessThanOrEqual(60);
      if (!/^\s+\$ /.test(line)) expect(line).not.toContain('…');
    }
    // The path breaks at a boundary; the value follows the last piece of it, whole.
    expect(frame).toMatch(/^ {4}- status\.containerStatuses\[app\]\.lastState\.terminated\.\n {6}exitCode: 137$/m);
    expect(frame).toMatch(/^ {6}reason: OOMKilled$/m);
    // At 80 columns the same evidence is one line each.
    app!.resize(80, 60);
    await app!.waitFor('status.containerStatuses[app].lastState.terminated.exitCode: 137');
  });
});

describe('jump keys', () => {
  it.each([
    ['d', /kubectl describe pod, as of/, /^Name: +orders-api-6d8f7c9b54-q7xkz$/m],
    ['y', /kubectl get pod -o yaml/, /^ {2}name: orders-api-6d8f7c9b54-q7xkz$/m],
    ['l', /previous instance \(kubectl logs --previous\)/, /OutOfMemoryError/],
  ])('%s opens the selected pod there from the list, and switches to it inside a pod', async (key, title, body) => {
    app = await renderApp(staticFeed(two()), { columns: 100, rows: 60 });
    await app.waitFor('orders-api');
    await app.press(key);
    const frame = await app.waitFor(title);
    expect(frame).toMatch(body);
    await app.press('1');
    await app.waitFor('Root cause');
    await app.press(key);
    await app.waitFor(title);
  });

  it('the describe view is the shared kubectl-describe renderer, with the env value redaction left as the evidence has it', async () => {
    await openOom(120, 80);
    await app!.press('d');
    const frame = await app!.waitFor('Containers:');
    expect(frame).toMatch(/^ {4}Last State: +Terminated$/m);
    expect(frame).toMatch(/^ {6}Reason: +OOMKilled$/m);
    expect(frame).toMatch(/^ {6}Exit Code: +137$/m);
    expect(frame).toMatch(/^Events:$/m);
  });
});

describe('Logs tab', () => {
  it('p toggles previous and current instance; o picks the next container; lines are exact', async () => {
    await openOom(100, 40, recordingHost(), [withSidecarLog(), healthyPod('web-a')]);
    await app!.press('l');
    let frame = await app!.waitFor('previous instance (kubectl logs --previous)');
    expect(frame).toMatch(/^Container {2}app {2}log-shipper\s*$/m);
    await app!.press('p');
    frame = await app!.waitFor('current instance (kubectl logs): no current log of app in the evidence.');
    await app!.press('p');
    await app!.waitFor('previous instance (kubectl logs --previous)');
    await app!.press('o');
    frame = await app!.waitFor('current instance (kubectl logs)  2 lines');
    // Runs of spaces and indentation exactly as logged.
    expect(frame).toContain('  [2026/11/20 10:44:00] [ info] [output:es:es.0]    worker #0 started');
    expect(frame).toMatch(/^ {6}indented continuation$/m);
    await app!.press('o');
    await app!.waitFor('previous instance (kubectl logs --previous)');
  });

  it('w wraps long log lines character by character instead of scrolling them', async () => {
    const pod = oomKilledPod();
    const long = `${'x'.repeat(70)}END`;
    await openOom(60, 30, recordingHost(), [{ ...pod, logs: [{ container: 'app', previous: long }] }, healthyPod('web-a')]);
    await app!.press('l');
    let frame = await app!.waitFor('1 lines');
    expect(frame).not.toContain('END');
    expect(frame).toMatch(/»$/m);
    await app!.press('w');
    frame = await app!.waitFor('END');
    expect(frame).toMatch(/^↪ x+END$/m);
  });
});

describe('sorting', () => {
  const pods = () => [healthyPod('web-b', 'alpha'), oomKilledPod('orders-api-1', 'zulu'), healthyPod('web-a', 'mid')];
  const order = (frame: string) => lines(frame).filter((l) => /^(zulu|alpha|mid) /.test(l)).map((l) => l.split(/\s+/)[1]);

  it('s cycles severity, restarts, age, namespace and name, shown in the header; S reverses', async () => {
    app = await renderApp(staticFeed(pods()), { columns: 200, rows: 20 });
    let frame = await app.waitFor('sort severity↓');
    expect(frame).toMatch(/SEV↓ +ROOT CAUSE/);
    expect(order(frame)).toEqual(['orders-api-1', 'web-b', 'web-a']);
    await app.press('s');
    frame = await app.waitFor('sort restarts↓');
    expect(frame).toMatch(/RESTARTS↓/);
    expect(order(frame)[0]).toBe('orders-api-1');
    await app.press('s', 's');
    frame = await app.waitFor('sort namespace↑');
    expect(order(frame)).toEqual(['web-b', 'web-a', 'orders-api-1']);
    await app.press('S');
    frame = await app.waitFor('sort namespace↓');
    expect(order(frame)).toEqual(['orders-api-1', 'web-a', 'web-b']);
    await app.press('s');
    frame = await app.waitFor('sort name↑');
    expect(order(frame)).toEqual(['orders-api-1', 'web-a', 'web-b']);
    // The selection stays on its pod through a re-sort.
    await app.press('j');
    await app.waitFor('2/3  mid/web-a');
    await app.press('S');
    await app.waitFor('2/3  mid/web-a');
  });
});

describe('the header count', () => {
  it('"N unhealthy" is exactly the rows whose SEV says CRIT or WARN (each showing a cause)', async () => {
    app = await renderApp(galleryFeed(), { columns: 200, rows: 70 });
    const frame = await app.waitFor(/ (\d+) pods, (\d+) unhealthy/, 20000);
    const [, total, unhealthy] = / (\d+) pods, (\d+) unhealthy/.exec(frame)!;
    const rows = lines(frame).slice(2, 2 + Number(total));
    const graded = rows.filter((r) => / (CRIT|WARN) {2}\S/.test(r));
    expect(graded).toHaveLength(Number(unhealthy));
    // No row without a grade shows a critical or warning cause.
    expect(rows.filter((r) => !/ (CRIT|WARN|INFO) {2}/.test(r)).every((r) => !/ {2}(CRIT|WARN) /.test(r))).toBe(true);
  }, 30000);
});

describe('the : prompt', () => {
  it(':sort picks a column, unknown commands say what exists, Esc cancels', async () => {
    app = await renderApp(staticFeed(two()), { columns: 100 });
    await app.waitFor('orders-api');
    await app.press(':');
    await app.waitFor(':ns NAME|all, :ctx NAME');
    await app.press(...'sort na'.split(''), KEY.tab);
    await app.waitFor(':sort name');
    await app.press(KEY.enter);
    await app.waitFor('sort name↑');
    await app.press(':', 'x', 'y', KEY.enter);
    await app.waitFor('unknown command :xy; try :ns NAME|all');
    await app.press(':', 'q');
    await app.waitFor(/^:q/m);
    await app.press(KEY.escape);
    await app.waitFor('Enter open');
  });

  it(':ns on files says how to filter instead', async () => {
    app = await renderApp(staticFeed(two()), { columns: 120 });
    await app.waitFor('orders-api');
    await app.press(':', ...'ns shop'.split(''), KEY.enter);
    await app.waitFor('these pods come from files, not a cluster: filter them with /ns:shop');
  });

  it(':ns NAME, :ns all and :ctx NAME switch a live feed; :ctx alone lists contexts; Tab completes names', async () => {
    const switched: string[] = [];
    const live = (context: string, namespace: string | null): IncidentFeed => ({
      title: `ctx ${context} / ${namespace ? `ns ${namespace}` : 'all namespaces'}`,
      live: true,
      load: async (): Promise<IncidentSet> => ({ incidents: [oomKilledPod(), healthyPod(`web-${context}`)], timelines: [] }),
      namespaces: async () => ['default', 'shop', 'shipping'],
      withNamespace: (next) => (switched.push(`ns ${next ?? 'all'}`), live(context, next)),
      contexts: async () => ['prod', 'staging'],
      withContext: (next) => (switched.push(`ctx ${next}`), live(next, namespace)),
    });
    app = await renderApp(live('prod', 'shop'), { columns: 100 });
    await app.waitFor('web-prod');
    await app.press(':', ...'ns shi'.split(''), KEY.tab);
    await app.waitFor(':ns shipping');
    await app.press(KEY.enter);
    await app.waitFor('ctx prod / ns shipping');
    await app.press(':', ...'ns all'.split(''), KEY.enter);
    await app.waitFor('ctx prod / all namespaces');
    await app.press(':', ...'ctx staging'.split(''), KEY.enter);
    await app.waitFor('web-staging');
    expect(app.lastFrame()).toContain('ctx staging / all namespaces');
    await app.press(':', 'c', 't', 'x', KEY.enter);
    await app.waitFor('Switch context');
    await app.press('j', KEY.enter);
    await app.waitFor('ctx staging');
    expect(switched).toEqual(['ns shipping', 'ns all', 'ctx staging', 'ctx staging']);
  });
});

describe('opening a pod directly', () => {
  it('a replay of one pod opens it at once, and Esc shows the list of that one pod', async () => {
    app = await renderApp(staticFeed([oomKilledPod()]), { columns: 100 });
    await app.waitFor('Root cause');
    await app.press(KEY.escape);
    await app.waitFor('1/1  shop/orders-api');
  });

  it('keys typed before the first pods arrive are not lost: they act on the list once it is there', async () => {
    let finish: (set: IncidentSet) => void = () => undefined;
    const feed: IncidentFeed = { title: 'slow', live: false, load: () => new Promise((resolve) => (finish = resolve)) };
    app = await renderApp(feed, { columns: 100 });
    await app.waitFor('Loading');
    app.write('/web-b');
    app.write('\r');
    app.write('\r');
    finish({ incidents: [oomKilledPod(), healthyPod('web-a'), healthyPod('web-b')], timelines: [] });
    const frame = await app.waitFor('1 Findings');
    expect(frame).toContain('web-b');
    expect(selection(frame)).toBe('');
  });
});

describe('keys typed while the UI starts', () => {
  function slowFeed() {
    let finish: (set: IncidentSet) => void = () => undefined;
    const feed: IncidentFeed = { title: 'slow', live: false, load: () => new Promise((resolve) => (finish = resolve)) };
    return { feed, finish: () => finish({ incidents: two(), timelines: [] }) };
  }

  it('q typed first quits at once; q inside /q is filter text', async () => {
    const first = slowFeed();
    app = await renderApp(first.feed, { columns: 100 });
    await app.waitFor('Loading');
    app.write('q');
    await app.press();
    const frames = app.frames.length;
    first.finish();
    await app.press('?');
    expect(app.frames.length).toBe(frames);
    app.unmount();

    const second = slowFeed();
    app = await renderApp(second.feed, { columns: 100 });
    await app.waitFor('Loading');
    app.write('/');
    app.write('q');
    second.finish();
    await app.waitFor(/\/q +1 of 2 pods/);
  });
});
