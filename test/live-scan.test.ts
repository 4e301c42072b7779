import { afterEach, describe, expect, it } from 'vitest';
import { ClusterClient, LIST_PAGE_SIZE } from '../src/sources/cluster/api-client.js';
import { gatherScope, MAX_DETAILED_PODS } from '../src/sources/cluster/gather-scope.js';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { ReadCache } from '../src/sources/cluster/read-cache.js';
import { rankByDiagnosis } from '../src/cli/live-diagnosis.js';
import { builtInDiagnoser } from './helpers.js';
import { fixtureRoutes, oomFixture, startFakeApi, writeKubeconfig, type FakeApi, type Route } from './live-fake-api.js';

const fixture = oomFixture();

function healthyPod(i: number) {
  return {
    metadata: { name: `web-${i}`, namespace: 'shop', uid: `uid-web-${i}`, labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'web:1' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-20T09:00:00Z' } } }],
    },
  };
}

function completedJobPod(i: number) {
  return {
    metadata: { name: `report-${i}`, namespace: 'shop', uid: `uid-report-${i}`, ownerReferences: [{ kind: 'Job', name: 'report', controller: true }] },
    spec: { nodeName: 'node-1', restartPolicy: 'Never', containers: [{ name: 'main', image: 'report:1' }] },
    status: {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    },
  };
}

/** A paged pod list: `continue` is the offset of the next page. */
function pagedList(path: string, items: unknown[]): Route {
  return (url) => {
    if (url.pathname !== path || url.searchParams.get('fieldSelector')) return undefined;
    const limit = Number(url.searchParams.get('limit') ?? items.length);
    const offset = Number(url.searchParams.get('continue') || 0);
    const next = offset + limit < items.length ? String(offset + limit) : undefined;
    return { status: 200, body: { kind: 'List', metadata: { resourceVersion: '7', ...(next ? { continue: next } : {}) }, items: items.slice(offset, offset + limit) } };
  };
}

