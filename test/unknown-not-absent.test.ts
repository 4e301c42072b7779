import { describe, expect, it } from 'vitest';
import type { Incident } from '../src/model/incident.js';
import { CAPTURED_AT, ago, makeIncident, makePod, podEvent } from './build-incident.js';
import { builtInDiagnoser } from './helpers.js';
import { readOnePod, readPaste } from './support/read-paste.js';

/*
 * A fragment that does not show a field says nothing about it. Each case below is the same
 * incident as a whole pod object and as a paste that leaves the field out: the object may say
 * "none", the paste must say "not shown", and the rules must not build on a "none" they were
 * never shown.
 */

const diagnoser = await builtInDiagnoser();

function diagnose(incident: Incident) {
  return diagnoser.diagnose(incident);
}

function containerFacts(incident: Incident, name?: string) {
  const facts = diagnoser.facts(incident);
  const container = name ? facts.containers.find((c) => c.context.name === name) : facts.containers[0];
  if (!container) throw new Error(`no container ${name ?? ''}`);
  return container.values;
}

const OOM_STATUS = `containerStatuses:
- name: app
  image: registry.example.com/orders:2.1
  restartCount: 7
  ready: false
  state:
    waiting:
      reason: CrashLoopBackOff
  lastState:
    terminated:
      exitCode: 137
      reason: OOMKilled
      startedAt: "2026-11-25T11:50:00Z"
      finishedAt: "2026-11-25T11:51:38Z"
`;

describe('the memory limit', () => {
  it('is known absent in a whole pod object without one, and OOMKilled then means the node ran out of memory', async () => {
    const status = { phase: 'Running', containerStatuses: [{ name: 'app', image: 'web', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] };
    const incident = makeIncident({ pod: makePod({ status }) });
    expect(containerFacts(incident).memoryLimitSet).toBe(false);
    expect((await diagnose(incident)).findings[0]).toMatchObject({ rule: 'oom-killed-without-limit', cause: 'oom-node' });
  });

  it('is unknown in a containerStatuses fragment: OOMKilled is a kill at the container\'s own limit, and the wording says the limit was not shown', async () => {
    const incident = await readOnePod(OOM_STATUS, CAPTURED_AT);
    expect(containerFacts(incident).memoryLimitSet).toBeNull();
    const top = (await diagnose(incident)).findings[0];
    expect(top).toMatchObject({ rule: 'oom-killed', cause: 'oom-limit', title: 'container app was OOMKilled at its memory limit' });
    expect(top?.explanation).toContain('The memory limit is not in the evidence');
  });

  it('is known absent from a QoS class of BestEffort even when the container block was cut above its limits', async () => {
    const text = `Name:  resizer-0\nNamespace:  media\nStatus:  Running\nQoS Class:  BestEffort\nContainers:\n  resizer:\n    Image:  resizer:1.0\n    State:  Waiting\n      Reason:  CrashLoopBackOff\n    Last State:  Terminated\n      Reason:  OOMKilled\n      Exit Code:  137\n`;
    const incident = await readOnePod(text, CAPTURED_AT);
    expect(containerFacts(incident).memoryLimitSet).toBe(false);
    expect((await diagnose(incident)).findings[0]).toMatchObject({ rule: 'oom-killed-without-limit', cause: 'oom-node' });
  });

  it('unknown, with a SystemOOM in the evidence: the node ran out of memory', async () => {
    const text = `${OOM_STATUS}\n$ kubectl get events -A\nLAST SEEN   TYPE      REASON      OBJECT        MESSAGE\n2m          Warning   SystemOOM   node/node-1   System OOM encountered, victim process: java, pid: 4242\n`;
    const incidents = await readPaste(text, CAPTURED_AT);
    const pod = incidents.find((i) => i.pod.status?.containerStatuses?.length);
    // The fragment names no node, so the node's event cannot be joined to it: a limit kill, as far as this pod shows.
    expect((await diagnose(pod!)).findings[0]?.rule).toBe('oom-killed');
    const withNode: Incident = { ...pod!, pod: { ...pod!.pod, spec: { ...pod!.pod.spec!, nodeName: 'node-1' } }, nodeEvents: [podEvent('SystemOOM', 'System OOM encountered, victim process: java, pid: 4242', { kind: 'Node', name: 'node-1' })] };
    expect((await diagnose(withNode)).findings[0]).toMatchObject({ rule: 'oom-killed-without-limit', cause: 'oom-node' });
  });
});

describe('the restart policy', () => {
  const completed = (waiting: boolean) => `containerStatuses:
- name: hello
  restartCount: 4
  ready: false
  state:
${waiting ? '    waiting:\n      reason: CrashLoopBackOff' : '    terminated:\n      exitCode: 0\n      reason: Completed'}
  lastState:
    terminated:
      exitCode: ${waiting ? 0 : 1}
      reason: ${waiting ? 'Completed' : 'Error'}
`;

  it('is not shown by a paste, but a clean exit that was restarted (CrashLoopBackOff after it) proves it is Always', async () => {
    const incident = await readOnePod(completed(true), CAPTURED_AT);
    expect(incident.pod.spec?.restartPolicy).toBeUndefined();
    expect(containerFacts(incident).restartPolicy).toBe('Always');
    const top = (await diagnose(incident)).findings[0];
    expect(top).toMatchObject({ rule: 'completed-restart', title: 'container hello finishes successfully but is restarted forever (restartPolicy Always)' });
  });

  it('a run that failed and then completed is not read as restarted forever when the policy is not shown', async () => {
    const incident = await readOnePod(completed(false), CAPTURED_AT);
    expect(containerFacts(incident).restartPolicy).toBeNull();
    const findings = (await diagnose(incident)).findings;
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['completed-after-retry', 'info']]);
  });

  it('a whole pod object without one has the default, Always', () => {
    expect(containerFacts(makeIncident({ pod: makePod() })).restartPolicy).toBe('Always');
  });
});

