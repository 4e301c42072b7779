import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import { DeferredPods } from '../src/sources/deferred-pods.js';
import { inputLimits } from '../src/sources/input-limits.js';
import { loadReplay, streamReplay } from '../src/sources/load-replay.js';
import { CLI, FIXTURES } from './helpers.js';

const run = promisify(execFile);
const FIXTURE = join(FIXTURES, 'oom-killed-jvm');
let dir: string;
let pod: Record<string, any>;
let events: Record<string, any>;

async function write(name: string, text: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** `count` copies of the fixture pod with their own names and uids, and each one's events. */
function fleet(count: number) {
  const pods = [];
  const podEvents = [];
  for (let i = 0; i < count; i++) {
    const uid = `uid-${i}`;
    const name = `${pod.metadata.name}-${i}`;
    pods.push({ ...pod, metadata: { ...pod.metadata, name, uid } });
    for (const event of events.items) podEvents.push({ ...event, metadata: { ...event.metadata, name: `${name}.${event.metadata.name}` }, involvedObject: { ...event.involvedObject, name, uid } });
  }
  // Copies that share nothing, so YAML writes each in full instead of as an alias of the first.
  return JSON.parse(JSON.stringify({ pods, events: podEvents })) as { pods: any[]; events: any[] };
}

/** kubectl's own layout: keys sorted (kind after items), 4-space indentation. */
function kubectlList(items: unknown[]): string {
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4);
}

const summary = (incidents: readonly Incident[]) =>
  incidents.map((i) => `${i.pod.metadata?.name} ${i.events.map((e) => `${e.reason}x${e.count}`).join(',')}`).sort();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podmortem-stream-'));
  pod = parseYaml(await readFile(join(FIXTURE, 'pod.yaml'), 'utf8'));
  events = parseYaml(await readFile(join(FIXTURE, 'events.yaml'), 'utf8'));
});

