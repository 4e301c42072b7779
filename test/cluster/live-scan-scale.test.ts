// The request cost of a live scan at 1,000 pods, measured from the API server's audit log: a
// Deployment mid-rollout with 1,000 pods (10 failing on the new ReplicaSet) costs what 100 pods
// cost plus the extra pages of the pod list. Owners come from one list per kind; logs and nodes
// are read only for the worst pods.
import * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, kubeConfig, rawRequest, readClusterEnv, type ClusterEnv } from './helpers.js';
import { ensureNamespace, oomCrashLoopStatus, reportedRequestCount, requestsDuring, runCli, runningStatus, type CliResult } from './live-helpers.js';

const NAMESPACE = 'podmortem-scale-1k';
const FAILING = 10;
const LIST_PAGE_SIZE = 500;

async function create(kc: k8s.KubeConfig, url: string, body: unknown): Promise<{ metadata: { name: string; namespace: string; uid: string } }> {
  const res = await rawRequest(kc, 'POST', url, body);
  if (res.status >= 300) throw new Error(`POST ${url} -> ${res.status}: ${res.text}`);
  return res.json() as { metadata: { name: string; namespace: string; uid: string } };
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

describe.skipIf(!clusterAvailable())('scan at 1,000 pods (live)', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let replicaSets: Record<'old' | 'new', { metadata: { name: string; uid: string } }>;

  /** Adds pods of the old (healthy) or new (OOMKilled) ReplicaSet, as kubelet would report them. */
  async function addPods(which: 'old' | 'new', names: string[]): Promise<void> {
    const rs = replicaSets[which];
    const hash = rs.metadata.name.split('-').at(-1) as string;
    await pool(names, 16, async (name) => {
      const pod = await create(admin, `/api/v1/namespaces/${NAMESPACE}/pods`, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'fleet', 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true }] },
        spec: { nodeName: which === 'old' ? 'node-a' : 'node-c', containers: [{ name: 'app', image: `registry.example.com/fleet:${which === 'old' ? '1.0' : '1.1'}`, resources: { limits: { memory: which === 'old' ? '512Mi' : '128Mi' } } }] },
      });
      const current = (await rawRequest(admin, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods/${name}`)).json() as Record<string, unknown>;
      const status = which === 'old' ? runningStatus() : oomCrashLoopStatus(pod);
      const res = await rawRequest(admin, 'PUT', `/api/v1/namespaces/${NAMESPACE}/pods/${name}/status`, { ...current, status });
      if (res.status >= 300) throw new Error(`status of ${name} -> ${res.status}: ${res.text}`);
    });
  }

  async function scan() {
    let result: CliResult | undefined;
    const started = Date.now();
    const records = await requestsDuring(env.auditLog, async () => {
      result = await runCli(['scan', '-n', NAMESPACE, '-o', 'json', '--debug', '--kubeconfig', env.adminKubeconfig]);
    });
    const elapsed = Date.now() - started;
    expect(result?.code, result?.stderr).toBe(0);
    return { records, elapsed, result: result as CliResult, json: JSON.parse((result as CliResult).stdout) as { counts: { pods: number; unhealthy: number }; workloads: { name: string; sinceRevision: number | null }[] } };
  }

  beforeAll(async () => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    await ensureNamespace(admin, NAMESPACE);
    const apps = `/apis/apps/v1/namespaces/${NAMESPACE}`;
    const template = (image: string, memory: string, hash?: string) => ({
      metadata: { labels: { app: 'fleet', ...(hash ? { 'pod-template-hash': hash } : {}) } },
      spec: { containers: [{ name: 'app', image, resources: { limits: { memory } } }] },
    });
    const deploy = await create(admin, `${apps}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'fleet', annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { replicas: 1000, selector: { matchLabels: { app: 'fleet' } }, template: template('registry.example.com/fleet:1.1', '128Mi') },
    });
    const owner = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'fleet', uid: deploy.metadata.uid, controller: true }];
    const rs = (revision: number, hash: string, image: string, memory: string) =>
      create(admin, `${apps}/replicasets`, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `fleet-${hash}`, labels: { app: 'fleet', 'pod-template-hash': hash }, annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: owner },
        spec: { replicas: 500, selector: { matchLabels: { app: 'fleet', 'pod-template-hash': hash } }, template: template(image, memory, hash) },
      });
    replicaSets = { old: await rs(1, '6b7c8d9f5', 'registry.example.com/fleet:1.0', '512Mi'), new: await rs(2, '8d9f6b7c5', 'registry.example.com/fleet:1.1', '128Mi') };
    await addPods('new', Array.from({ length: FAILING }, (_, i) => `fleet-8d9f6b7c5-f${String(i).padStart(4, '0')}`));
    await addPods('old', Array.from({ length: 100 - FAILING }, (_, i) => `fleet-6b7c8d9f5-h${String(i).padStart(4, '0')}`));
  }, 300_000);

  it('costs what 100 pods cost, plus the extra pod pages, and names the rollout for every failing pod', async () => {
    const hundred = await scan();
    expect(hundred.json.counts).toMatchObject({ pods: 100, unhealthy: FAILING });
    const seeding = Date.now();
    await addPods('old', Array.from({ length: 900 }, (_, i) => `fleet-6b7c8d9f5-h${String(i + 100 - FAILING).padStart(4, '0')}`));
    const seeded = Date.now() - seeding;
    const thousand = await scan();
    expect(thousand.json.counts).toMatchObject({ pods: 1000, unhealthy: FAILING });
    const pages = (n: number) => Math.ceil(n / LIST_PAGE_SIZE);
    expect(thousand.records.length).toBe(hundred.records.length + pages(1000) - pages(100));
    expect(reportedRequestCount(thousand.result.stderr)).toBe(thousand.records.length);
    const reads = thousand.records.map((r) => `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`);
    expect(reads.filter((r) => r === 'list replicasets')).toHaveLength(1);
    expect(reads.filter((r) => r === 'list deployments')).toHaveLength(1);
    expect(reads.filter((r) => r.startsWith('get replicasets') || r.startsWith('get deployments'))).toEqual([]);
    expect(thousand.json.workloads.find((w) => w.name === 'fleet')?.sinceRevision).toBe(2);
    const byKind = new Map<string, number>();
    for (const r of reads) byKind.set(r, (byKind.get(r) ?? 0) + 1);
    process.stdout.write(
      `scan of 1,000 pods (${FAILING} failing): ${thousand.records.length} requests (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
        `${thousand.elapsed} ms end to end; 100 pods: ${hundred.records.length} requests, ${hundred.elapsed} ms; seeding 900 pods took ${seeded} ms\n`,
    );
  }, 300_000);
});
