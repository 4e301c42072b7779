import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CAUSES } from '../src/model/cause.js';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';

/*
 * Every cause of the vocabulary must be reachable from event messages alone: that is what
 * people paste. Each row below is one kubelet, scheduler or node-problem-detector message in the
 * exact form kubectl prints it, pasted on its own without a header.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function diagnose(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  if (incidents.length !== 1 || !incidents[0]) throw new Error(`expected one pod, got ${incidents.length}`);
  return (await builtInDiagnoser()).diagnose(incidents[0]);
}

const ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ['liveness-probe', 'liveness-probe-failing', 'Warning  Unhealthy  10s (x5 over 1m)  kubelet  Liveness probe failed: Get "http://10.0.0.7:8080/healthz": dial tcp 10.0.0.7:8080: connect: connection refused'],
  ['liveness-probe', 'liveness-probe-kill', 'Normal  Killing  2m  kubelet  Container app failed liveness probe, will be restarted'],
  ['readiness-probe', 'readiness-probe-failing', 'Warning  Unhealthy  3s (x214 over 17m)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503'],
  ['startup-probe', 'startup-probe-failing', 'Warning  Unhealthy  5s (x9 over 90s)  kubelet  Startup probe failed: Get "http://10.0.0.7:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'],
  ['startup-probe', 'startup-probe-kill', 'Normal  Killing  1m  kubelet  Container keycloak failed startup probe, will be restarted'],
  ['config-error', 'missing-secret', 'Warning  Failed  3s (x57 over 19m)  kubelet  Error: secret "vault-ca" not found'],
  ['config-error', 'missing-configmap', 'Warning  Failed  0s (x24 over 7m58s)  kubelet  Error: configmap "notification-config" not found'],
  ['config-error', 'missing-config-key', 'Warning  Failed  0s (x18 over 4m58s)  kubelet  Error: couldn\'t find key REDIS_URL in ConfigMap shop/cart-config'],
  ['not-executable', 'not-executable', 'Warning  Failed  1m (x9 over 5m)  kubelet  Error: failed to start container "app": Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "/start.sh": permission denied: unknown'],
  ['command-not-found', 'command-not-found', 'Warning  Failed  70s (x5 over 3m55s)  kubelet  Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found in $PATH: unknown'],
  ['arch-mismatch', 'exec-format-error', 'Warning  Failed  1m (x4 over 2m)  kubelet  Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/server": exec format error: unknown'],
  ['image-pull', 'image-pull-failure', 'Normal  BackOff  1m (x6 over 5m)  kubelet  Back-off pulling image "ghcr.io/acme/web:2.0"'],
  ['image-pull', 'image-pull-failure', 'Warning  Failed  0s (x52 over 21m)  kubelet  Error: ImagePullBackOff'],
  ['image-pull', 'image-not-found', 'Warning  Failed  9s (x2 over 23s)  kubelet  Failed to pull image "thisimagedoesnotexist123": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/thisimagedoesnotexist123:latest": failed to resolve reference "docker.io/library/thisimagedoesnotexist123:latest": docker.io/library/thisimagedoesnotexist123:latest: not found'],
  ['image-pull', 'image-never-pull', 'Warning  ErrImageNeverPull  0s (x12 over 2m19s)  kubelet  Container image "acme/ledger-api:dev" is not present with pull policy of Never'],
  ['mount-failure', 'mount-missing-object', 'Warning  FailedMount  1m (x5 over 9m)  kubelet  MountVolume.SetUp failed for volume "cfg" : configmap "app" not found'],
  ['mount-failure', 'volume-attach-failure', 'Warning  FailedAttachVolume  2m  attachdetach-controller  Multi-Attach error for volume "pvc-1f2e" Volume is already used by pod(s) grafana-5d8f7c6b9-abcde'],
  ['unschedulable', 'unschedulable-insufficient-resources', 'Warning  FailedScheduling  1m  default-scheduler  0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'],
  ['sandbox-failure', 'sandbox-creation-failure', 'Warning  FailedCreatePodSandBox  1m (x5 over 9m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized'],
  ['evicted', 'evicted-memory', 'Warning  Evicted  1m  kubelet  The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, request is 256Mi, has larger consumption of memory.'],
  ['oom-node', 'node-oom-event', 'Warning  SystemOOM  5m  kubelet, node-1  System OOM encountered, victim process: java, pid: 4242'],
  ['oom-limit', 'oom-kill-event', 'Warning  OOMKilling  2m (x3 over 10m)  kernel-monitor, node-1  Memory cgroup out of memory: Killed process 4242 (java) total-vm:8029380kB, anon-rss:2097152kB'],
  ['deadline-exceeded', 'deadline-exceeded', 'Normal  DeadlineExceeded  2s  kubelet  Pod was active on the node longer than the specified deadline'],
  ['node-failure', 'node-not-ready', 'Warning  NodeNotReady  47m  node-controller  Node is not ready'],
  ['crashloop-unknown', 'crashloop-backoff', 'Warning  BackOff  0s (x31 over 72m)  kubelet  Back-off restarting failed container app in pod orders-api-6d8f7c9b54-q7xkz_shop(uid)'],
];

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
    const diagnosis = await diagnose('Warning  FailedPostStartHook  1m  kubelet  Exec lifecycle hook ([/bin/sh -c /hooks/start.sh]) for Container "app" in Pod "web-0_shop(uid)" failed - error: command \'/bin/sh -c /hooks/start.sh\' exited with 1\n');
    const top = diagnosis.findings[0];
    expect(top).toMatchObject({ rule: 'unexplained-failure', cause: 'other', severity: 'warning' });
    expect(top?.title).toContain('Warning FailedPostStartHook: Exec lifecycle hook');
    expect(top?.evidence[0]?.text).toMatch(/^Warning FailedPostStartHook: Exec lifecycle hook/);
  });

  it('a container status that shows a failure no rule knows gets the same', async () => {
    const text = 'containerStatuses:\n- name: app\n  restartCount: 3\n  state:\n    waiting:\n      reason: PostStartHookError\n';
    const top = (await diagnose(text)).findings[0];
    expect(top).toMatchObject({ rule: 'unexplained-failure' });
    expect(top?.title).toContain('container app is waiting (PostStartHookError)');
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
    expect((await diagnose(text)).findings.map((f) => [f.rule, f.severity])).toEqual([['earlier-failures', 'info']]);
  });
});
