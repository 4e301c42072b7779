// `podmortem scan -A` over a fleet of 10,000 pods: every list read in pages (limit/continue),
// and a request count set by the pages and the few pods read in detail, which the audit log
// confirms. How long it takes is the benchmark's to measure (npm run bench), not a test's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, loadSeeded, readClusterEnv, type ClusterEnv } from './helpers.js';
import { reportedRequestCount, requestsDuring, runCli } from './live-helpers.js';
import { removeFleet, seedFleet } from './seed-fleet.mjs';

const FLEET = 10_000;
/** podmortem reads lists in pages of this many (api-client.ts LIST_PAGE_SIZE, as kubectl). */
const PAGE = 500;
const seeded = loadSeeded();
/** The controllers a scan lists once per kind to name owners and compare revisions. */
const CONTROLLER_RESOURCES = new Set(['replicasets', 'deployments', 'statefulsets', 'daemonsets', 'controllerrevisions', 'jobs', 'cronjobs']);

describe.skipIf(!clusterAvailable())('scan -A of a 10,000-pod fleet (live)', () => {
  let env: ClusterEnv;

  beforeAll(async () => {
    env = readClusterEnv();
    await seedFleet(env.adminKubeconfig, { pods: FLEET, prefix: 'fleet' });
  }, 600_000);

  afterAll(async () => {
    if (env) await removeFleet(env.adminKubeconfig, { pods: FLEET, prefix: 'fleet' });
  }, 120_000);

  it('reads every list in pages and sends a number of requests set by the pages, not by the pods', async () => {
    let result = { code: null as number | null, stdout: '', stderr: '' };
    const records = await requestsDuring(env.auditLog, async () => {
      result = await runCli(['scan', '-A', '-o', 'json', '--debug', '--kubeconfig', env.adminKubeconfig]);
    });
    expect(result.code, result.stderr).toBe(0);
    const scan = JSON.parse(result.stdout) as { counts: { pods: number; unhealthy: number } };
    // Other files of the suite (a 1,000-pod Deployment, rollouts) may have pods of their own in the cluster.
    expect(scan.counts.pods).toBeGreaterThanOrEqual(FLEET + seeded.pods.length);
    expect(scan.counts.unhealthy).toBeGreaterThanOrEqual(FLEET / 2);

    const lists = (resource: string) => records.filter((r) => r.verb === 'list' && r.resource === resource);
    const pods = lists('pods');
    // Pages of at most PAGE pods, each after the first continuing the one before it.
    expect(pods).toHaveLength(Math.ceil(scan.counts.pods / PAGE));
    for (const [i, page] of pods.entries()) {
      const query = new URL(page.requestURI, 'https://api').searchParams;
      expect(query.get('limit')).toBe(String(PAGE));
      expect(query.has('continue')).toBe(i > 0);
    }
    const events = lists('events');
    expect(events.length).toBeGreaterThan(1);
    for (const page of events) expect(new URL(page.requestURI, 'https://api').searchParams.get('limit')).toBe(String(PAGE));

    // Besides the pages: the Services and EndpointSlices lists, and the few pods read in detail
    // (at most 20: logs, owner, node and its events), never one request per pod.
    // One list per controller kind the unhealthy pods have (owners and revisions), paged like the rest.
    const controllerLists = records.filter((r) => r.verb === 'list' && CONTROLLER_RESOURCES.has(r.resource ?? ''));
    expect(new Set(controllerLists.map((r) => r.resource)).size).toBeLessThanOrEqual(CONTROLLER_RESOURCES.size);
    const pages = pods.length + events.length + controllerLists.length;
    expect(records.length).toBeLessThanOrEqual(pages + 2 + 20 * 5 + 2 * seeded.nodes.length);
    expect(records.filter((r) => r.verb === 'get' && r.resource === 'pods').length).toBeLessThanOrEqual(20);
    expect(new Set(records.map((r) => r.verb))).toEqual(new Set(['get', 'list']));
    expect(reportedRequestCount(result.stderr)).toBe(records.length);
  });
});