describe('readiness and probes', () => {
  it('"has run fine since" only when readiness is shown', async () => {
    const status = (ready: boolean | undefined) => ({
      phase: 'Running',
      containerStatuses: [{ name: 'app', image: 'web', imageID: '', restartCount: 1, ...(ready === undefined ? {} : { ready }), state: { running: { startedAt: new Date(ago(3 * 86400)) } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: new Date(ago(4 * 86400)), finishedAt: new Date(ago(3 * 86400)) } } }],
    });
    const shown = await diagnose(makeIncident({ pod: makePod({ status: status(true) as never }) }));
    expect(shown.findings[0]?.title).toMatch(/exited with code 1 .* and has run fine since/);
    const notShown = await diagnose(makeIncident({ pod: makePod({ status: status(undefined) as never }) }));
    expect(notShown.findings.map((f) => f.title).join('\n')).not.toMatch(/run fine/);
  });

  it('a running container that stays not ready with no probe shown has one that fails, said as an inference', async () => {
    const text = `Name:  web-0\nNamespace:  shop\nStart Time:  Wed, 25 Nov 2026 11:00:00 +0000\nStatus:  Running\nContainers:\n  web:\n    Image:  web:1.0\n    State:  Running\n      Started:  Wed, 25 Nov 2026 11:00:04 +0000\n    Ready:  False\n    Restart Count:  0\n`;
    const top = (await diagnose(await readOnePod(text, CAPTURED_AT))).findings[0];
    expect(top).toMatchObject({ rule: 'container-not-ready', cause: 'readiness-probe', severity: 'warning' });
    expect(top?.explanation).toContain('neither the probes nor their failure events are in the evidence');
  });

  it('a get pods row, running 0/1 and never restarted in an old pod: not ready, without claiming how long the container ran', async () => {
    const row = (ready: string, restarts: number, age: string) => `NAME       READY   STATUS    RESTARTS   AGE\nledger-0   ${ready}     Running   ${restarts}          ${age}\n`;
    const top = (await diagnose(await readOnePod(row('0/1', 0, '3h12m'), CAPTURED_AT))).findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'container-not-ready', cause: 'readiness-probe' });
    expect(top?.title).toContain('3h12m after the pod was created');
    expect(top?.explanation).toContain('when it started is not in the evidence');
    expect(top?.explanation).not.toMatch(/has been for/);
    // A young pod may still be starting; a ready one is fine; restarts mean it did not run that long.
    expect((await diagnose(await readOnePod(row('0/1', 0, '12m'), CAPTURED_AT))).findings.map((f) => f.rule)).not.toContain('container-not-ready');
    expect((await diagnose(await readOnePod(row('1/1', 0, '3h12m'), CAPTURED_AT))).findings).toEqual([]);
    expect((await diagnose(await readOnePod(row('0/1', 4, '3h12m'), CAPTURED_AT))).findings.map((f) => f.rule)).not.toContain('container-not-ready');
  });

  it('a liveness failure without a kill in a lone row does not claim the container never restarted', async () => {
    const top = (await diagnose(await readOnePod('Warning  Unhealthy  10s (x5 over 1m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500\n', CAPTURED_AT))).findings[0];
    expect(top?.title).toContain('no liveness restart in the evidence');
    expect(top?.explanation).not.toMatch(/no restart yet/);
  });
});

