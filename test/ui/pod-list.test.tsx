import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Diagnoser } from '../../src/engine/diagnose.js';
import type { Incident } from '../../src/model/incident.js';
import type { IncidentFeed, IncidentSet } from '../../src/model/incident-feed.js';
import { builtInDiagnoser } from '../helpers.js';
import { KEY, lines, renderApp, staticFeed, type RenderedApp } from './render-app.js';
import { healthyPod, oomKilledPod } from './ui-incidents.js';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const pods = () => [healthyPod('web-7c9d8f6b5-aaaaa'), oomKilledPod(), healthyPod('web-7c9d8f6b5-bbbbb')];
/** The line under the table: `position  namespace/name`. */
const selection = (frame: string) => lines(frame).find((l) => /^\d+\/\d+ {2}/.test(l)) ?? '';

describe('pod list', () => {
  it('shows name, ready, status, restarts with the last restart, age and root cause, unhealthy first', async () => {
    app = await renderApp(staticFeed(pods()), { columns: 160 });
    const frame = await app.waitFor('orders-api');
    const [header, first, second] = lines(frame).slice(1, 4);
    expect(header).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +SEV↓ +ROOT CAUSE/);
    expect(first).toMatch(/^orders-api-6d8f7c9b54-q7xkz +1\/2 +CrashLoopBackOff +7 \(2m26s ago\) +90m +CRIT +.*OOMKilled/);
    expect(second).toMatch(/^web-7c9d8f6b5-aaaaa +1\/1 +Running +0 +2d\s*$/);
    expect(frame).toContain('3 pods, 1 unhealthy');
  });

  it('moves the selection with arrows and j/k and opens the selected pod with Enter', async () => {
    app = await renderApp(staticFeed(pods()));
    await app.waitFor('orders-api');
    expect(selection(app.lastFrame())).toContain('1/3  shop/orders-api');
    await app.press(KEY.down);
    await app.waitFor('2/3  shop/web-7c9d8f6b5-aaaaa');
    await app.press('j');
    await app.waitFor('3/3  shop/web-7c9d8f6b5-bbbbb');
    await app.press('j', 'k', KEY.up);
    await app.waitFor('1/3  shop/orders-api');
    await app.press('G');
    await app.waitFor('3/3');
    await app.press(KEY.enter);
    const detail = await app.waitFor('1 Findings');
    expect(detail).toContain('web-7c9d8f6b5-bbbbb');
  });

  it('filters with / as you type, keeps the filter with Enter and clears it with Esc', async () => {
    app = await renderApp(staticFeed(pods()));
    await app.waitFor('orders-api');
    // While typing, q and j are text, not quit and move.
    await app.press('/', 'q', 'j');
    await app.waitFor('/qj');
    await app.press(KEY.backspace, KEY.backspace, 'b', 'b', 'b');
    let frame = await app.waitFor('/bbb');
    expect(frame).toContain('1 of 3 pods');
    expect(frame).not.toContain('orders-api');
    await app.press(KEY.backspace, KEY.backspace, KEY.backspace, 'o', 'o', 'm');
    frame = await app.waitFor(/\/oom +1 of 3 pods/);
    expect(selection(frame)).toContain('1/1  shop/orders-api');
    // Enter on a single match opens it; back in the list the filter is still there.
    await app.press(KEY.enter);
    await app.waitFor('1 Findings');
    await app.press(KEY.escape);
    await app.waitFor('/oom  1 of 3 pods');
    await app.press(KEY.escape);
    await app.waitFor('1/3');
    expect(app.lastFrame()).not.toContain('/oom');
    expect(app.lastFrame()).toContain('web-7c9d8f6b5-bbbbb');
  });

  it('says when the filter matches nothing', async () => {
    app = await renderApp(staticFeed(pods()));
    await app.waitFor('orders-api');
    await app.press('/', 'z', 'z');
    await app.waitFor('No pod matches /zz. Esc clears the filter.');
  });

  it('fits 80 columns: optional columns drop, names and causes are cut with an ellipsis, nothing wraps', async () => {
    const long = oomKilledPod('orders-api-with-a-really-long-deployment-name-6d8f7c9b54-q7xkz');
    app = await renderApp(staticFeed([long, ...pods()]), { columns: 80, rows: 24 });
    const frame = await app.waitFor('q7xkz');
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines(frame)).toHaveLength(24);
    const header = lines(frame)[1];
    const cut = lines(frame).find((l) => l.startsWith('orders-api-w'));
    expect(header).not.toContain('READY');
    expect(header).not.toContain('AGE');
    expect(header).toMatch(/^NAME +STATUS +SEV↓ +ROOT CAUSE/);
    // Pod names are cut in the middle so the unique suffix stays readable.
    expect(cut).toMatch(/^orders-api-w…\w+-q7xkz +CrashLoopBackOff +CRIT +container app .+…$/);
    // The line under the table names the selected pod in full.
    await app.press(KEY.down);
    await app.waitFor('2/4  shop/orders-api-with-a-really-long-deployment-name-6d8f7c9b54-q7xkz');
  });

  it('follows terminal resizes', async () => {
    app = await renderApp(staticFeed(pods()), { columns: 160, rows: 30 });
    await app.waitFor('READY');
    app.resize(60, 12);
    const narrow = await app.waitFor(/^NAME +STATUS +SEV↓ +ROOT CAUSE/m);
    expect(lines(narrow)).toHaveLength(12);
    for (const line of lines(narrow)) expect(line.length).toBeLessThanOrEqual(60);
    app.resize(200, 40);
    await app.waitFor(/NAME +READY +STATUS +RESTARTS +AGE +SEV↓ +ROOT CAUSE/);
  });

  it('shows only the rows that fit and scrolls to keep the selection in view', async () => {
    const many = Array.from({ length: 40 }, (_, i) => healthyPod(`web-${String(i).padStart(2, '0')}`));
    app = await renderApp(staticFeed(many), { columns: 100, rows: 12 });
    let frame = await app.waitFor('web-00');
    expect(lines(frame)).toHaveLength(12);
    expect(frame).not.toContain('web-10');
    await app.press(...Array.from({ length: 15 }, () => KEY.down));
    frame = await app.waitFor('16/40  shop/web-15');
    expect(frame).toContain('web-15');
    expect(frame).not.toContain('web-00');
    await app.press(KEY.pageDown);
    await app.waitFor(/^2\d\/40 {2}/m);
  });
});

