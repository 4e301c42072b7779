import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import { ClusterClient } from '../src/sources/cluster/api-client.js';
import { followPod } from '../src/sources/cluster/follow-pod.js';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { PODS } from '../src/sources/cluster/resources.js';
import { watchResource } from '../src/sources/cluster/watch-resource.js';
import { fixtureRoutes, heldWatch, oomFixture, startFakeApi, status, writeKubeconfig, type FakeApi, type Route } from './live-fake-api.js';

function stream(lines: unknown[], end: boolean) {
  return (res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    for (const line of lines) res.write(`${JSON.stringify(line)}\n`);
    if (end) res.end();
  };
}

/** Lists of pods in shop (counted, with a new resourceVersion each time) and watches answered by `onWatch`. */
function podsRoute(state: { lists: number; watches: string[] }, onWatch: (resourceVersion: string) => ReturnType<Route>): Route {
  return (url) => {
    if (url.pathname !== '/api/v1/namespaces/shop/pods') return undefined;
    if (url.searchParams.get('watch') !== '1') {
      state.lists++;
      return { status: 200, body: { kind: 'PodList', metadata: { resourceVersion: String(state.lists * 10) }, items: [] } };
    }
    const resourceVersion = url.searchParams.get('resourceVersion') ?? '';
    state.watches.push(resourceVersion);
    return onWatch(resourceVersion);
  };
}

describe('watching (stand-in API server)', () => {
  let api: FakeApi;
  afterEach(() => api.close());

  async function clientFor(routes: Route[]) {
    api = await startFakeApi(routes);
    return new ClusterClient(loadClusterTarget({ kubeconfig: await writeKubeconfig(api.url), env: {} }), { timeoutMs: 2000 });
  }

  function watchPods(client: ClusterClient) {
    const changes: (string | null)[] = [];
    const errors: Error[] = [];
    const watch = watchResource(client, { verb: 'watch', type: PODS, namespace: 'shop', query: { fieldSelector: 'metadata.name=web' } }, {
      onChange: (event) => changes.push(event ? `${event.type} ${event.object.metadata?.resourceVersion}` : null),
      onError: (error) => errors.push(error),
    });
    return { watch, changes, errors };
  }

  it('relists after a 410 Gone ERROR event, reports a change, and follows from the new version', async () => {
    const state = { lists: 0, watches: [] as string[] };
    const client = await clientFor([
      podsRoute(state, (rv) =>
        rv === '10'
          ? stream([{ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (15)' } }], true)
          : stream([{ type: 'MODIFIED', object: { kind: 'Pod', metadata: { name: 'web', resourceVersion: '21' } } }], false),
      ),
    ]);
    const { watch, changes, errors } = watchPods(client);
    await vi.waitFor(() => expect(changes).toEqual([null, 'MODIFIED 21']));
    expect(state.watches).toEqual(['10', '20']);
    expect(state.lists).toBe(2);
    expect(errors).toEqual([]);
    watch.stop();
  });

  it('relists when the watch request itself answers 410', async () => {
    const state = { lists: 0, watches: [] as string[] };
    const client = await clientFor([
      podsRoute(state, (rv) =>
        rv === '10' ? status(410, 'Expired', 'too old resource version') : stream([{ type: 'ADDED', object: { kind: 'Pod', metadata: { resourceVersion: '22' } } }], false),
      ),
    ]);
    const { watch, changes } = watchPods(client);
    await vi.waitFor(() => expect(changes).toEqual([null, 'ADDED 22']));
    expect(state.watches).toEqual(['10', '20']);
    watch.stop();
  });

  it('resumes from the last version seen when the server ends a watch, without relisting; bookmarks are not changes', async () => {
    const state = { lists: 0, watches: [] as string[] };
    const client = await clientFor([
      podsRoute(state, (rv) =>
        rv === '10'
          ? stream(
              [
                { type: 'MODIFIED', object: { kind: 'Pod', metadata: { resourceVersion: '11' } } },
                { type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '12' } } },
              ],
              true,
            )
          : stream([], false),
      ),
    ]);
    const { watch, changes } = watchPods(client);
    await vi.waitFor(() => expect(state.watches).toEqual(['10', '12']), { timeout: 4000 });
    expect(changes).toEqual(['MODIFIED 11']);
    expect(state.lists).toBe(1);
    watch.stop();
  });

  it('reports other failures once, as errors', async () => {
    const state = { lists: 0, watches: [] as string[] };
    const client = await clientFor([podsRoute(state, () => status(403, 'Forbidden', 'pods is forbidden: User "tester" cannot watch resource "pods"'))]);
    const { watch, errors } = watchPods(client);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.message).toBe('watch pods in namespace shop: pods is forbidden: User "tester" cannot watch resource "pods"');
    watch.stop();
  });

  it('follows a pod: an incident now, and a new one after the pod changes', async () => {
    const fixture = oomFixture();
    const { name } = fixture.pod.metadata;
    const state = { lists: 0, watches: [] as string[] };
    const podWatch = heldWatch();
    const client = await clientFor([
      (url) => (url.pathname === '/api/v1/namespaces/shop/pods' && url.searchParams.get('watch') === '1' ? podWatch.answer : undefined),
      (url) => (url.pathname === '/api/v1/namespaces/shop/events' && url.searchParams.get('watch') === '1' ? stream([], false) : undefined),
      podsRoute(state, () => undefined),
      (url) =>
        url.pathname === '/api/v1/namespaces/shop/events' && url.searchParams.get('limit') === '1'
          ? { status: 200, body: { kind: 'EventList', metadata: { resourceVersion: '5' }, items: [] } }
          : undefined,
      ...fixtureRoutes(fixture),
    ]);
    const incidents: Incident[] = [];
    const follower = followPod(client, 'shop', name, { onIncident: (i) => void incidents.push(i), onGone: () => {}, onError: (e) => { throw e; } });
    await follower.started;
    expect(incidents).toHaveLength(1);
    const podGets = () => api.received.filter((r) => r.path === `/api/v1/namespaces/shop/pods/${name}`).length;
    expect(podGets()).toBe(1);
    podWatch.send({ type: 'MODIFIED', object: { kind: 'Pod', metadata: { name, resourceVersion: '99' } } });
    await vi.waitFor(() => expect(incidents).toHaveLength(2));
    expect(podGets()).toBe(2);
    await follower.stop();
  });
});
