// How long the pod list takes to re-render after one selection move in a 5,000-pod list:
// the real App over a feed of generated incidents, rendered in-process by ink-testing-library.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../dist/ui/components/App.js';
import { PLAIN_THEME } from '../dist/ui/theme/theme.js';
import { createDiagnoser } from '../dist/engine/diagnose.js';
import { buildRuleSet } from '../dist/engine/rule-set.js';
import { builtInRuleFiles, loadRuleValidator } from '../dist/sources/rule-files.js';
import { loadReplay } from '../dist/sources/load-replay.js';
import { generate, loadTemplates } from './generate.mjs';
import { median } from './measure.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DOWN = '\u001B[B';

async function until(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('the UI did not show the expected frame in time');
    await new Promise((resolvePromise) => setImmediate(resolvePromise));
  }
}

export async function measureSelectionMove(count, moves = 60) {
  process.env.NODE_ENV = 'production';
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-ui-bench-'));
  try {
    await generate(count, await loadTemplates(join(ROOT, 'fixtures')), join(dir, 'pods.json'), join(dir, 'events.json'), { seed: 7 });
    const set = await loadReplay([join(dir, 'pods.json'), join(dir, 'events.json')]);
    const rules = buildRuleSet(await builtInRuleFiles(), await loadRuleValidator());
    const feed = { title: 'bench', live: false, load: async () => ({ incidents: set.incidents, timelines: [] }) };
    const app = render(createElement(App, { feed, diagnoser: createDiagnoser(rules.rules), theme: PLAIN_THEME }));
    Object.defineProperty(app.stdout, 'columns', { value: 120, configurable: true, writable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 40, configurable: true, writable: true });
    app.stdout.emit('resize');
    const frame = () => app.lastFrame() ?? '';
    await until(() => frame().includes(`1/${count}`), 60000);
    const timings = [];
    for (let i = 2; i <= moves + 1; i++) {
      const started = process.hrtime.bigint();
      app.stdin.write(DOWN);
      await until(() => frame().includes(`${i}/${count} `), 5000);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    app.unmount();
    return median(timings);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
