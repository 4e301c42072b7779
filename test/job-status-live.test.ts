import { afterEach, describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/sources/cluster/api-client.js';
import { gatherTarget } from '../src/sources/cluster/gather-target.js';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { parsePodTarget } from '../src/sources/cluster/pod-target.js';
import { ReadCache } from '../src/sources/cluster/read-cache.js';
import { builtInDiagnoser } from './helpers.js';
import { startFakeApi, writeKubeconfig, type FakeApi, type Route } from './live-fake-api.js';

/*
 * `podmortem diagnose job/NAME` against a stand-in API server: the Job it fetches carries its
 * conditions into the evidence, with its pods or, when they are gone, alone. Made-up objects.
 */

const NS = 'etl';
const UID = 'c0ffee00-1d2e-4f3a-8b5c-6d7e8f9a0b1c';
const labels = { 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'orders-export', 'controller-uid': UID, 'job-name': 'orders-export' };

function job(reason: string, message: string) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'orders-export', namespace: NS, uid: UID, labels },
    spec: { backoffLimit: 1, activeDeadlineSeconds: 600, completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } }, template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'export', image: 'registry.example.com/etl/export:1.4' }] } } },
    status: {
      startTime: '2026-07-02T01:00:00Z',
      failed: 2,
      conditions: [{ type: 'Failed', status: 'True', reason, message, lastProbeTime: '2026-07-02T01:10:00Z', lastTransitionTime: '2026-07-02T01:10:00Z' }],
    },
  };
}

const failedPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'orders-export-q4t7n', namespace: NS, uid: 'uid-q4t7n', labels, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'orders-export', uid: UID, controller: true }] },
  spec: { restartPolicy: 'Never', nodeName: 'node-9', containers: [{ name: 'export', image: 'registry.example.com/etl/export:1.4' }] },
  status: {
    phase: 'Failed',
    containerStatuses: [
      { name: 'export', image: 'registry.example.com/etl/export:1.4', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 2, reason: 'Error', startedAt: '2026-07-02T01:05:00Z', finishedAt: '2026-07-02T01:09:00Z' } } },
    ],
  },
};

function routes(jobObject: unknown, pods: unknown[]): Route[] {
  const list = (kind: string, items: unknown[]) => ({ status: 200, body: { kind, apiVersion: 'v1', metadata: { resourceVersion: '7' }, items } });
  return [
    (url) => (url.pathname === `/apis/batch/v1/namespaces/${NS}/jobs/orders-export` ? { status: 200, body: jobObject } : undefined),
    (url) => (url.pathname === `/apis/batch/v1/namespaces/${NS}/jobs` ? list('JobList', [jobObject]) : undefined),
    (url) => (url.pathname === `/apis/batch/v1/namespaces/${NS}/cronjobs` ? list('CronJobList', []) : undefined),
    (url) => (url.pathname === `/api/v1/namespaces/${NS}/pods` ? list('PodList', pods) : undefined),
    (url) => (url.pathname === `/api/v1/namespaces/${NS}/events` ? list('EventList', []) : undefined),
    (url) => (url.pathname === `/api/v1/namespaces/${NS}/services` ? list('ServiceList', []) : undefined),
    (url) => (url.pathname === `/apis/discovery.k8s.io/v1/namespaces/${NS}/endpointslices` ? list('EndpointSliceList', []) : undefined),
  ];
}

describe('diagnose job/NAME', () => {
  let api: FakeApi | undefined;
  afterEach(() => api?.close());

  async function diagnoseJob(jobObject: unknown, pods: unknown[]) {
    api = await startFakeApi(routes(jobObject, pods));
    const client = new ClusterClient(loadClusterTarget({ kubeconfig: await writeKubeconfig(api.url), env: {} }), { timeoutMs: 2000 });
    const incidents = await gatherTarget(new ReadCache(client), NS, parsePodTarget('job/orders-export'));
    const diagnoser = await builtInDiagnoser();
    return Promise.all(incidents.map((i) => diagnoser.diagnose(i)));
  }

  it('a Job whose pods were deleted after DeadlineExceeded: its condition, on a stand-in for its pods', async () => {
    const diagnoses = await diagnoseJob(job('DeadlineExceeded', 'Job was active longer than specified deadline'), []);
    expect(diagnoses).toHaveLength(1);
    expect(diagnoses[0]).toMatchObject({ name: 'orders-export-<pods not shown>', namespace: NS });
    expect(diagnoses[0]?.findings[0]).toMatchObject({ rule: 'job-deadline-exceeded', cause: 'deadline-exceeded' });
    expect(diagnoses[0]?.findings[0]?.evidence[0]).toEqual({ source: 'job/orders-export status.conditions[Failed]', text: 'DeadlineExceeded: Job was active longer than specified deadline (since 2026-07-02T01:10:00Z)' });
    expect(api?.received.every((r) => r.method === 'GET')).toBe(true);
  });

  it('a failed pod still there: its own exit is the root cause, the Job\'s BackoffLimitExceeded its symptom', async () => {
    const [d] = await diagnoseJob(job('BackoffLimitExceeded', 'Job has reached the specified backoff limit'), [failedPod]);
    expect(d?.name).toBe('orders-export-q4t7n');
    expect(d?.findings[0]).toMatchObject({ container: 'export', symptom: false });
    expect(d?.findings.find((f) => f.rule === 'job-backoff-limit-exceeded')).toMatchObject({ symptom: true, causedBy: d?.findings[0]?.id });
  });
});
