// Every input parser, and the join and diagnosis behind it, must take time linear in its input:
// a paste of the same pod described 6,400 times once took 36 s (every block got every block's
// events). Each case doubles its input and requires the time to grow by less than 3x (a
// quadratic step grows 4x), min of several runs (see support/linear-growth.ts).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildRuleSet } from '../src/engine/rule-set.js';
import { loadReplay } from '../src/sources/load-replay.js';
import { loadRuleValidator } from '../src/sources/rule-files.js';
import { builtInDiagnoser, FIXTURES, ROOT } from './helpers.js';
import { validRule } from './rules-helpers.js';
import { doublingRatio } from './support/linear-growth.js';

const dir = await mkdtemp(join(tmpdir(), 'podmortem-linear-'));
const DESCRIBE = await readFile(join(ROOT, 'test/realworld/reference/011-customer-relations-webapp.txt'), 'utf8');
const POD_NAME = 'customer-relations-webapp-7c67c65579-ch5p9';
const [HEAD = '', EVENTS = ''] = DESCRIBE.split('Events:\n');
const EVENT_HEADER = EVENTS.split('\n').slice(0, 2).join('\n');
const EVENT_ROWS = EVENTS.trim().split('\n').slice(2);
const CONTAINER_BLOCK = /Containers:\n([\s\S]*?)Conditions:/.exec(DESCRIBE)?.[1] ?? '';
const POD_YAML = await readFile(join(FIXTURES, 'oom-killed-jvm/pod.yaml'), 'utf8');
const POD = parseYaml(POD_YAML) as { metadata: Record<string, unknown> };
const EVENT_LIST = parseYaml(await readFile(join(FIXTURES, 'oom-killed-jvm/events.yaml'), 'utf8')) as { items: Array<Record<string, unknown>> };
const BUNDLE = JSON.parse(await readFile(join(FIXTURES, 'timeline-oom-rollout/bundle.json'), 'utf8')) as { incidents: unknown[]; timelines: Array<{ snapshots: unknown[] }> };
const CAPTURED_AT = '2024-11-26T12:40:00Z';

let files = 0;
/** Writes the input once per size, so the timing covers what replay does with a file. */
async function asFile(text: string): Promise<string> {
  const file = join(dir, `input-${files++}.txt`);
  await writeFile(file, text);
  return file;
}

const replay = (file: string) => loadReplay([file], { capturedAt: CAPTURED_AT });
const times = (n: number, piece: (i: number) => string, separator = '\n') => Array.from({ length: n }, (_, i) => piece(i)).join(separator);

/** Input makers by format, each at a size the paste caps (60,000 lines) leave whole at twice the size. */
const TEXT_INPUTS: Record<string, { make: (n: number) => string; size: number }> = {
  'describe: the same pod described many times': { make: (n) => times(n, () => DESCRIBE), size: 120 },
  'describe: many different pods': { make: (n) => times(n, (i) => DESCRIBE.replaceAll(POD_NAME, `web-${i}`)), size: 100 },
  'describe: one pod with many event rows': { make: (n) => `${HEAD}Events:\n${EVENT_HEADER}\n${times(n, (i) => EVENT_ROWS[i % EVENT_ROWS.length]!)}\n`, size: 3000 },
  'describe: one pod with many containers': { make: (n) => DESCRIBE.replace(CONTAINER_BLOCK, times(n, (i) => CONTAINER_BLOCK.replace('crw-main-container', `c${i}`), '')), size: 800 },
  'describe: long lines with runs of spaces': { make: (n) => `${HEAD}Events:\n${EVENT_HEADER}\n${times(n, (i) => `  Warning  Failed     4s    kubelet  ${`x${i}   `.repeat(1000)}`)}\n`, size: 150 },
  'kubectl get events table': {
    make: (n) => `LAST SEEN   TYPE      REASON    OBJECT        MESSAGE\n${times(n, (i) => `${i % 50}m         Warning   BackOff   pod/web-${i % 7}   Back-off restarting failed container app in pod web-${i % 7}_default(abc)`)}\n`,
    size: 3000,
  },
  'YAML fragment: many container statuses and specs': {
    make: (n) =>
      `spec:\n  containers:\n${times(n, (i) => `  - name: c${i}\n    image: app:1\n    resources:\n      limits:\n        memory: 64Mi`)}\nstatus:\n  containerStatuses:\n${times(n, (i) => `  - name: c${i}\n    restartCount: 3\n    lastState:\n      terminated:\n        exitCode: 137\n        reason: OOMKilled`)}\n`,
    size: 300,
  },
  'JSON List: many pods and their events': {
    make: (n) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          ...Array.from({ length: n }, (_, i) => ({ ...POD, metadata: { ...POD.metadata, name: `p${i}`, uid: `u${i}` } })),
          ...Array.from({ length: n * 3 }, (_, i) => ({ ...EVENT_LIST.items[i % EVENT_LIST.items.length], involvedObject: { kind: 'Pod', namespace: 'shop', name: `p${i % n}`, uid: `u${i % n}` } })),
        ],
      }),
    size: 300,
  },
  'YAML: many documents': { make: (n) => times(n, (i) => POD_YAML.replaceAll('orders-api-6d8f7c9b54-q7xkz', `p${i}`), '\n---\n'), size: 40 },
  'bundle: many incidents and snapshots': {
    make: (n) => JSON.stringify({ ...BUNDLE, incidents: Array.from({ length: n }, (_, i) => BUNDLE.timelines[0]!.snapshots[i % BUNDLE.timelines[0]!.snapshots.length]), timelines: [{ ...BUNDLE.timelines[0], snapshots: Array.from({ length: n }, (_, i) => BUNDLE.timelines[0]!.snapshots[i % BUNDLE.timelines[0]!.snapshots.length]) }] }),
    size: 150,
  },
};

describe('input parsers take time linear in their input (doubling the input at most ~2x the time)', () => {
  for (const [name, { make, size }] of Object.entries(TEXT_INPUTS)) {
    it(name, async () => {
      const ratio = await doublingRatio((n) => asFile(make(n)), replay, size);
      expect(ratio).toBeLessThan(3);
    });
  }

  it('rule files: one rule with many conditions, and many rule files', async () => {
    const validator = await loadRuleValidator();
    const condition = (i: number) => ({ fact: 'terminationExitCode', operator: 'in', value: [i] });
    const oneRule = await doublingRatio(
      (n) => validRule({ conditions: { any: Array.from({ length: n }, (_, i) => condition(i)) } }),
      (data) => buildRuleSet([{ file: 'team/team-rule.json', layer: 'team', data }], validator),
      20000,
    );
    expect(oneRule).toBeLessThan(3);
    const manyFiles = await doublingRatio(
      (n) => Array.from({ length: n }, (_, i) => ({ file: `team/r${i}.json`, layer: 'team', data: validRule({ id: `r${i}`, supersedes: [`r${i + 1}`] }) })),
      (inputs) => buildRuleSet(inputs, validator),
      2000,
    );
    expect(manyFiles).toBeLessThan(3);
  });

  it('diagnosis of a pod with many failing containers', async () => {
    const diagnoser = await builtInDiagnoser();
    const ratio = await doublingRatio(
      async (n) => (await replay(await asFile(TEXT_INPUTS['describe: one pod with many containers']!.make(n)))).incidents[0]!,
      (incident) => diagnoser.diagnose(incident),
      600,
    );
    expect(ratio).toBeLessThan(3);
  });
});
