// Revision templates hold what a pod spec holds (env values, command lines, probe headers), so
// they pass the same scrub as the pod: on replay of a kubectl dump and when a bundle is written.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle } from '../src/sources/bundle.js';
import { saveBundle } from '../src/sources/cluster/save-bundle.js';
import { loadReplay } from '../src/sources/load-replay.js';

const SECRET = 'hunter2-Sup3rSecret';
const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';

function dump() {
  const template = (hash: string, image: string) => ({
    metadata: { labels: { app: 'api', 'pod-template-hash': hash }, annotations: { 'team.example.com/contact': TOKEN } },
    spec: {
      containers: [
        {
          name: 'app',
          image,
          command: ['/app', `--db-password=${SECRET}`],
          env: [{ name: 'API_TOKEN', value: TOKEN }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }] } },
        },
      ],
    },
  });
  const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', uid: 'd1' }, spec: { replicas: 1, selector: { matchLabels: { app: 'api' } }, template: template('b', 'api:2') } };
  const rs = (hash: string, revision: string, image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `api-${hash}`, namespace: 'shop', labels: { app: 'api', 'pod-template-hash': hash }, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ kind: 'Deployment', name: 'api', uid: 'd1', controller: true }] },
    spec: { replicas: 1, template: template(hash, image) },
    status: { replicas: 1, readyReplicas: 1 },
  });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-b-x1', namespace: 'shop', uid: 'p1', labels: { app: 'api', 'pod-template-hash': 'b' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'api-b', controller: true }] },
    spec: template('b', 'api:2').spec,
    status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] },
  };
  return { apiVersion: 'v1', kind: 'List', items: [deploy, rs('a', '1', 'api:1'), rs('b', '2', 'api:2'), pod] };
}

describe('revision templates are scrubbed like the pod', () => {
  it('on replay of a kubectl dump and in a written bundle, and one workload stays one object', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-rollout-redaction-'));
    const file = join(dir, 'dump.json');
    await writeFile(file, JSON.stringify(dump()));
    const { incidents } = await loadReplay([file]);
    const workload = incidents[0]?.workload;
    expect(workload?.revisions.map((r) => r.revision)).toEqual([1, 2]);
    const kept = JSON.stringify(workload);
    for (const secret of [SECRET, TOKEN]) expect(kept).not.toContain(secret);
    // What is configured stays readable: names, where values come from, the probe path.
    expect(kept).toContain('secretKeyRef');
    expect(kept).toContain('API_TOKEN');
    expect(kept).toContain('/healthz');
    const bundle = join(dir, 'bundle.json');
    await saveBundle(bundle, createBundle(incidents));
    const written = await readFile(bundle, 'utf8');
    for (const secret of [SECRET, TOKEN]) expect(written).not.toContain(secret);
    expect(JSON.parse(written).incidents[0].workload.revisions).toHaveLength(2);
  });
});
