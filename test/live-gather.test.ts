import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/sources/cluster/api-client.js';
import { gatherPod } from '../src/sources/cluster/gather-pod.js';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { ReadCache } from '../src/sources/cluster/read-cache.js';
import { builtInDiagnoser } from './helpers.js';
import { fixtureRoutes, oomFixture, startFakeApi, status, writeKubeconfig, type FakeApi } from './live-fake-api.js';

const fixture = oomFixture();
const { name, namespace } = fixture.pod.metadata;
const nodeName = fixture.pod.spec.nodeName;

describe('gathering one pod (stand-in API server)', () => {
  let api: FakeApi;
  let client: ClusterClient;

  beforeEach(async () => {
    api = await startFakeApi(fixtureRoutes(fixture));
    client = new ClusterClient(loadClusterTarget({ kubeconfig: await writeKubeconfig(api.url), env: {} }), { timeoutMs: 2000 });
  });
  afterEach(() => api.close());

  it('diagnoses with what is allowed when the node is forbidden, naming the rule that would grant it', async () => {
    api.routes.unshift((url) =>
      url.pathname === `/api/v1/nodes/${nodeName}`
        ? status(403, 'Forbidden', `nodes "${nodeName}" is forbidden: User "tester" cannot get resource "nodes" in API group "" at the cluster scope`)
        : undefined,
    );
    const incident = await gatherPod(new ReadCache(client), namespace, name);
    expect(incident.node).toBeUndefined();
    expect(incident.missing).toEqual([
      `node ${nodeName}: forbidden to get nodes (cluster-wide); grant {apiGroups: [""], resources: ["nodes"], verbs: ["get"]} in a ClusterRole`,
    ]);
    const diagnosis = await (await builtInDiagnoser()).diagnose(incident);
    expect(diagnosis.findings[0]).toMatchObject({ rule: 'oom-killed', cause: 'oom-limit', container: 'app' });
    expect(diagnosis.missing).toEqual(incident.missing);
  });

  it('costs one request per kind of evidence, sent as GETs, whatever the number of events', async () => {
    const incident = await gatherPod(new ReadCache(client), namespace, name);
    expect(incident.events.length).toBe(fixture.events.length);
    expect(api.received.every((r) => r.method === 'GET')).toBe(true);
    const paths = api.received.map((r) => r.path.split('?')[0]);
    expect(paths.sort()).toEqual(
      [
        `/api/v1/namespaces/${namespace}/pods/${name}`,
        `/api/v1/namespaces/${namespace}/events`,
        `/api/v1/nodes/${nodeName}`,
        '/api/v1/namespaces/default/events',
        `/api/v1/namespaces/${namespace}/services`,
        `/apis/apps/v1/namespaces/${namespace}/replicasets/orders-api-6d8f7c9b54`,
        `/apis/apps/v1/namespaces/${namespace}/deployments/orders-api`,
        // The Deployment's revisions and its other pods, each one list by its selector.
        `/apis/apps/v1/namespaces/${namespace}/replicasets`,
        `/api/v1/namespaces/${namespace}/pods`,
        `/api/v1/namespaces/${namespace}/pods/${name}/log`,
      ].sort(),
    );
    expect(api.received.filter((r) => r.path.includes('labelSelector')).map((r) => new URL(r.path, 'http://x').searchParams.get('labelSelector'))).toEqual(['app=orders-api', 'app=orders-api']);
    expect(incident.workload).toMatchObject({ kind: 'Deployment', name: 'orders-api', desired: 1, available: 0, revisions: [{ revision: 1, name: 'orders-api-6d8f7c9b54' }] });
    expect(incident.owners).toEqual([
      { kind: 'ReplicaSet', name: 'orders-api-6d8f7c9b54' },
      { kind: 'Deployment', name: 'orders-api' },
    ]);
    expect(incident.source).toMatchObject({ kind: 'cluster', context: 'fake' });
  });

  it('reads the previous log of the restarted container, bounded, and redacts it', async () => {
    const withSecret = { ...fixture, log: `${fixture.log}\nconnecting with password=hunter2 to postgres://orders:hunter2@db:5432\n` };
    api.routes.splice(0, api.routes.length, ...fixtureRoutes(withSecret));
    const incident = await gatherPod(new ReadCache(client), namespace, name);
    const logRequest = new URL(api.received.find((r) => r.path.includes('/log'))?.path ?? '', 'http://x');
    expect(Object.fromEntries(logRequest.searchParams)).toEqual({ container: 'app', previous: 'true', tailLines: '100', limitBytes: '65536' });
    expect(incident.logs).toHaveLength(1);
    expect(incident.logs[0]?.previous).toContain('Building export for 412000 orders');
    expect(incident.logs[0]?.previous).toContain('password=[REDACTED]');
    expect(JSON.stringify(incident)).not.toContain('hunter2');
  });

  it('keeps env names but never their values', async () => {
    const incident = await gatherPod(new ReadCache(client), namespace, name);
    expect(incident.pod.spec?.containers[0]?.env?.map((e) => e.name)).toEqual(['JAVA_TOOL_OPTIONS', 'SPRING_PROFILES_ACTIVE']);
    expect(JSON.stringify(incident.pod)).not.toContain('-Xms256m');
  });

  it('turns logs the kubelet cannot serve into missing evidence, not an error', async () => {
    api.routes.unshift((url) =>
      url.pathname.endsWith('/log')
        ? status(500, 'InternalError', `Get "https://${nodeName}:10250/containerLogs/shop/${name}/app?previous=true": dial tcp: lookup ${nodeName}: no such host`)
        : undefined,
    );
    const incident = await gatherPod(new ReadCache(client), namespace, name);
    expect(incident.logs).toEqual([]);
    expect(incident.missing).toEqual([`logs of container app (previous instance): the API server could not get it from the node's kubelet (dial tcp: lookup ${nodeName}: no such host)`]);
  });

  it("keeps the API server's dial error to the kubelet: a node out of its reach is a node failure unless the node is known Ready", async () => {
    api.routes.unshift((url) =>
      url.pathname.endsWith('/log')
        ? status(500, 'InternalError', `Get "https://10.0.4.7:10250/containerLogs/shop/${name}/app?previous=true": dial tcp 10.0.4.7:10250: i/o timeout`)
        : undefined,
    );
    const ready = await gatherPod(new ReadCache(client), namespace, name);
    expect(ready.kubeletUnreachable).toBe('dial tcp 10.0.4.7:10250: i/o timeout');
    // The fixture's node reports Ready: its kubelet posts status, so only the port is out of reach.
    const diagnoser = await builtInDiagnoser();
    expect((await diagnoser.diagnose(ready)).findings.map((f) => f.rule)).not.toContain('node-not-ready');
    api.routes.unshift((url) => (url.pathname === `/api/v1/nodes/${nodeName}` ? status(403, 'Forbidden', `nodes "${nodeName}" is forbidden`) : undefined));
    const unknownNode = await gatherPod(new ReadCache(client), namespace, name);
    const finding = (await diagnoser.diagnose(unknownNode)).findings.find((f) => f.rule === 'node-not-ready');
    expect(finding?.explanation).toContain('could not reach kubelet on node');
    expect(finding?.evidence.map((e) => e.text)).toContain("the API server could not reach the pod's kubelet: dial tcp 10.0.4.7:10250: i/o timeout");
  });

  it('reads events.k8s.io/v1 when core/v1 events are not served', async () => {
    const uid = fixture.pod.metadata.uid;
    api.routes.unshift(
      (url) => (url.pathname === `/api/v1/namespaces/${namespace}/events` ? status(404, 'NotFound', 'the server could not find the requested resource') : undefined),
      (url) =>
        url.pathname === `/apis/events.k8s.io/v1/namespaces/${namespace}/events` && url.searchParams.get('fieldSelector') === `regarding.uid=${uid}`
          ? {
              status: 200,
              body: {
                kind: 'EventList',
                metadata: {},
                items: [
                  {
                    reason: 'BackOff',
                    note: 'Back-off restarting failed container app in pod x',
                    type: 'Warning',
                    regarding: { kind: 'Pod', name, namespace, uid, fieldPath: 'spec.containers{app}' },
                    series: { count: 7, lastObservedTime: '2026-11-20T10:40:00Z' },
                    eventTime: '2026-11-20T10:00:00.000000Z',
                    reportingController: 'kubelet',
                  },
                ],
              },
            }
          : undefined,
    );
    const incident = await gatherPod(new ReadCache(client), namespace, name);
    expect(incident.events).toEqual([
      expect.objectContaining({ reason: 'BackOff', count: 7, source: 'kubelet', involvedObject: expect.objectContaining({ fieldPath: 'spec.containers{app}' }) }),
    ]);
  });

  it('turns an optional read that never answers into missing evidence after the request timeout', async () => {
    api.routes.unshift((url) => (url.pathname === `/api/v1/nodes/${nodeName}` ? 'hang' : undefined));
    const quick = new ClusterClient(client.target, { timeoutMs: 300 });
    const started = Date.now();
    const incident = await gatherPod(new ReadCache(quick), namespace, name);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(incident.missing).toEqual([`node ${nodeName}: the API server did not answer in time (get nodes (cluster-wide)); retry or raise --request-timeout`]);
  });
});
