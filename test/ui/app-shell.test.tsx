import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentFeed, IncidentSet } from '../../src/model/incident-feed.js';
import { InputError } from '../../src/sources/input-error.js';
import { KEY_BINDINGS } from '../../src/ui/keys/key-bindings.js';
import { KEY, lines, renderApp, staticFeed, type RenderedApp } from './render-app.js';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
import { healthyPod, oomKilledPod } from './ui-incidents.js';

let app: RenderedApp;
afterEach(() => app.unmount());

/** A feed whose load waits until the test lets it finish (or fail). */
function gatedFeed() {
  let finish: (set: IncidentSet) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const feed: IncidentFeed = {
    title: 'replay pods.json',
    live: false,
    load(onProgress) {
      onProgress?.('reading pods.json');
      return new Promise<IncidentSet>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
    },
  };
  return { feed, finish: (set: IncidentSet) => finish(set), fail: (error: Error) => fail(error) };
}

describe('the UI shell', () => {
  it('shows a spinner saying what is being fetched, then the pods', async () => {
    const gate = gatedFeed();
    app = await renderApp(gate.feed);
    const loading = await app.waitFor('reading pods.json');
    expect(loading).toContain('Loading…');
    gate.finish({ incidents: [oomKilledPod()], timelines: [] });
    const loaded = await app.waitFor('orders-api');
    expect(loaded).not.toContain('reading pods.json');
  });

  it('shows a load error inside the UI in the CLI words and stays usable', async () => {
    const gate = gatedFeed();
    app = await renderApp(gate.feed, { columns: 80, rows: 20 });
    await app.waitFor('reading pods.json');
    gate.fail(new InputError('pods.json: no such file or folder'));
    const frame = await app.waitFor('error: pods.json: no such file or folder');
    expect(frame).toContain('Nothing loaded.');
    expect(frame.split('\n')).toHaveLength(20);
    await app.press('?');
    await app.waitFor('Keys');
    await app.press(KEY.escape);
    await app.waitFor('Nothing loaded.');
  });

  it('keeps the pods it has when a refresh fails', async () => {
    let calls = 0;
    const feed: IncidentFeed = {
      title: 'ctx test / ns shop',
      live: true,
      async load() {
        calls += 1;
        if (calls > 1) throw new InputError('cluster https://10.0.0.1:6443 is unreachable: connect ECONNREFUSED');
        return { incidents: [oomKilledPod(), healthyPod('web-a')], timelines: [] };
      },
    };
    app = await renderApp(feed);
    await app.waitFor('web-a');
    await app.press('r');
    const frame = await app.waitFor('error: cluster https://10.0.0.1:6443 is unreachable');
    expect(frame).toContain('web-a');
    expect(frame).toContain('orders-api');
  });

  it('? lists every key binding from the key table on one 80x24 screen, in two columns, and Esc closes it', async () => {
    app = await renderApp(staticFeed([oomKilledPod(), healthyPod('web-a')]), { columns: 80, rows: 24 });
    await app.waitFor('orders-api');
    await app.press('?');
    const help = await app.waitFor('Keys');
    expect(help).not.toContain('scroll,');
    expect(lines(help)).toHaveLength(24);
    for (const line of lines(help)) expect(line.length).toBeLessThanOrEqual(80);
    for (const binding of KEY_BINDINGS) {
      const { label, description } = binding.group ?? binding;
      expect(help, `${label} ${description}`).toMatch(new RegExp(` ${escapeRegex(label)} +${escapeRegex(description)}`));
    }
    // Two columns: sections side by side.
    expect(help).toMatch(/^Everywhere +While typing a filter/m);
    await app.press(KEY.escape);
    await app.waitFor('ROOT CAUSE');
  });

  it('scrolls the help when it does not fit', async () => {
    app = await renderApp(staticFeed([oomKilledPod(), healthyPod('web-a')]), { columns: 80, rows: 16 });
    await app.waitFor('orders-api');
    await app.press('?');
    const first = await app.waitFor('Keys');
    expect(first).toContain('↑/↓ scroll');
    expect(first).not.toContain('refresh from the cluster');
    await app.press('G');
    await app.waitFor('refresh from the cluster');
  });

  it.each([
    ['q', 'q'],
    ['Ctrl-C', KEY.ctrlC],
  ])('%s quits: nothing answers keys afterwards', async (_name, key) => {
    app = await renderApp(staticFeed([oomKilledPod()]));
    await app.waitFor('orders-api');
    await app.press(key);
    const frames = app.frames.length;
    await app.press('?', KEY.enter);
    expect(app.frames.length).toBe(frames);
    expect(app.lastFrame()).not.toContain('Keys');
  });

  it('handles keys that arrive together (a paste, a burst) one by one', async () => {
    app = await renderApp(staticFeed([healthyPod('web-a'), oomKilledPod(), healthyPod('web-b')]));
    await app.waitFor('orders-api');
    await app.press('/web\r');
    await app.waitFor('/web  2 of 3 pods');
    await app.press('jj\r');
    await app.waitFor('1 Findings');
    expect(app.lastFrame()).toContain('web-b');
  });

  it('does not quit on q while typing a filter', async () => {
    app = await renderApp(staticFeed([oomKilledPod(), healthyPod('web-a')]));
    await app.waitFor('orders-api');
    await app.press('/', 'q');
    await app.waitFor('/q');
    await app.press(KEY.enter, '?');
    await app.waitFor('Keys');
  });
});