describe('replaying kubectl JSON Lists item by item', () => {
  it('joins pods with events from a file read after them, as from JSON of any layout and from YAML', async () => {
    const { pods, events: podEvents } = fleet(30);
    const expected = pods.map((p) => `${p.metadata.name} Pulledx8,Startedx8,BackOffx31`).sort();
    const layouts = {
      kubectl: [kubectlList(pods), kubectlList(podEvents)],
      compact: [JSON.stringify({ kind: 'List', items: pods }), JSON.stringify({ kind: 'List', items: podEvents })],
      yaml: [toYaml({ apiVersion: 'v1', kind: 'List', items: pods }), toYaml({ apiVersion: 'v1', kind: 'List', items: podEvents })],
    };
    for (const [layout, [podsText, eventsText]] of Object.entries(layouts)) {
      const ext = layout === 'yaml' ? 'yaml' : 'json';
      const { incidents } = await loadReplay([await write(`pods-${layout}.${ext}`, podsText as string), await write(`events-${layout}.${ext}`, eventsText as string)]);
      expect(summary(incidents), layout).toEqual(expected);
    }
  });

  it('reads a raw API PodList (items without kind, kind first), a List that names its items kind only after them, and pods and events in one List', async () => {
    const { pods, events: podEvents } = fleet(3);
    const bare = pods.map(({ kind: _kind, apiVersion: _v, ...rest }) => rest);
    const podList = await write('podlist.json', JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: bare }, null, 2));
    const kindLast = await write('kind-last.json', JSON.stringify({ apiVersion: 'v1', items: bare, kind: 'PodList', metadata: {} }, null, 2));
    const mixed = await write('mixed.json', kubectlList([...pods, ...podEvents]));
    for (const file of [podList, kindLast]) {
      const { incidents } = await loadReplay([file, await write('events.json', kubectlList(podEvents))]);
      expect(incidents.map((i) => i.pod.metadata?.name)).toEqual(pods.map((p) => p.metadata.name));
      expect(incidents.every((i) => i.pod.kind === 'Pod' && i.events.length === 3)).toBe(true);
    }
    expect((await loadReplay([mixed])).incidents.every((i) => i.events.length === 3)).toBe(true);
  });

  it('hands on one incident at a time, waiting for each before parsing the next pod', async () => {
    const { pods } = fleet(5);
    const file = await write('five.json', kubectlList(pods));
    const seen: string[] = [];
    let busy = false;
    await streamReplay([file], {}, async (incident) => {
      expect(busy).toBe(false);
      busy = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(incident.pod.metadata?.name ?? '');
      busy = false;
    });
    expect(seen).toEqual(pods.map((p) => p.metadata.name));
  });

  it('reads valid JSON whose indentation disagrees with its nesting, byte by byte', async () => {
    const { pods, events: podEvents } = fleet(2);
    // Nested objects closed at the items' own indentation: a layout no formatter writes, still JSON.
    const misled = (text: string) => text.replace(/\n {12}\}/g, '\n        }');
    const podsText = misled(kubectlList(pods));
    const eventsText = misled(kubectlList(podEvents));
    expect(podsText).not.toBe(kubectlList(pods));
    expect(JSON.parse(podsText).items).toEqual(pods);
    const { incidents } = await loadReplay([await write('misled-pods.json', podsText), await write('misled-events.json', eventsText)]);
    expect(incidents.map((i) => [i.pod.metadata?.name, i.events.length])).toEqual(pods.map((p) => [p.metadata.name, 3]));
  });

  it('cuts pods again byte by byte when a cut made by layout does not parse, and goes on from that pod', async () => {
    const { pods } = fleet(3);
    const text = kubectlList(pods);
    const file = await write('recut.json', text);
    const { size, mtimeMs } = await import('node:fs/promises').then((fs) => fs.stat(file));
    const bytes = Buffer.from(text);
    const starts = pods.map((p) => bytes.indexOf(`{\n            "apiVersion"`, bytes.indexOf(`"name": "${p.metadata.name}"`) - 400));
    const ends = starts.map((start) => bytes.indexOf('\n        }', start) + '\n        }'.length);
    const exact = new DeferredPods(file, { path: file, size, mtimeMs });
    starts.forEach((start, i) => exact.add(bytes, start, ends[i]!, start));
    // As a misleading layout would cut them: the second pod ends too early.
    const misled = new DeferredPods(file, { path: file, size, mtimeMs });
    starts.forEach((start, i) => misled.add(bytes, start, i === 1 ? start + 200 : ends[i]!, start));
    const read: string[] = [];
    const onPod = (p: { metadata?: { name?: string } }) => void read.push(p.metadata?.name ?? '');
    await expect(misled.forEach(inputLimits(), onPod)).rejects.toThrow(/recut\.json is not valid JSON in the pod at byte \d+/);
    read.length = 0;
    misled.cutByLayout(async () => exact);
    await misled.forEach(inputLimits(), onPod);
    expect(read).toEqual(pods.map((p) => p.metadata.name));
  });

  it('reads pods piped on standard input with the events from a file', async () => {
    const { pods, events: podEvents } = fleet(4);
    const text = kubectlList(pods);
    const { incidents } = await loadReplay(['-', await write('stdin-events.json', kubectlList(podEvents))], { readStdin: async () => text });
    expect(incidents.map((i) => [i.pod.metadata?.name, i.events.length])).toEqual(pods.map((p) => [p.metadata.name, 3]));
  });

  it('lets a pod pasted as events alone give way to the real one from a streamed List', async () => {
    const { pods } = fleet(2);
    const table = `LAST SEEN   TYPE      REASON    OBJECT      MESSAGE\n2m          Warning   BackOff   pod/${pods[1].metadata.name}   Back-off restarting failed container app in pod x\n`;
    const { incidents } = await loadReplay([await write('standin-pods.json', kubectlList(pods)), await write('standin-events.txt', table)], { capturedAt: '2026-11-20T11:00:00Z' });
    expect(incidents.map((i) => i.pod.metadata?.name).sort()).toEqual(pods.map((p) => p.metadata.name).sort());
    expect(incidents.find((i) => i.pod.metadata?.name === pods[1].metadata.name)?.events.map((e) => e.reason)).toEqual(['BackOff']);
  });

  it('says so when a file changes between reading its events and reading its pods again', async () => {
    const { pods } = fleet(3);
    const file = await write('changing.json', kubectlList(pods));
    const yamlPod = await write('first.yaml', toYaml({ ...pod, metadata: { ...pod.metadata, name: 'read-first', uid: 'first' } }));
    await expect(
      streamReplay([yamlPod, file], {}, async (incident) => {
        if (incident.pod.metadata?.name === 'read-first') await writeFile(file, kubectlList(pods.slice(0, 1)));
      }),
    ).rejects.toThrow(/changing\.json changed while podmortem was reading it/);
  });
});

