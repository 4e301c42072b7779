import { describe, expect, it } from 'vitest';
import { galleryFeed } from '../../src/sources/gallery-feed.js';
import { KEY, lines, renderApp } from './render-app.js';

function expectFits(frame: string): void {
  expect(lines(frame)).toHaveLength(24);
  for (const line of lines(frame)) expect(line.length, line).toBeLessThanOrEqual(80);
}

describe('the gallery at 80x24', () => {
  it('opens every bundled pod and shows every tab within the screen', async () => {
    const app = await renderApp(galleryFeed(), { columns: 80, rows: 24 });
    const list = await app.waitFor(/ (\d+) pods?, \d+ unhealthy/, 20000);
    const total = Number(/ (\d+) pods?,/.exec(list)![1]);
    expect(total).toBeGreaterThan(1);
    for (let position = 1; position <= total; position++) {
      const shown = await app.waitFor(new RegExp(`^${position}/${total} {2}(\\S+)/(\\S+)`, 'm'));
      const name = new RegExp(`^${position}/${total} {2}\\S+/(\\S+)`, 'm').exec(shown)![1]!;
      expectFits(shown);
      await app.press(KEY.enter);
      const findings = await app.waitFor(/^ 1 Findings /m);
      expect(lines(findings)[1]!.startsWith(name.slice(0, 40))).toBe(true);
      expectFits(findings);
      for (const [key, marker] of [['2', /^\S+ {2}(container|init container|sidecar|ephemeral)|^The evidence names no containers\.$/m], ['3', /AGE +TYPE +REASON|No events/], ['4', /instance|No logs/], ['5', /rule |No rule matched/], ['6', /kubectl describe pod, as of/], ['7', /^kind: Pod$/m]] as const) {
        await app.press(key);
        expectFits(await app.waitFor(marker));
      }
      await app.press(KEY.escape);
      await app.waitFor('ROOT CAUSE');
      await app.press(KEY.down);
    }
    app.unmount();
  }, 120000);
});
