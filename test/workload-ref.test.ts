import { describe, expect, it } from 'vitest';

// Imported inside the test: the short names are a table built when the module loads, and Stryker
// counts code run while a test file loads as no test's, so it never ran this test against them.

describe('a workload named as people type it after kubectl', () => {
  it('uses kubectl\'s short name of each controller kind, and the lower-cased kind for others', async () => {
    const { workloadRef } = await import('../src/model/workload-ref.js');
    expect(
      [
        ['Deployment', 'orders-api'],
        ['StatefulSet', 'db'],
        ['DaemonSet', 'node-exporter'],
        ['ReplicaSet', 'orders-api-7c9b8d6f4'],
        ['Job', 'migrate'],
        ['CronJob', 'nightly-report'],
        ['ReplicationController', 'legacy'],
        ['Node', 'worker-3'],
      ].map(([kind, name]) => workloadRef(kind!, name!)),
    ).toEqual(['deploy/orders-api', 'sts/db', 'ds/node-exporter', 'rs/orders-api-7c9b8d6f4', 'job/migrate', 'cronjob/nightly-report', 'rc/legacy', 'node/worker-3']);
  });
});
