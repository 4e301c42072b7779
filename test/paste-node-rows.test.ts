import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReplay } from '../src/sources/load-replay.js';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';
import { readNodeRow } from '../src/sources/describe/get-nodes-rows.js';
import { cleanPaste } from '../src/sources/describe/paste-lines.js';

/*
 * `kubectl get nodes` rows pasted beside pod rows: the pods' node as far as STATUS shows it.
 * kubectl prints NotReady for a Ready condition that is False or Unknown alike, and Unknown when
 * the node has no Ready condition at all. Made-up clusters in the shapes real tickets show.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function findingsOf(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  const diagnoser = await builtInDiagnoser();
  return Promise.all(incidents.map(async (incident) => ({ name: incident.pod.metadata?.name, incident, findings: (await diagnoser.diagnose(incident)).findings })));
}

const NODES = [
  '$ kubectl get nodes',
  'NAME            STATUS                        ROLES           AGE   VERSION',
  'cp-1            Ready                         control-plane   40d   v1.29.4',
  'worker-a        Ready,SchedulingDisabled      <none>          40d   v1.29.4',
  'worker-b        NotReady                      <none>          40d   v1.29.4',
];
const PODS = [
  '$ kubectl get pods -o wide -n shop',
  'NAME                    READY   STATUS    RESTARTS   AGE   IP            NODE       NOMINATED NODE   READINESS GATES',
  'cart-5d9f7c8b4-k2l9m    1/1     Running   0          3h    10.42.1.17    worker-b   <none>           <none>',
  'cart-5d9f7c8b4-p8q7r    1/1     Running   0          3h    10.42.0.9     worker-a   <none>           <none>',
];

describe('kubectl get nodes rows', () => {
  it('reads NAME and STATUS in every layout kubectl printed, and nothing from other tables', () => {
    expect(readNodeRow('worker-b   NotReady   <none>   9d   v1.20.0')).toEqual({ name: 'worker-b', ready: 'NotReady', unschedulable: false, version: 'v1.20.0' });
    expect(readNodeRow('node-1   Ready,SchedulingDisabled   12d   v1.7.3')).toEqual({ name: 'node-1', ready: 'True', unschedulable: true, version: 'v1.7.3' });
    expect(readNodeRow('node-2   Unknown   3m')).toEqual({ name: 'node-2', ready: null, unschedulable: false });
    expect(readNodeRow('default   Active   40d')).toBeNull();
    expect(readNodeRow('web-0   Ready   the message of something else')).toBeNull();
  });

  it('takes rows only under their header, so a line of prose or another table stays what it was', () => {
    const under = cleanPaste(NODES.join('\n'));
    expect(under.nodeRows.map((r) => r.name)).toEqual(['cp-1', 'worker-a', 'worker-b']);
    const alone = cleanPaste('worker-b        NotReady   <none>   40d   v1.29.4');
    expect(alone.nodeRows).toEqual([]);
  });

  it('a pod the rows show Running on a NotReady node is a node failure, said without claiming False or Unknown', async () => {
    const results = await findingsOf([...NODES, ...PODS].join('\n'));
    const onNotReady = results.find((r) => r.name === 'cart-5d9f7c8b4-k2l9m');
    expect(onNotReady?.findings[0]).toMatchObject({ rule: 'node-not-ready', cause: 'node-failure' });
    const text = onNotReady?.findings[0]?.explanation ?? '';
    expect(text).toContain('worker-b NotReady');
    expect(text).toContain('False');
    expect(text).toContain('Unknown');
    expect(text).not.toMatch(/Ready=False|Ready=Unknown|for \d/);
    expect(onNotReady?.findings[0]?.evidence.map((e) => `${e.source}: ${e.text}`)).toContain('kubectl get nodes row of worker-b: STATUS NotReady (Ready is False or Unknown)');
  });

  it('a pod on a Ready (even cordoned) node stays healthy', async () => {
    const results = await findingsOf([...NODES, ...PODS].join('\n'));
    expect(results.find((r) => r.name === 'cart-5d9f7c8b4-p8q7r')?.findings).toEqual([]);
  });

  it('a node row alone is no pod: the paste is refused with the line that says what to give', async () => {
    await expect(readPaste(NODES.join('\n'), CAPTURED)).rejects.toThrow(/not kubectl output podmortem can read/);
  });

  it('the Node given whole by another input wins over its row', async () => {
    const node = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-b' },
      status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2026-11-20T11:00:00Z' }] },
    });
    const dir = await mkdtemp(join(tmpdir(), 'podmortem-node-rows-'));
    try {
      await writeFile(join(dir, 'node.json'), node);
      await writeFile(join(dir, 'paste.txt'), [...NODES, ...PODS].join('\n'));
      for (const order of [['node.json', 'paste.txt'], ['paste.txt', 'node.json']]) {
        const input = await loadReplay(order.map((f) => join(dir, f)), { capturedAt: CAPTURED });
        const pod = input.incidents.find((i) => i.pod.metadata?.name === 'cart-5d9f7c8b4-k2l9m');
        expect(pod?.node?.status?.conditions?.[0]?.status).toBe('Unknown');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a single node row beside pods that do not show their node', () => {
  const nodes = (...rows: string[]) => ['$ kubectl get nodes', 'NAME       STATUS     ROLES    AGE   VERSION', ...rows].join('\n');
  const terminating = JSON.stringify(
    { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-6d8f7b4c5-x9z2k', namespace: 'shop', creationTimestamp: '2026-11-20T10:00:00Z', deletionTimestamp: '2026-11-20T11:00:00Z', deletionGracePeriodSeconds: 30 } },
    null,
    2,
  );

  it('a pod still Terminating was on a node: the only one shown, which is NotReady, is why', async () => {
    const [pod] = await findingsOf(`${nodes('worker-1   NotReady   <none>   18h   v1.29.4')}\n\n${terminating}\n`);
    expect(pod?.incident.pod.spec?.nodeName).toBe('worker-1');
    expect(pod?.incident.missing?.join('\n')).toContain("the pod's node is not in the paste: it was read as worker-1, the only node its kubectl get nodes rows show");
    expect(pod?.findings[0]).toMatchObject({ rule: 'node-not-ready', cause: 'node-failure' });
  });

  it('a pod that shows no sign of having run is not placed: a Pending pod may be on no node at all', async () => {
    const pending = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-0', namespace: 'shop' }, status: { phase: 'Pending' } });
    const [pod] = await findingsOf(`${nodes('worker-1   NotReady   <none>   18h   v1.29.4')}\n\n${pending}\n`);
    expect(pod?.incident.pod.spec?.nodeName).toBeUndefined();
  });

  it('with two nodes shown, which one the pod was on is not known', async () => {
    const [pod] = await findingsOf(`${nodes('worker-1   NotReady   <none>   18h   v1.29.4', 'worker-2   Ready      <none>   18h   v1.29.4')}\n\n${terminating}\n`);
    expect(pod?.incident.pod.spec?.nodeName).toBeUndefined();
    expect(pod?.findings[0]).toMatchObject({ rule: 'stuck-terminating' });
    expect(pod?.findings.map((f) => f.cause)).not.toContain('node-failure');
  });
});

describe('pods of several workloads stuck Terminating on one node of a listing', () => {
  const listing = (rows: string[]) =>
    ['$ kubectl get pods -A -o wide', 'NAMESPACE   NAME                              READY   STATUS        RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES', ...rows].join('\n');
  const row = (ns: string, name: string, status: string, node: string) => `${ns.padEnd(11)} ${name.padEnd(33)} 1/1     ${status.padEnd(13)} 0          6h    10.44.3.17   ${node.padEnd(9)} <none>           <none>`;
  const stuck = [
    row('shop', 'cart-7d9f8c6b5-x2k8p', 'Terminating', 'node-7'),
    row('shop', 'checkout-5c8d7f9b4-q7w2e', 'Terminating', 'node-7'),
    row('monitoring', 'prometheus-6b7c9d8f5-m3n4p', 'Terminating', 'node-7'),
    row('shop', 'cart-7d9f8c6b5-r5t6y', 'Running', 'node-2'),
  ];

  it('reads the node as the likely reason, naming the pods that share it, while the node itself is not shown', async () => {
    const pods = await findingsOf(`${listing(stuck)}\n`);
    const cart = pods.find((p) => p.name === 'cart-7d9f8c6b5-x2k8p');
    expect({ rule: cart?.findings[0]?.rule, cause: cart?.findings[0]?.cause }).toEqual({ rule: 'node-lost-probable', cause: 'node-failure' });
    expect(cart?.findings[0]?.evidence).toContainEqual({ source: 'pods Terminating on node-7', text: 'shop/checkout-5c8d7f9b4-q7w2e, monitoring/prometheus-6b7c9d8f5-m3n4p' });
    expect(pods.find((p) => p.name === 'cart-7d9f8c6b5-r5t6y')?.findings).toEqual([]);
  });

  it('replicas of one workload Terminating together are a rollout or scale-down, not a node', async () => {
    const pods = await findingsOf(`${listing([row('shop', 'cart-7d9f8c6b5-x2k8p', 'Terminating', 'node-7'), row('shop', 'cart-7d9f8c6b5-b8n9m', 'Terminating', 'node-7'), row('shop', 'cart-7d9f8c6b5-c1v2b', 'Terminating', 'node-7')])}\n`);
    expect(pods.flatMap((p) => p.findings.map((f) => f.rule))).not.toContain('node-lost-probable');
  });

  it('a node the paste shows Ready is not blamed', async () => {
    const nodes = ['$ kubectl get nodes', 'NAME     STATUS   ROLES    AGE   VERSION', 'node-7   Ready    <none>   40d   v1.29.4', 'node-2   Ready    <none>   40d   v1.29.4'].join('\n');
    const pods = await findingsOf(`${nodes}\n${listing(stuck)}\n`);
    expect(pods.flatMap((p) => p.findings.map((f) => f.rule))).not.toContain('node-lost-probable');
  });
});