describe('scan gathering (stand-in API server)', () => {
  let api: FakeApi;
  afterEach(() => api.close());

  async function scan(healthy: number) {
    const pods = [fixture.pod, ...Array.from({ length: healthy }, (_, i) => healthyPod(i)), completedJobPod(1)];
    api = await startFakeApi([
      pagedList('/api/v1/namespaces/shop/pods', pods),
      pagedList('/api/v1/namespaces/shop/events', fixture.events),
      (url) => (url.pathname === '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices' ? { status: 200, body: { items: [] } } : undefined),
      ...fixtureRoutes(fixture),
    ]);
    const client = new ClusterClient(loadClusterTarget({ kubeconfig: await writeKubeconfig(api.url), env: {} }), { timeoutMs: 2000 });
    const incidents = await gatherScope(new ReadCache(client), { namespace: 'shop' });
    return { incidents, paths: api.received.map((r) => r.path) };
  }

  it('lists pods and events once for the scope and reads details only for pods that need attention', async () => {
    const { incidents, paths } = await scan(5);
    expect(incidents).toHaveLength(7);
    const oom = incidents.find((i) => i.pod.metadata?.name === fixture.pod.metadata.name);
    expect(oom?.events).toHaveLength(fixture.events.length);
    expect(oom?.logs[0]?.previous).toContain('Building export');
    expect(oom?.owners).toEqual([
      { kind: 'ReplicaSet', name: 'orders-api-6d8f7c9b54' },
      { kind: 'Deployment', name: 'orders-api' },
    ]);
    // Healthy and Completed pods cost nothing beyond the lists.
    expect(paths.filter((p) => p.includes('web-') || p.includes('report-'))).toEqual([]);
    const report = incidents.find((i) => i.pod.metadata?.name === 'report-1');
    expect(report?.owners).toEqual([{ kind: 'Job', name: 'report' }]);
  });

  it('sends as many requests for a thousand pods as for five, but for the extra pages', async () => {
    const few = (await scan(5)).paths.length;
    await api.close();
    const many = await scan(1200);
    expect(many.incidents).toHaveLength(1202);
    const podPages = many.paths.filter((p) => p.startsWith('/api/v1/namespaces/shop/pods?'));
    expect(podPages).toHaveLength(Math.ceil(1202 / LIST_PAGE_SIZE));
    expect(podPages[1]).toContain(`limit=${LIST_PAGE_SIZE}&continue=${LIST_PAGE_SIZE}`);
    expect(many.paths.length).toBe(few + podPages.length - 1);
  });

  /** A pod of deploy/orders-api that runs but is not ready: it needs attention, but less than an OOM kill. */
  function notReadyPod(i: number) {
    return {
      ...fixture.pod,
      metadata: { ...fixture.pod.metadata, name: `slow-${String(i).padStart(2, '0')}`, uid: `uid-slow-${i}` },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
        containerStatuses: [{ name: 'app', image: 'orders-api:2.14.1', ready: false, restartCount: 0, state: { running: { startedAt: '2026-11-20T09:00:00Z' } } }],
      },
    };
  }
  const crashPod = (i: number) => ({ ...fixture.pod, metadata: { ...fixture.pod.metadata, name: `crash-${String(i).padStart(2, '0')}`, uid: `uid-crash-${i}` } });

  async function scanOf(pods: unknown[], options: Parameters<typeof gatherScope>[2] = {}) {
    api = await startFakeApi([pagedList('/api/v1/namespaces/shop/pods', pods), pagedList('/api/v1/namespaces/shop/events', []), ...fixtureRoutes(fixture)]);
    const client = new ClusterClient(loadClusterTarget({ kubeconfig: await writeKubeconfig(api.url), env: {} }), { timeoutMs: 2000 });
    return gatherScope(new ReadCache(client), { namespace: 'shop' }, options);
  }

  it('reads logs and nodes for at most MAX_DETAILED_PODS pods needing attention and says so for the rest', async () => {
    const incidents = await scanOf(Array.from({ length: MAX_DETAILED_PODS + 3 }, (_, i) => crashPod(i)));
    const logReads = api.received.filter((r) => r.path.includes('/log?'));
    expect(logReads).toHaveLength(MAX_DETAILED_PODS);
    const undetailed = incidents.filter((i) => i.missing?.some((m) => m.startsWith('logs and node:')));
    expect(undetailed.map((i) => i.pod.metadata?.name)).toEqual(['crash-20', 'crash-21', 'crash-22']);
    // The node and its events are read once, shared by every pod on it.
    expect(api.received.filter((r) => r.path.startsWith('/api/v1/nodes/'))).toHaveLength(1);
  });

  it('reads logs and nodes for the worst pods first, whatever their place in the list', async () => {
    const diagnoser = await builtInDiagnoser();
    const pods = [...Array.from({ length: MAX_DETAILED_PODS }, (_, i) => notReadyPod(i)), ...[0, 1, 2].map(crashPod)];
    const incidents = await scanOf(pods, { rank: rankByDiagnosis(diagnoser) });
    const logsRead = api.received.filter((r) => r.path.includes('/log?')).map((r) => r.path.split('/')[6]);
    expect(logsRead).toEqual(expect.arrayContaining(['crash-00', 'crash-01', 'crash-02']));
    const skipped = incidents.filter((i) => i.missing?.some((m) => m.startsWith('logs and node:'))).map((i) => i.pod.metadata?.name);
    expect(skipped).toHaveLength(3);
    expect(skipped.every((name) => name?.startsWith('slow-'))).toBe(true);
  });

  it('resolves the owner of every unhealthy pod from one list per kind, not one read per pod', async () => {
    const incidents = await scanOf(Array.from({ length: MAX_DETAILED_PODS + 3 }, (_, i) => crashPod(i)));
    for (const incident of incidents) {
      expect(incident.owners).toEqual([
        { kind: 'ReplicaSet', name: 'orders-api-6d8f7c9b54' },
        { kind: 'Deployment', name: 'orders-api' },
      ]);
    }
    const paths = api.received.map((r) => r.path.split('?')[0]);
    expect(paths.filter((p) => p?.endsWith('/replicasets'))).toHaveLength(1);
    expect(paths.filter((p) => p?.endsWith('/deployments'))).toHaveLength(1);
    expect(paths.filter((p) => p?.includes('/replicasets/') || p?.includes('/deployments/'))).toEqual([]);
    // One workload, held once: every pod points at the same evidence, with all 23 pods summarised.
    const workload = incidents[0]?.workload;
    expect(workload).toMatchObject({ kind: 'Deployment', name: 'orders-api', desired: 1 });
    expect(workload?.pods).toHaveLength(MAX_DETAILED_PODS + 3);
    expect(incidents.every((i) => i.workload === workload)).toBe(true);
  });
});
