import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CAUSES } from '../src/model/cause.js';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';
import { CAUSE_EVENT_ROWS as ROWS } from './support/cause-event-rows.js';

/*
 * Every cause of the vocabulary must be reachable from event messages alone: that is what
 * people paste. Each row is one kubelet, scheduler or node-problem-detector message in the
 * exact form kubectl prints it, pasted on its own without a header.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function diagnose(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  if (incidents.length !== 1 || !incidents[0]) throw new Error(`expected one pod, got ${incidents.length}`);
  return (await builtInDiagnoser()).diagnose(incidents[0]);
}

describe('a single event row names its cause', () => {
  it.each(ROWS)('%s (%s)', async (cause, rule, row) => {
    const top = (await diagnose(`${row}\n`)).findings[0];
    expect({ cause: top?.cause, rule: top?.rule }).toEqual({ cause, rule });
  });

  it('covers every cause of the vocabulary that events can show', () => {
    const covered = new Set(ROWS.map(([cause]) => cause));
    // What only a status or a log can tell: exit codes, signals, a clean exit restarted, an unexplained SIGKILL/SIGTERM.
    const statusOnly = ['app-error', 'app-crash', 'completed-restart', 'sigkill', 'sigterm', 'other'];
    expect(Object.keys(BUILT_IN_CAUSES).filter((c) => !covered.has(c) && !statusOnly.includes(c))).toEqual([]);
  });
});

describe('wording that holds for every message a rule takes', () => {
  it('a registry whose certificate the node rejects answered: the report does not say it never did', async () => {
    const row = 'Warning  Failed  1m (x9 over 20m)  kubelet  Failed to pull image "registry.internal/pay:1.4": rpc error: code = Unknown desc = failed to pull and unpack image "registry.internal/pay:1.4": failed to resolve reference "registry.internal/pay:1.4": failed to do request: Head "https://registry.internal/v2/pay/manifests/1.4": x509: certificate signed by unknown authority';
    const top = (await diagnose(`${row}\n`)).findings[0];
    expect(top?.rule).toBe('image-registry-unreachable');
    expect(top?.explanation).not.toMatch(/never answered/);
    expect(top?.explanation).toMatch(/x509: certificate signed by unknown authority.*a certificate the node would not accept/s);
  });
});

describe('a probe failure pasted without its time', () => {
  it('a lone startup probe message (no row, no age) is the latest thing known: the startup probe is failing', async () => {
    const top = (await diagnose('`Startup probe failed: HTTP probe failed with statuscode: 403`\n')).findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'startup-probe-failing', cause: 'startup-probe' });
    expect(top?.explanation).toContain('statuscode: 403');
  });

  it('a startup failure last recorded 18 minutes ago, over a day of them, is still failing: its events share the rate-limited warnings with the restarts', async () => {
    const row = '  Warning  Unhealthy  18m (x123 over 27h)  kubelet  Startup probe failed: Get "http://10.0.0.4:9933/health": dial tcp 10.0.0.4:9933: connect: connection refused';
    const top = (await diagnose(`${row}\n`)).findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'startup-probe-failing', cause: 'startup-probe' });
    // Half an hour of quiet is what it takes to call it over.
    const quiet = (await diagnose(`${row.replace('18m (x123', '45m (x123')}\n`)).findings[0];
    expect(quiet?.rule).not.toBe('startup-probe-failing');
  });

  it('the same failure with an age long past, the container since started, is not reported as failing now', async () => {
    const rows = [
      '  Warning  Unhealthy  40m  kubelet  Startup probe failed: HTTP probe failed with statuscode: 403',
      '  Normal   Started    39m  kubelet  Started container web',
    ].join('\n');
    const rules = (await diagnose(`${rows}\n`)).findings.map((f) => f.rule);
    expect(rules).not.toContain('startup-probe-failing');
  });
});

describe("a pod whose sandbox kubelet keeps re-creating", () => {
  const changed = (count: number) => `  Normal   SandboxChanged  3m (x${count} over 40m)  kubelet  Pod sandbox changed, it will be killed and re-created.`;

  it('again and again is a sandbox failure, named with how often', async () => {
    const top = (await diagnose(`${changed(12)}\n`)).findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'sandbox-recreated-repeatedly', cause: 'sandbox-failure' });
    expect(top?.title).toContain('12 times');
  });

  it('once (a node or runtime restart) is not a failure; beside a sandbox that cannot be created, that failure speaks', async () => {
    expect((await diagnose(`${changed(1)}\n`)).findings).toEqual([]);
    const failing = '  Warning  FailedCreatePodSandBox  2m (x9 over 40m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin type="flannel" failed (add): open /run/flannel/subnet.env: no such file or directory';
    const rules = (await diagnose(`${changed(12)}\n${failing}\n`)).findings.map((f) => f.rule);
    expect(rules[0]).toBe('sandbox-creation-failure');
    expect(rules).not.toContain('sandbox-recreated-repeatedly');
  });
});

describe('a container restarting while its startup probe fails', () => {
  it('with no kill in the events, the failing startup probe is the likely reason for the restarts, and the wording says the kill was not seen', async () => {
    const rows = [
      'Events:',
      '  Type     Reason     Age                  From     Message',
      '  ----     ------     ----                 ----     -------',
      '  Warning  Unhealthy  2m (x30 over 14m)    kubelet  Startup probe failed: Get "http://10.2.0.9:8080/ready": dial tcp 10.2.0.9:8080: connect: connection refused',
      '  Warning  BackOff    40s (x12 over 9m)    kubelet  Back-off restarting failed container ledger in pod ledger-0_payments(6f1c2a44-9b1e-4c55-a0d2-1f7e3b9c8d21)',
    ].join('\n');
    const findings = (await diagnose(`${rows}\n`)).findings;
    expect({ rule: findings[0]?.rule, cause: findings[0]?.cause, container: findings[0]?.container }).toEqual({ rule: 'startup-probe-restarting', cause: 'startup-probe', container: 'ledger' });
    expect(findings[0]?.title).toContain('no startup kill in the evidence');
    expect(findings.map((f) => f.rule)).not.toContain('startup-probe-failing');
  });

  it('with the kill in the events, it is the kill', async () => {
    const rows = [
      '  Warning  Unhealthy  2m (x30 over 14m)  kubelet  Startup probe failed: Get "http://10.2.0.9:8080/ready": dial tcp 10.2.0.9:8080: connect: connection refused',
      '  Normal   Killing    2m (x10 over 14m)  kubelet  Container ledger failed startup probe, will be restarted',
      '  Warning  BackOff    40s (x12 over 9m)  kubelet  Back-off restarting failed container ledger in pod ledger-0_payments(6f1c2a44-9b1e-4c55-a0d2-1f7e3b9c8d21)',
    ].join('\n');
    expect((await diagnose(`${rows}\n`)).findings[0]?.rule).toBe('startup-probe-kill');
  });
});

describe('a pod whose evidence shows a failure is never reported without a finding', () => {
  const reason = fc.stringMatching(/^[A-Z][A-Za-z]{2,24}$/);
  const message = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,:"=/-]{0,100}$/);
  const age = fc.stringMatching(/^[1-9]\d{0,2}[smh]$/);

  it('any Warning row, alone or under a describe header, gets at least one finding', async () => {
    await fc.assert(
      fc.asyncProperty(reason, message, age, fc.boolean(), async (r, m, a, withHeader) => {
        const row = `  Warning  ${r}  ${a}  kubelet  ${m.trim() || 'failed'}`;
        const text = withHeader ? `Events:\n  Type     Reason  Age  From     Message\n  ----     ------  ---  ----     -------\n${row}\n` : `${row}\n`;
        const diagnosis = await diagnose(text);
        expect(diagnosis.findings.length, text).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('quotes the warning it cannot explain', async () => {
    const diagnosis = await diagnose('Warning  FailedKillPod  1m  kubelet  error killing pod: failed to "KillPodSandbox" for "5e0c1a2b" with KillPodSandboxError: "rpc error: code = Unknown desc = failed to destroy network for sandbox"\n');
    const top = diagnosis.findings[0];
    expect(top).toMatchObject({ rule: 'unexplained-failure', cause: 'other', severity: 'warning' });
    expect(top?.title).toContain('Warning FailedKillPod: error killing pod');
    expect(top?.evidence[0]?.text).toMatch(/^Warning FailedKillPod: error killing pod/);
  });

  it('a container status that shows a failure no rule knows gets the same', async () => {
    // kubelet's PreStartHookError: a container runtime hook before start failed, which no rule reads.
    const text = 'containerStatuses:\n- name: app\n  restartCount: 3\n  state:\n    waiting:\n      reason: PreStartHookError\n';
    const top = (await diagnose(text)).findings[0];
    expect(top).toMatchObject({ rule: 'unexplained-failure' });
    expect(top?.title).toContain('container app is waiting (PreStartHookError)');
  });

  it('any container status that shows a failure (waiting, a failed exit, restarts) gets at least one finding', async () => {
    const waiting = fc.record({ waiting: fc.record({ reason: fc.oneof(fc.constantFrom('CrashLoopBackOff', 'CreateContainerError', 'RunContainerError', 'PostStartHookError', 'ErrImagePull'), fc.stringMatching(/^[A-Z][A-Za-z]{3,20}$/)) }) });
    const running = fc.record({ running: fc.record({ startedAt: fc.constant('2026-11-20T09:00:00Z') }) });
    const terminated = fc.record({ terminated: fc.record({ exitCode: fc.integer({ min: 0, max: 255 }), reason: fc.constantFrom('Error', 'Completed', 'OOMKilled', 'ContainerCannotRun') }) });
    const status = fc.record({
      state: fc.oneof(waiting, running, terminated),
      lastState: fc.option(fc.record({ terminated: fc.record({ exitCode: fc.constantFrom(0, 0, 1, 2, 137, 143, 255), reason: fc.constantFrom('Error', 'Completed', 'OOMKilled') }) }), { nil: undefined, freq: 1 }),
      restartCount: fc.constantFrom(0, 0, 1, 4, 50),
      ready: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(status, async (s) => {
        const waitingFailure = 'waiting' in s.state;
        const terminatedFailure = 'terminated' in s.state && (s.state.terminated.exitCode !== 0 || s.state.terminated.reason !== 'Completed');
        const shows = waitingFailure || terminatedFailure || (s.lastState?.terminated.exitCode ?? 0) !== 0 || s.restartCount > 0;
        const text = JSON.stringify({ containerStatuses: [{ name: 'app', image: 'web:1.0', ...s, ready: 'running' in s.state ? s.ready : false }] });
        const diagnosis = await diagnose(text);
        if (shows) expect(diagnosis.findings.length, text).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('a container that restarted but runs and is ready again is an info line, not silence', async () => {
    const text = 'containerStatuses:\n- name: app\n  ready: true\n  restartCount: 3\n  state:\n    running:\n      startedAt: "2026-11-20T09:00:00Z"\n  lastState:\n    terminated:\n      exitCode: 137\n      reason: Error\n      finishedAt: "2026-11-20T09:00:00Z"\n';
    const top = (await diagnose(text)).findings[0];
    expect(top).toMatchObject({ rule: 'earlier-failures', severity: 'info', title: 'Earlier failures the pod got past: container app restarted 3 times, last exit code 137 (Error) 3h ago and runs ready now' });
  });

  it('warnings the later events show were got past are an info line, not an alarm', async () => {
    const text = [
      'Events:',
      '  Type     Reason            Age                  From               Message',
      '  ----     ------            ----                 ----               -------',
      '  Warning  FailedScheduling  50s (x4 over 3m29s)  default-scheduler  0/4 nodes are available: 4 Insufficient cpu.',
      '  Normal   Scheduled         35s                  default-scheduler  Successfully assigned payments/api-0 to node-5',
      '  Normal   Started           20s                  kubelet            Started container api',
    ].join('\n');
    expect((await diagnose(text)).findings.map((f) => [f.rule, f.cause, f.severity])).toEqual([['scheduling-failure-got-past', 'unschedulable', 'info']]);
  });

  // What held the pod up is its cause, even when it got past it: that is what the reader came to ask about.
  const gotPast = (warning: string, after: string) =>
    [
      'Events:',
      '  Type     Reason     Age   From     Message',
      '  ----     ------     ----  ----     -------',
      `  Warning  ${warning}`,
      `  Normal   ${after}`,
    ].join('\n');

  it.each([
    ['a sandbox', 'FailedCreatePodSandBox  3m  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory', 'Started  1m  kubelet  Started container web', 'sandbox-failure-got-past', 'sandbox-failure'],
    ['a mount', 'FailedMount  3m  kubelet  MountVolume.SetUp failed for volume "certs" : secret "web-tls" not found', 'Created  1m  kubelet  Created container web', 'volume-failure-got-past', 'mount-failure'],
    ['a pull', 'Failed  3m  kubelet  Failed to pull image "web:1.2": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/web:1.2": 429 Too Many Requests - toomanyrequests: You have reached your pull rate limit', 'Pulled  1m  kubelet  Successfully pulled image "web:1.2" in 2.1s', 'image-pull-got-past', 'image-pull'],
    ['a pull back-off', 'BackOff  3m  kubelet  Back-off pulling image "web:1.2"', 'Started  1m  kubelet  Started container web', 'image-pull-got-past', 'image-pull'],
    ['a config error is no pull', 'Failed  3m  kubelet  Error: configmap "web-env" not found', 'Started  1m  kubelet  Started container web', 'earlier-failures', 'other'],
  ])('%s the pod got past names its step', async (_what, warning, after, rule, cause) => {
    const findings = (await diagnose(gotPast(warning, after))).findings;
    expect(findings.map((f) => [f.rule, f.cause, f.severity])).toEqual([[rule, cause, 'info']]);
  });

  // Old kubelets echoed each sync error as FailedSync; the echo goes with the failure it repeats.
  const OLD_HEADER = [
    'Events:',
    '  FirstSeen  LastSeen  Count  From              SubobjectPath          Reason       Message',
    '  ---------  --------  -----  ----              -------------          ------       -------',
    '  2m         2m        1      {scheduler }                              Scheduled    Successfully assigned web-1 to node-2',
    '  2m         20s       9      {kubelet node-2}                          FailedMount  Unable to mount volumes for pod "web-1_shop": timeout expired waiting for volumes to attach/mount',
    '  2m         20s       9      {kubelet node-2}                          FailedSync   Error syncing pod, skipping: timeout expired waiting for volumes to attach/mount',
  ];

  it('a FailedSync echo of a mount failure the container got past is got past too', async () => {
    const text = [...OLD_HEADER, '  5s         5s        1      {kubelet node-2}  spec.containers{web}   Created      Created with docker id 5eb2da3af876'].join('\n');
    expect((await diagnose(text)).findings.map((f) => f.rule)).toEqual(['volume-failure-got-past']);
  });

  it('while the mount still fails, the echo does not hide it', async () => {
    const findings = (await diagnose(OLD_HEADER.join('\n'))).findings;
    expect(findings[0]?.cause).toBe('mount-failure');
  });
});
