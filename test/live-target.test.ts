import { describe, expect, it } from 'vitest';
import { closestNames } from '../src/sources/cluster/closest-names.js';
import { labelSelectorText } from '../src/sources/cluster/label-selector.js';
import { parsePodTarget } from '../src/sources/cluster/pod-target.js';
import { DEPLOYMENTS, JOBS, STATEFUL_SETS } from '../src/sources/cluster/resources.js';

describe('parsePodTarget', () => {
  it('reads pods and the workloads kubectl names, short and long', () => {
    expect(parsePodTarget('web-0')).toEqual({ kind: 'pod', name: 'web-0' });
    expect(parsePodTarget('pod/web-0')).toEqual({ kind: 'pod', name: 'web-0' });
    expect(parsePodTarget('deploy/api')).toEqual({ kind: 'workload', type: DEPLOYMENTS, name: 'api', ref: 'deploy/api' });
    expect(parsePodTarget('deployment.apps/api')).toMatchObject({ type: DEPLOYMENTS, name: 'api' });
    expect(parsePodTarget('StatefulSet/db')).toMatchObject({ type: STATEFUL_SETS, name: 'db' });
    expect(parsePodTarget('job/nightly')).toMatchObject({ type: JOBS, name: 'nightly' });
  });

  it('says what it takes for anything else', () => {
    expect(() => parsePodTarget('svc/web')).toThrow('unknown kind "svc" in "svc/web": podmortem diagnoses pods and the pods of deploy/, sts/, ds/, job/ and rs/NAME');
    expect(() => parsePodTarget('deploy/')).toThrow(/"deploy\/" is not a pod or workload/);
    expect(() => parsePodTarget('a/b/c')).toThrow(/"a\/b\/c" is not a pod or workload/);
  });
});

describe('closestNames', () => {
  const pods = ['api-5c8d7f9b6d-x2x9q', 'config-api', 'liveness-web', 'readiness-web', 'payments-0'];

  it('prefers names that start with what was typed, then names containing it', () => {
    expect(closestNames('api', pods)).toEqual(['api-5c8d7f9b6d-x2x9q', 'config-api']);
  });

  it('finds typos within a few edits, nearest first', () => {
    expect(closestNames('readyness-web', pods)).toEqual(['readiness-web']);
    expect(closestNames('payment-0', pods)).toEqual(['payments-0']);
  });

  it('suggests nothing rather than noise', () => {
    expect(closestNames('x', pods)).toEqual([]);
    expect(closestNames('database', pods)).toEqual([]);
  });
});

describe('labelSelectorText', () => {
  it('writes matchLabels and every matchExpressions operator as a labelSelector query', () => {
    expect(
      labelSelectorText({
        matchLabels: { app: 'api', tier: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['a'] },
          { key: 'team', operator: 'Exists' },
        ],
      }),
    ).toBe('app=api,tier=web,env in (prod,staging),!canary,zone notin (a),team');
    expect(labelSelectorText({})).toBe('');
  });
});