describe('the namespace', () => {
  it('is not claimed to be default when a paste does not show it: a placeholder in the header and the commands, and a note', async () => {
    const incident = await readOnePod('Warning  Failed  12s (x4 over 1m)  kubelet  Error: configmap "web-config" not found\n', CAPTURED_AT);
    const diagnosis = await diagnose(incident);
    expect(diagnosis.namespace).toBe('<namespace>');
    expect(incident.missing).toContain("the pod's namespace is not in the paste (shown as <namespace>)");
    expect(diagnosis.findings[0]?.remediation.flatMap((s) => s.command ?? []).join('\n')).toContain('-n <namespace>');
    expect(diagnoser.facts(makeIncident({ pod: makePod({ metadata: { namespace: undefined } }) })).values.namespace).toBe('default');
  });
});

describe('finalizers, sidecars and containers events alone cannot place', () => {
  it('finalizers are not shown by describe: a stuck deletion does not claim there are none, and says how to check', async () => {
    const text = `Name:  ledger-0\nNamespace:  ledger\nNode:  node-1/10.0.0.1\nStatus:  Terminating (lasts 2h)\nTermination Grace Period:  30s\nContainers:\n  ledger:\n    Image:  ledger:1.0\n    State:  Running\n      Started:  Wed, 25 Nov 2026 08:00:00 +0000\n    Ready:  True\n    Restart Count:  0\n`;
    const incident = await readOnePod(text, CAPTURED_AT);
    expect(diagnoser.facts(incident).values.finalizers).toBeNull();
    const top = (await diagnose(incident)).findings[0];
    expect(top?.rule).toBe('stuck-terminating');
    expect(top?.explanation).not.toMatch(/has no finalizers/);
    expect(top?.remediation[0]?.command).toContain('{.metadata.finalizers}');
  });

  it('a Terminating row or Status that does not say since when cites what kubectl printed, never a deletion time it did not show', async () => {
    const fromRow = await readOnePod('NAME                     READY   STATUS        RESTARTS   AGE\nledger-6c9f7d8b5-q2x7p   1/1     Terminating   0          3d\n', CAPTURED_AT);
    const fromDescribe = await readOnePod('Name:  ledger-0\nNamespace:  ledger\nStatus:  Terminating\n', CAPTURED_AT);
    for (const [incident, shown] of [[fromRow, 'Terminating (kubectl get pods STATUS)'], [fromDescribe, 'Terminating (kubectl describe Status, without how long)']] as const) {
      const finding = (await diagnose(incident)).findings.find((f) => f.rule === 'terminating-since-unknown');
      expect(finding?.evidence).toContainEqual({ source: 'status', text: shown });
      expect(finding?.evidence.map((e) => e.source)).not.toContain('metadata.deletionTimestamp');
    }
    const lasting = await readOnePod('Name:  ledger-0\nNamespace:  ledger\nStatus:  Terminating (lasts 2h)\nTermination Grace Period:  30s\n', CAPTURED_AT);
    expect((await diagnose(lasting)).findings[0]?.evidence.map((e) => e.source)).toContain('metadata.deletionTimestamp');
  });

  it('an init container running beside a running app container is a sidecar, not an init container blocking the pod', async () => {
    const text = `Init Containers:\n  mesh-proxy:\n    Image:  mesh-proxy:1.24\n    State:  Running\n      Started:  Wed, 25 Nov 2026 11:00:02 +0000\n    Ready:  True\n    Restart Count:  0\nContainers:\n  app:\n    Image:  orders:2.14\n    State:  Running\n      Started:  Wed, 25 Nov 2026 11:00:04 +0000\n    Ready:  True\n    Restart Count:  0\n`;
    const incident = await readOnePod(text, CAPTURED_AT);
    expect(containerFacts(incident, 'mesh-proxy').containerKind).toBe('sidecar');
    expect((await diagnose(incident)).findings).toEqual([]);
  });

  it('events of a pod with several containers that name none go to a <container> stand-in rather than nowhere', async () => {
    const text = [
      'Events:',
      '  Type     Reason     Age               From     Message',
      '  ----     ------     ----              ----     -------',
      '  Normal   Started    58m               kubelet  Started container search-api',
      '  Normal   Started    58m               kubelet  Started container metrics-exporter',
      '  Warning  Unhealthy  10s (x4 over 13m)  kubelet  Liveness probe failed: Get "http://10.42.5.23:9090/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    ].join('\n');
    const top = (await diagnose(await readOnePod(text, CAPTURED_AT))).findings[0];
    expect(top).toMatchObject({ rule: 'liveness-probe-failing', container: '<container>' });
  });

  it('with the containers\' status shown, events that name no container invent no <container> stand-in', async () => {
    const running = (name: string) => ({ name, image: `${name}:1`, imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: new Date(ago(3600)) } } });
    const pod = makePod({
      spec: { containers: [{ name: 'search-api', image: 'search-api:1' }, { name: 'metrics-exporter', image: 'metrics-exporter:1' }] },
      status: { phase: 'Running', containerStatuses: [running('search-api'), running('metrics-exporter')] },
    });
    const probe = podEvent('Unhealthy', 'Liveness probe failed: Get "http://10.42.5.23:9090/healthz": context deadline exceeded', { count: 4, secondsAgo: 10 });
    const diagnosis = await diagnose(makeIncident({ pod, events: [probe] }));
    expect(diagnosis.findings.map((f) => f.container)).not.toContain('<container>');
  });

  it('the derived state and restarts are facts of their own, null while the status is shown', async () => {
    const fromEvents = await readOnePod('Normal  Started  4m4s (x8 over 91m)  kubelet  Started container app\nWarning  BackOff  0s (x31 over 72m)  kubelet  Back-off restarting failed container app in pod orders-0_shop(uid)\n', CAPTURED_AT);
    expect(containerFacts(fromEvents)).toMatchObject({ state: null, restartCount: null, stateFromEvents: 'waiting', waitingReasonFromEvents: 'CrashLoopBackOff', restartsFromEvents: 7 });
    const shown = makeIncident({ pod: makePod({ status: { phase: 'Running', containerStatuses: [{ name: 'app', image: 'web', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] } }), events: [podEvent('BackOff', 'Back-off restarting failed container app in pod web-0_default(uid)')] });
    expect(containerFacts(shown)).toMatchObject({ stateFromEvents: null, waitingReasonFromEvents: null, restartsFromEvents: null });
  });
});