describe('encodings', () => {
  it('reads JSON and YAML after a UTF-8 byte-order mark, and UTF-16 with its mark (PowerShell redirection)', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const json = JSON.stringify(pod, null, 2);
    const files = [
      await write('bom.json', Buffer.concat([bom, Buffer.from(json)])),
      await write('bom.yaml', Buffer.concat([bom, Buffer.from(toYaml(pod))])),
      await write('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(kubectlList([pod]), 'utf16le')])),
      await write('utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()])),
    ];
    for (const file of files) expect((await loadReplay([file])).incidents[0]?.pod.metadata?.name, file).toBe(pod.metadata.name);
    const { incidents } = await loadReplay(['-'], { readStdin: async () => `\ufeff${json}` });
    expect(incidents[0]?.pod.metadata?.uid).toBe(pod.metadata.uid);
  });
});

describe('limits on what is read', () => {
  it('refuses a file or standard input over --max-input-size, saying how to raise it', async () => {
    const file = await write('limit.json', kubectlList(fleet(5).pods));
    const limits = inputLimits(4096);
    await expect(loadReplay([file], { limits })).rejects.toThrow(/limit\.json is \d+(\.\d)?KiB, over the 4KiB input limit: raise it with --max-input-size \(or PODMORTEM_MAX_INPUT_SIZE\)/);
    const text = await readFile(file, 'utf8');
    await expect(loadReplay(['-'], { limits, readStdin: async () => text })).rejects.toThrow(/standard input is over the 4KiB input limit/);
  });

  it('streams JSON past the size YAML and pasted text are read whole, and refuses those above it with a pointer to -o json', async () => {
    const { pods } = fleet(40);
    const limits = { ...inputLimits(), maxWholeBytes: 64 * 1024 };
    expect((await loadReplay([await write('big.json', kubectlList(pods))], { limits })).incidents).toHaveLength(40);
    await expect(loadReplay([await write('big.yaml', toYaml({ kind: 'List', items: pods }))], { limits })).rejects.toThrow(
      /big\.yaml is over 64KiB, the most podmortem reads of YAML or pasted text .*kubectl get \.\.\. -o json, which it reads one item at a time/,
    );
    await expect(loadReplay([await write('big.txt', 'Name: x\n'.repeat(20_000))], { limits })).rejects.toThrow(/big\.txt is over 64KiB/);
  });

  it('does not hold one JSON value over its limit', async () => {
    const limits = { ...inputLimits(), maxValueBytes: 2048 };
    await expect(loadReplay([await write('one-big.json', JSON.stringify({ ...pod, blob: 'x'.repeat(5000) }))], { limits })).rejects.toThrow(
      /one-big\.json holds one JSON value over 2KiB/,
    );
  });

  it('gives up on a FIFO nothing writes to after a bounded wait, and reads one that is written', async () => {
    const fifo = join(dir, 'pods.fifo');
    await run('mkfifo', [fifo]);
    const started = Date.now();
    await expect(loadReplay([fifo], { limits: inputLimits(undefined, 300) })).rejects.toThrow(/pods\.fifo is a FIFO nothing is writing to \(waited 0s\): start the command that writes it first/);
    expect(Date.now() - started).toBeLessThan(5000);
    const writer = spawn('sh', ['-c', `sleep 0.2; cat "${join(FIXTURE, 'pod.yaml')}" > "${fifo}"`]);
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const { incidents } = await loadReplay([fifo], { limits: inputLimits(undefined, 5000) });
    expect(incidents[0]?.pod.metadata?.name).toBe(pod.metadata.name);
    await exited;
  });

  it('keeps the last part of a log larger than it reads, from the start of a line', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const log = await write('app.previous.log', `${lines.join('\n')}\n`);
    const { incidents } = await loadReplay([join(FIXTURE, 'pod.yaml')], { logFiles: [{ container: 'app', file: log }], limits: { ...inputLimits(), maxWholeBytes: 4096 } });
    const text = incidents[0]?.logs.find((l) => l.container === 'app')?.previous ?? '';
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.trimEnd().endsWith('line 4999 xxxxxxxxxxxxxxxxxxxx')).toBe(true);
  });
});

describe('the command line', () => {
  it('takes --max-input-size and PODMORTEM_MAX_INPUT_SIZE, and says in one line what is wrong, without a stack trace', async () => {
    const file = await write('cli.json', kubectlList(fleet(3).pods));
    const fail = async (args: string[], env: Record<string, string> = {}) => {
      try {
        await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
        throw new Error('expected exit 2');
      } catch (error) {
        const { code, stderr } = error as { code: number; stderr: string };
        expect(code).toBe(2);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).not.toMatch(/\n\s+at /);
        return stderr;
      }
    };
    expect(await fail(['replay', file, '-o', 'json', '--max-input-size', '1Ki'])).toMatch(/cli\.json is .*over the 1KiB input limit/);
    expect(await fail(['replay', file, '-o', 'json'], { PODMORTEM_MAX_INPUT_SIZE: '2k' })).toMatch(/cli\.json is .*, over the 2kB input limit/);
    expect(await fail(['replay', file, '--max-input-size', 'lots'])).toMatch(/--max-input-size takes a size like 512Mi, 2Gi or 100M, not "lots"/);
    const { stdout } = await run(process.execPath, [CLI, 'replay', file, '-o', 'json', '--max-input-size', '64Mi']);
    expect(JSON.parse(stdout).pods).toHaveLength(3);
  });
});
