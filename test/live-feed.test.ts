import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentSet } from '../src/model/incident-feed.js';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { createLiveFeed } from '../src/sources/live-feed.js';
import { fixtureRoutes, heldWatch, oomFixture, startFakeApi, status, writeKubeconfig, type FakeApi, type Route } from './live-fake-api.js';

const fixture = oomFixture();

const list = (items: unknown[], resourceVersion = '5') => ({ status: 200, body: { kind: 'List', metadata: { resourceVersion }, items } });

describe('the live IncidentFeed (stand-in API server)', () => {
  let api: FakeApi;
  afterEach(() => api.close());

  async function feedWith(routes: Route[], namespace: string | null = 'shop') {
    api = await startFakeApi([...routes, ...fixtureRoutes(fixture)]);
    const target = loadClusterTarget({ kubeconfig: await writeKubeconfig(api.url), env: {} });
    return createLiveFeed({ target, timeoutMs: 2000, namespace });
  }

  const scopeLists: Route = (url) =>
    url.searchParams.get('watch') !== '1' && ['/api/v1/namespaces/shop/pods', '/api/v1/namespaces/shop/events'].includes(url.pathname) && !url.searchParams.get('fieldSelector')
      ? list(url.pathname.endsWith('/pods') ? [fixture.pod] : fixture.events)
      : undefined;

  it('loads the namespace like a scan, says what it fetches, and is titled after context and namespace', async () => {
    const feed = await feedWith([scopeLists]);
    expect(feed.title).toBe('ctx fake / ns shop');
    expect(feed.live).toBe(true);
    const progress: string[] = [];
    const set = await feed.load((what) => progress.push(what));
    expect(set.timelines).toEqual([]);
    expect(set.incidents.map((i) => i.pod.metadata?.name)).toEqual([fixture.pod.metadata.name]);
    expect(set.incidents[0]?.logs[0]?.previous).toContain('Building export');
    expect(progress).toEqual(['listing pods and events in namespace shop', 'reading logs and nodes of the 1 worst pod']);
  });

  it('switches namespace, lists the namespaces it may, and falls back to the current one when it may not', async () => {
    const feed = await feedWith([
      (url) => (url.pathname === '/api/v1/namespaces' ? list([{ metadata: { name: 'shop' } }, { metadata: { name: 'billing' } }]) : undefined),
    ]);
    expect(await feed.namespaces?.()).toEqual(['billing', 'shop']);
    expect(feed.withNamespace?.(null).title).toBe('ctx fake / all namespaces');
    expect(feed.withNamespace?.('billing').title).toBe('ctx fake / ns billing');
    api.routes.unshift((url) => (url.pathname === '/api/v1/namespaces' ? status(403, 'Forbidden', 'namespaces is forbidden') : undefined));
    expect(await feed.namespaces?.()).toEqual(['shop']);
  });

  it('delivers a fresh set after a watched change, and stops watching when asked', async () => {
    const podWatch = heldWatch();
    const feed = await feedWith([
      (url) => (url.pathname === '/api/v1/namespaces/shop/pods' && url.searchParams.get('watch') === '1' ? podWatch.answer : undefined),
      (url) =>
        url.pathname === '/api/v1/namespaces/shop/events' && url.searchParams.get('watch') === '1' ? status(403, 'Forbidden', 'events is forbidden') : undefined,
      scopeLists,
    ]);
    const sets: IncidentSet[] = [];
    const errors: Error[] = [];
    const stop = feed.watch?.((set) => sets.push(set), (error) => errors.push(error));
    await vi.waitFor(() => expect(api.received.some((r) => r.path.includes('watch=1'))).toBe(true));
    podWatch.send({ type: 'MODIFIED', object: { kind: 'Pod', metadata: { resourceVersion: '9' } } });
    await vi.waitFor(() => expect(sets).toHaveLength(1), { timeout: 5000 });
    expect(sets[0]?.incidents).toHaveLength(1);
    // Forbidden events watching does not stop the feed.
    expect(errors).toEqual([]);
    stop?.();
  });

  it('reports a failed load as one clear line', async () => {
    const feed = await feedWith([() => status(401, 'Unauthorized', 'Unauthorized')]);
    await expect(feed.load()).rejects.toThrow(/^the API server at http:\/\/127\.0\.0\.1:\d+ rejected the credentials of user "tester" in context "fake" \(401 Unauthorized\)/);
  });
});
