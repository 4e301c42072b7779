// fixtures/recorded/ is what `npm run fixtures:record` captured from a real node (kubelet
// v1.34.4, containerd): each folder one `podmortem record` bundle of one pod plus the
// expectation the e2e suite checked live. fixtures.test.ts replays them; this keeps the set
// honest: real recordings, enough of them, nothing hand-edited into another shape.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../src/sources/bundle.js';
import { FIXTURES, readJson } from './helpers.js';

const RECORDED = join(FIXTURES, 'recorded');
const folders = (await readdir(RECORDED, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

interface RecordedPod {
  metadata: { namespace: string };
  spec: { nodeName?: string; containers: { env?: Record<string, unknown>[] }[]; initContainers?: { env?: Record<string, unknown>[] }[] };
}
interface RecordedNode {
  metadata: { name: string };
  status: { nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string } };
}

describe('fixtures/recorded', () => {
  it('holds at least 12 recorded incidents', () => {
    expect(folders.length).toBeGreaterThanOrEqual(12);
  });

  it.each(folders)('%s is one pod recorded by podmortem record from the real test node', async (name) => {
    const dir = join(RECORDED, name);
    expect((await readdir(dir)).sort()).toEqual(['bundle.json', 'podmortem-test.json']);
    const raw = await readJson<Record<string, unknown>>(join(dir, 'bundle.json'));
    const bundle = parseBundle(name, raw);
    expect(raw.createdBy).toMatch(/^podmortem /);
    expect(bundle.incidents).toHaveLength(1);
    const incident = bundle.incidents[0]!;
    expect(incident.source).toMatchObject({ kind: 'cluster' });
    const pod = incident.pod as unknown as RecordedPod;
    expect(pod.metadata.namespace).toBe('podmortem-e2e');
    // The e2e app-error workload hands its app a database password in env and arguments and
    // prints it in its log; record drops env values and redacts the rest.
    expect(JSON.stringify(raw)).not.toContain('Tr0ub4dor3');
    // Env values never leave the cluster (record drops them; names and references stay).
    for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
      for (const env of c.env ?? []) expect(env).not.toHaveProperty('value');
    }
    // A scheduled pod carries the node it ran on: the real kubelet, at the pinned release.
    if (pod.spec.nodeName) {
      const node = incident.node as unknown as RecordedNode;
      expect(node.metadata.name).toBe(pod.spec.nodeName);
      expect(node.status.nodeInfo.kubeletVersion).toBe('v1.34.4');
      expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\//);
    }
  });
});