/** Answers every incident with a diagnosis of the template it was cloned from, renamed: the 5,000-pod test measures the UI, not the rule engine. */
async function cloningDiagnoser(templates: readonly Incident[]): Promise<Diagnoser> {
  const real = await builtInDiagnoser();
  const diagnoses = new Map(await Promise.all(templates.map(async (t) => [t.pod.metadata!.uid!, await real.diagnose(t)] as const)));
  return {
    facts: real.facts,
    async diagnose(incident) {
      const template = diagnoses.get(incident.pod.metadata!.labels!.template!)!;
      return { ...template, name: incident.pod.metadata!.name!, uid: incident.pod.metadata!.uid ?? null };
    },
  };
}

function clone(template: Incident, i: number): Incident {
  const name = `pod-${String(i).padStart(4, '0')}`;
  return { ...template, pod: { ...template.pod, metadata: { ...template.pod.metadata, name, uid: `uid-${i}`, labels: { template: template.pod.metadata!.uid! } } } };
}

describe('a list of 5,000 pods', () => {
  // How fast a move re-renders is measured by npm run bench (bench/ui-bench.mjs), not here.
  it('draws only the visible rows and moves the selection through them', async () => {
    const templates = [oomKilledPod(), healthyPod('web')];
    const incidents = Array.from({ length: 5000 }, (_, i) => clone(templates[i % 7 === 0 ? 0 : 1]!, i));
    app = await renderApp(staticFeed(incidents), { columns: 120, rows: 40, diagnoser: await cloningDiagnoser(templates) });
    const frame = await app.waitFor('5000 pods', 20000);
    expect(lines(frame)).toHaveLength(40);
    for (let i = 2; i <= 61; i++) {
      app.write(KEY.down);
      await app.waitFor(`${i}/5000  `);
    }
    expect(lines(app.lastFrame())).toHaveLength(40);
  }, 60000);
});

describe('a live feed', () => {
  function liveFeed(namespace: string | null, sets: { onChange?: (set: IncidentSet) => void }, loads: string[]): IncidentFeed {
    const scoped = (incidents: Incident[]) => incidents.filter((i) => namespace === null || i.pod.metadata?.namespace === namespace);
    return {
      title: `ctx test / ns ${namespace ?? 'all'}`,
      live: true,
      async load() {
        loads.push(namespace ?? 'all');
        return { incidents: scoped([oomKilledPod(), healthyPod('web-a', 'shop'), healthyPod('db-0', 'data')]), timelines: [] };
      },
      watch(onChange) {
        sets.onChange = onChange;
        return () => undefined;
      },
      namespaces: async () => ['data', 'shop'],
      withNamespace: (next) => liveFeed(next, sets, loads),
    };
  }

  it('updates from the watch and keeps the selected pod selected', async () => {
    const sets: { onChange?: (set: IncidentSet) => void } = {};
    app = await renderApp(liveFeed('shop', sets, []));
    await app.waitFor('web-a');
    await app.press(KEY.down);
    await app.waitFor('2/2  shop/web-a');
    // A new failing pod sorts above the selection; the selection stays on web-a.
    sets.onChange!({ incidents: [oomKilledPod(), oomKilledPod('cart-5f6d7c8b9-hx4kz'), healthyPod('web-a')], timelines: [] });
    const frame = await app.waitFor('cart-5f6d7c8b9-hx4kz');
    expect(selection(frame)).toContain('3/3  shop/web-a');
  });

  it('switches namespace with n, shows all with A, and reloads with r', async () => {
    const loads: string[] = [];
    app = await renderApp(liveFeed('shop', {}, loads));
    await app.waitFor('web-a');
    expect(app.lastFrame()).toContain('n namespace');
    await app.press('n');
    await app.waitFor('Switch namespace');
    const picker = await app.waitFor('all namespaces');
    expect(picker).toContain('data');
    await app.press(KEY.down, KEY.enter);
    await app.waitFor('ns data');
    await app.waitFor('db-0');
    expect(app.lastFrame()).not.toContain('web-a');
    await app.press('A');
    await app.waitFor('ns all');
    await app.waitFor('web-a');
    expect(app.lastFrame()).toContain('db-0');
    await app.press('r');
    await vi.waitFor(() => expect(loads).toEqual(['shop', 'data', 'all', 'all']));
    await app.waitFor('3 pods');
  });
});
