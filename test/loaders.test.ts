import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReplay } from '../src/sources/load-replay.js';
import { createBundle } from '../src/sources/bundle.js';
import { FIXTURES } from './helpers.js';

const FIXTURE = join(FIXTURES, 'oom-killed-jvm');
let dir: string;
let pod: Record<string, any>;
let events: Record<string, any>;

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podmortem-loaders-'));
  pod = parseYaml(await readFile(join(FIXTURE, 'pod.yaml'), 'utf8'));
  events = parseYaml(await readFile(join(FIXTURE, 'events.yaml'), 'utf8'));
});

describe('replay inputs', () => {
  it('reads kubectl get pod -o json and events -o json as separate files and joins them by uid', async () => {
    const p = await write('pod.json', JSON.stringify(pod));
    const e = await write('events.json', JSON.stringify(events));
    const { incidents } = await loadReplay([p, e]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.events.map((x) => x.reason)).toEqual(['Pulled', 'Started', 'BackOff']);
    expect(incidents[0]!.events[2]!.count).toBe(31);
  });

  it('reads a kubectl get pods List in YAML and multi-document YAML', async () => {
    const second = { ...pod, metadata: { ...pod.metadata, name: 'orders-api-other', uid: 'other-uid' } };
    const list = await write('pods.yaml', toYaml({ apiVersion: 'v1', kind: 'List', items: [pod, second] }));
    expect((await loadReplay([list])).incidents.map((i) => i.pod.metadata?.name)).toEqual([pod.metadata.name, 'orders-api-other']);
    const multi = await write('multi.yaml', `${toYaml(pod)}---\n${toYaml(events.items[2])}`);
    const { incidents } = await loadReplay([multi]);
    expect(incidents[0]!.events).toHaveLength(1);
  });

  it('joins events by namespace and name when they carry no uid, never to a same-named object of another kind', async () => {
    const item = events.items[2];
    const noUid = { ...item, involvedObject: { ...item.involvedObject, uid: undefined } };
    const otherKind = { ...item, involvedObject: { ...item.involvedObject, kind: 'ReplicaSet', uid: undefined } };
    const e = await write('events-nouid.json', JSON.stringify({ kind: 'List', apiVersion: 'v1', items: [noUid, otherKind] }));
    const { incidents } = await loadReplay([join(FIXTURE, 'pod.yaml'), e]);
    expect(incidents[0]!.events).toHaveLength(1);
  });

  it('does not join events of an earlier pod with the same name but another uid', async () => {
    const item = events.items[2];
    const old = { ...item, involvedObject: { ...item.involvedObject, uid: 'previous-incarnation' } };
    const e = await write('events-old.json', JSON.stringify({ kind: 'List', apiVersion: 'v1', items: [old] }));
    const { incidents } = await loadReplay([join(FIXTURE, 'pod.yaml'), e]);
    expect(incidents[0]!.events).toHaveLength(0);
  });

  it('normalises events.k8s.io/v1 events (note, regarding, series)', async () => {
    const e = await write(
      'events-v1.yaml',
      toYaml({
        apiVersion: 'events.k8s.io/v1',
        kind: 'EventList',
        items: [
          {
            apiVersion: 'events.k8s.io/v1',
            kind: 'Event',
            metadata: { name: 'x', namespace: 'shop' },
            eventTime: '2026-11-20T10:30:00.000000Z',
            reason: 'BackOff',
            note: 'Back-off restarting failed container app in pod x',
            type: 'Warning',
            reportingController: 'kubelet',
            reportingInstance: 'node-1',
            action: 'Restarting',
            regarding: { kind: 'Pod', namespace: 'shop', name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: 'spec.containers{app}' },
            series: { count: 12, lastObservedTime: '2026-11-20T10:44:00.000000Z' },
          },
        ],
      }),
    );
    const { incidents } = await loadReplay([join(FIXTURE, 'pod.yaml'), e]);
    const event = incidents[0]!.events[0]!;
    expect(event).toMatchObject({ reason: 'BackOff', count: 12, source: 'kubelet', message: 'Back-off restarting failed container app in pod x' });
    expect(event.involvedObject.fieldPath).toBe('spec.containers{app}');
    expect(event.lastTimestamp).toBe('2026-11-20T10:44:00.000000Z');
  });

  it('attaches a Node and its events, and logs given per container', async () => {
    const node = await write(
      'node.yaml',
      toYaml({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: pod.spec.nodeName },
        status: { conditions: [{ type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory' }] },
      }),
    );
    const log = await write('app.txt.log.txt', 'java.lang.OutOfMemoryError: Java heap space\n');
    const { incidents } = await loadReplay([join(FIXTURE, 'pod.yaml'), node], { logFiles: [{ container: 'app', file: log }] });
    expect(incidents[0]!.node?.metadata?.name).toBe(pod.spec.nodeName);
    expect(incidents[0]!.logs.find((l) => l.container === 'app')?.previous).toContain('OutOfMemoryError');
  });

  it('reads a podmortem bundle with incidents and timelines', async () => {
    const { incidents } = await loadReplay([FIXTURE]);
    const bundle = createBundle(incidents, [{ namespace: 'shop', name: 'x', snapshots: incidents }]);
    const file = await write('bundle.json', JSON.stringify(bundle));
    const read = await loadReplay([file]);
    expect(read.incidents).toHaveLength(1);
    expect(read.timelines[0]!.snapshots).toHaveLength(1);
    expect(read.incidents[0]!.pod.metadata?.uid).toBe(pod.metadata.uid);
  });

  it('reads standard input for -', async () => {
    const text = JSON.stringify(pod);
    const { incidents } = await loadReplay(['-'], { readStdin: async () => text });
    expect(incidents[0]!.pod.metadata?.name).toBe(pod.metadata.name);
  });

  it('takes the capture time from the evidence when none is given, and --captured-at when it is', async () => {
    const { incidents } = await loadReplay([FIXTURE]);
    expect(incidents[0]!.source.capturedAt).toBe('2026-11-20T10:44:02.000Z');
    const later = await loadReplay([FIXTURE], { capturedAt: '2026-11-21T00:00:00.000Z' });
    expect(later.incidents[0]!.source.capturedAt).toBe('2026-11-21T00:00:00.000Z');
  });
});

describe('bad inputs say what is wrong in one line', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['broken.json', '{"kind": "Pod", "metadata": ', /broken\.json is not valid JSON .*kubectl get -o json/],
    ['broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n', /broken\.yaml is not valid YAML at line \d+/],
    ['empty.yaml', '   \n', /empty\.yaml is empty/],
    ['deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n', /is a Deployment, not a Pod: .*kubectl get pods -l app=web -o yaml/],
    ['configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', /is a ConfigMap, which podmortem does not read/],
    ['events-only.json', '{"kind":"List","apiVersion":"v1","items":[]}', /no pods: add the pod itself/],
  ];
  it.each(cases)('%s', async (name, text, message) => {
    const path = await write(name, text);
    await expect(loadReplay([path])).rejects.toThrow(message);
    await expect(loadReplay([path])).rejects.toHaveProperty('name', 'InputError');
  });

  it('a missing file', async () => {
    await expect(loadReplay([join(dir, 'nope.yaml')])).rejects.toThrow(/nope\.yaml: no such file/);
  });
});
