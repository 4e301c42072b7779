import { describe, expect, it } from 'vitest';
import { workloadRef } from '../src/model/workload-ref.js';

describe('a workload named as people type it after kubectl', () => {
  it('uses kubectl\'s short name of each controller kind, and the lower-cased kind for others', () => {
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
