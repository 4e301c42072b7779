import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { diagnosePaste } from './support/diagnose-paste.js';
import { readOnePod } from './support/read-paste.js';

/*
 * Statuses pasted in part say more than their missing lines suggest, and never less than a
 * failure: restarts with no termination record, a waiting message whose reason line was cut, a
 * pod-level reason at the tail of a YAML piece, a container kubelet lost when it terminated the
 * pod, kubelet's eviction text on its own, an OOM kill whose limit and usual exit code are not
 * shown, probes that fail without the kill in view. Every example is made up.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function diagnosisOf(text: string) {
  return (await diagnosePaste(text, CAPTURED)).diagnosis;
}

async function topOf(text: string) {
  return (await diagnosePaste(text, CAPTURED)).top;
}

describe('restarts without a termination record', () => {
  it('a status that shows restarts and an empty last state is an honest finding, not healthy or "got past"', async () => {
    const text = 'status:\n  phase: Running\n  containerStatuses:\n  - name: sync\n    image: acme/sync:4\n    ready: true\n    restartCount: 11\n    lastState: {}\n    state:\n      running:\n        startedAt: "2026-11-20T09:00:00Z"\n';
    const top = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause, severity: top?.severity }).toEqual({ rule: 'restarts-without-record', cause: 'crashloop-unknown', severity: 'warning' });
    expect(top?.title).toBe('container sync restarted 11 times and the evidence does not show why');
  });

  it('an old describe (no Last State line at all) with restarts says the same', async () => {
    const text = 'Name:\t\t\t\tqueue-worker-x7k2p\nNamespace:\t\t\tdefault\nImage(s):\t\t\tacme/queue\nStatus:\t\t\t\tRunning\nContainers:\n  worker:\n    Image:\tacme/queue\n    State:\t\tRunning\n      Started:\t\tTue, 07 Jul 2015 12:54:41 -0700\n    Ready:\t\tFalse\n    Restart Count:\t3\n';
    expect((await topOf(text))?.rule).toBe('restarts-without-record');
  });

  it('is not claimed where the last termination is shown', async () => {
    const text = 'containerStatuses:\n- name: sync\n  restartCount: 2\n  ready: false\n  lastState:\n    terminated:\n      exitCode: 1\n      reason: Error\n  state:\n    running:\n      startedAt: "2026-11-20T11:59:00Z"\n';
    const findings = (await diagnosisOf(text)).findings.map((f) => f.rule);
    expect(findings).not.toContain('restarts-without-record');
    expect(findings[0]).toBe('app-error-exit');
  });
});

describe('a waiting state whose reason line is missing', () => {
  it('"Back-off pulling image" is kubelet\'s text for ImagePullBackOff: an image pull failure', async () => {
    const text = 'containerStatuses:\n- name: indexer\n  image: registry.internal:5000/search/indexer:7f3a\n  restartCount: 0\n  ready: false\n  state:\n    waiting:\n      message: Back-off pulling image "registry.internal:5000/search/indexer:7f3a"\n';
    const incident = await readOnePod(text, CAPTURED);
    const facts = (await builtInDiagnoser()).facts(incident);
    expect(facts.containers[0]?.values.waitingReason).toBe('ImagePullBackOff');
    expect((await topOf(text))?.cause).toBe('image-pull');
  });

  it('"back-off ... restarting failed container" is CrashLoopBackOff', async () => {
    const text = 'containerStatuses:\n- name: api\n  restartCount: 6\n  state:\n    waiting:\n      message: back-off 2m40s restarting failed container=api pod=api-0_prod(1234)\n';
    const top = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'crashloop-backoff', cause: 'crashloop-unknown' });
  });
});

describe('pod-level reasons and messages on their own', () => {
  it('the tail of a status with reason NodeLost (and nothing else) is a node failure', async () => {
    const top = await topOf('status:\n  message: Node worker-17 which was running pod cache-2 is unresponsive\n  reason: NodeLost\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'node-not-ready', cause: 'node-failure' });
  });

  it('a lone describe Message line in kubelet\'s eviction words is an eviction', async () => {
    const top = await topOf('**Message:        The node was low on resource: ephemeral-storage. Container fetcher was using 12Gi, which exceeds its request of 0.**\n');
    expect(top?.cause).toBe('evicted');
  });

  it('a Message that is not kubelet\'s eviction text is not read as one', async () => {
    const diagnosis = await diagnosisOf('Message:        Pod was rejected by the admin for maintenance\n');
    expect(diagnosis.findings.map((f) => f.cause)).not.toContain('evicted');
  });

  it('a container lost when kubelet terminated the pod reads as the eviction it most often is, naming its ephemeral-storage limit', async () => {
    const text = [
      '    State:          Terminated',
      '      Reason:       ContainerStatusUnknown',
      '      Message:      The container could not be located when the pod was terminated',
      '      Exit Code:    137',
      '    Ready:          False',
      '    Restart Count:  0',
      '    Limits:',
      '      ephemeral-storage:  500Mi',
    ].join('\n');
    const top = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'container-lost-on-termination', cause: 'evicted' });
    expect(top?.explanation).toContain('has one: 500Mi');
  });

  it('a container lost when the pod was deleted (a rollout, a user) is not read as an eviction', async () => {
    const text = '    State:          Terminated\n      Reason:       ContainerStatusUnknown\n      Message:      The container could not be located when the pod was deleted.  The container used to be Running\n      Exit Code:    137\n';
    const diagnosis = await diagnosisOf(text);
    expect(diagnosis.findings.map((f) => f.rule)).not.toContain('container-lost-on-termination');
  });
});

describe('kills whose usual evidence is not shown', () => {
  it('OOMKilled with exit code 1 and no limit in view is a kill at the container\'s own limit, said as not shown', async () => {
    const top = await topOf('    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    1\n    Restart Count:  4\n');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'oom-killed', cause: 'oom-limit' });
  });

  it('liveness failures with restarts but no Killing row name the probe and say the kill was not seen', async () => {
    const text = '  Warning  Unhealthy  12s (x21 over 6m)  kubelet  Liveness probe failed: command "pg_isready -h 127.0.0.1" timed out\n  Warning  BackOff    3s (x8 over 4m)    kubelet  Back-off restarting failed container db in pod db-0_data(9a9a)\n';
    const top = await topOf(text);
    expect({ rule: top?.rule, cause: top?.cause, severity: top?.severity }).toEqual({ rule: 'liveness-probe-restarting', cause: 'liveness-probe', severity: 'critical' });
    expect(top?.title).toContain('no liveness kill in the evidence');
  });

  it('liveness failures alone (no restart in view) stay a warning that says no kill was seen', async () => {
    const top = await topOf('Warning  Unhealthy  40s (x3 over 2m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 503\n');
    expect({ rule: top?.rule, severity: top?.severity }).toEqual({ rule: 'liveness-probe-failing', severity: 'warning' });
    expect(top?.title).toContain('no liveness restart in the evidence');
  });

  it('an app that exits with its own error code is not blamed on a liveness probe that also failed', async () => {
    const text = [
      'Containers:',
      '  api:',
      '    Image:          acme/api:3',
      '    State:          Waiting',
      '      Reason:       CrashLoopBackOff',
      '    Last State:     Terminated',
      '      Reason:       Error',
      '      Exit Code:    3',
      '    Restart Count:  5',
      'Events:',
      '  Type     Reason     Age                From     Message',
      '  ----     ------     ----               ----     -------',
      '  Warning  Unhealthy  2m (x4 over 5m)    kubelet  Liveness probe failed: Get "http://10.2.0.9:8080/live": dial tcp 10.2.0.9:8080: connect: connection refused',
      '  Warning  BackOff    1m (x20 over 5m)   kubelet  Back-off restarting failed container api in pod api-1_web(77)',
    ].join('\n');
    expect((await topOf(text))?.rule).toBe('app-error-exit');
  });

  it('startup failures without a kill say no kill is in the evidence', async () => {
    const top = await topOf('  Warning  Unhealthy  5s (x18 over 3m)  kubelet  Startup probe failed: Get "http://10.4.4.4:8443/ready": dial tcp 10.4.4.4:8443: connect: connection refused\n');
    expect(top?.rule).toBe('startup-probe-failing');
    expect(top?.explanation).toContain('no such kill is in the evidence');
  });
});
