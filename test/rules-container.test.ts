import type { V1Container, V1ContainerState, V1ContainerStatus, V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { PodEvent } from '../src/model/event.js';
import type { Incident } from '../src/model/incident.js';
import { builtInDiagnoser } from './helpers.js';
import { ago, makeIncident, makeNode, makePod, podEvent } from './build-incident.js';

function event(container: string, reason: string, message: string, options: { count?: number; secondsAgo?: number; type?: string; init?: boolean } = {}): PodEvent {
  const e = podEvent(reason, message, options);
  return { ...e, involvedObject: { ...e.involvedObject, fieldPath: `spec.${options.init ? 'initContainers' : 'containers'}{${container}}` } };
}

const terminated = (exitCode: number, reason: string, finishedSecondsAgo = 60, message?: string): V1ContainerState => ({
  terminated: { exitCode, reason, startedAt: new Date(ago(finishedSecondsAgo + 120)), finishedAt: new Date(ago(finishedSecondsAgo)), ...(message ? { message } : {}) },
});
const crashLoop: V1ContainerState = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=app pod=web-0_default(uid-web-0)' } };
const runningFor = (seconds: number): V1ContainerState => ({ running: { startedAt: new Date(ago(seconds)) } });

function app(fields: Partial<V1ContainerStatus> & { name?: string }): V1ContainerStatus {
  return { name: 'app', image: 'registry.example.com/web:1.0', imageID: 'sha256:1', ready: false, restartCount: 0, ...fields };
}

/** A Running pod of the given containers and statuses. */
function incident(parts: {
  containers?: V1Container[];
  statuses?: V1ContainerStatus[];
  initContainers?: V1Container[];
  initStatuses?: V1ContainerStatus[];
  events?: PodEvent[];
  spec?: Partial<V1Pod['spec']>;
  metadata?: Partial<V1Pod['metadata']>;
  phase?: string;
  conditions?: NonNullable<V1Pod['status']>['conditions'];
  node?: V1Node;
  nodeEvents?: PodEvent[];
  logs?: Incident['logs'];
}): Incident {
  const pod = makePod({
    ...(parts.metadata ? { metadata: parts.metadata } : {}),
    spec: {
      nodeName: 'node-a',
      containers: parts.containers ?? [{ name: 'app', image: 'registry.example.com/web:1.0' }],
      ...(parts.initContainers ? { initContainers: parts.initContainers } : {}),
      ...parts.spec,
    },
    status: {
      phase: parts.phase ?? 'Running',
      containerStatuses: parts.statuses ?? [],
      ...(parts.initStatuses ? { initContainerStatuses: parts.initStatuses } : {}),
      ...(parts.conditions ? { conditions: parts.conditions } : {}),
    },
  });
  return {
    ...makeIncident({ pod, events: parts.events ?? [], ...(parts.node ? { node: parts.node } : {}), nodeEvents: parts.nodeEvents ?? [] }),
    logs: parts.logs ?? [],
  };
}

async function findings(i: Incident): Promise<readonly Finding[]> {
  return (await (await builtInDiagnoser()).diagnose(i)).findings;
}

async function rules(i: Incident): Promise<string[]> {
  return (await findings(i)).map((f) => f.rule);
}

const withLimit = [{ name: 'app', image: 'registry.example.com/web:1.0', resources: { limits: { memory: '256Mi' } } }];

describe('memory kills', () => {
  it('OOMKilled with a limit is oom-killed; without a limit it is the node that ran out', async () => {
    const oom = { statuses: [app({ state: crashLoop, lastState: terminated(137, 'OOMKilled'), restartCount: 3 })] };
    const limited = await findings(incident({ ...oom, containers: withLimit }));
    expect(limited[0]).toMatchObject({ rule: 'oom-killed', cause: 'oom-limit', title: 'container app was OOMKilled at its 256Mi memory limit' });
    const unlimited = await findings(incident(oom));
    expect(unlimited[0]).toMatchObject({ rule: 'oom-killed-without-limit', cause: 'oom-node' });
    expect(unlimited.map((f) => f.rule)).not.toContain('oom-killed');
  });

  it('137 with node SystemOOM events is a node OOM kill; the same 137 on a quiet node is unexplained', async () => {
    const sigkill = { containers: withLimit, statuses: [app({ state: crashLoop, lastState: terminated(137, 'Error'), restartCount: 2 })] };
    const systemOOM = podEvent('SystemOOM', 'System OOM encountered, victim process: java, pid: 4242', { kind: 'Node', name: 'node-a' });
    const onNode = await findings(incident({ ...sigkill, node: makeNode('node-a', { Ready: 'True', MemoryPressure: 'False' }), nodeEvents: [systemOOM] }));
    expect(onNode[0]).toMatchObject({ rule: 'node-oom-kill', cause: 'oom-node' });
    expect(onNode[0]!.evidence.map((e) => e.text)).toContain('Warning SystemOOM: System OOM encountered, victim process: java, pid: 4242');

    const quiet = await findings(incident({ ...sigkill, node: makeNode('node-a', { Ready: 'True', MemoryPressure: 'False' }) }));
    expect(quiet[0]).toMatchObject({ rule: 'unexplained-sigkill', cause: 'sigkill', severity: 'critical' });
    expect(quiet.map((f) => f.rule)).not.toContain('node-oom-kill');
  });
});

describe('SIGKILL and SIGTERM', () => {
  const stop = event('app', 'Killing', 'Stopping container app', { type: 'Normal', secondsAgo: 40 });

  it('137 after a stop request is an info finding about SIGTERM handling, never critical', async () => {
    const found = await findings(incident({ statuses: [app({ state: terminated(137, 'Error', 5) })], events: [stop] }));
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['killed-after-grace-period', 'info']]);
    expect(found[0]!.title).toBe('container app ignored SIGTERM and was killed after the 30s grace period');
  });

  it('a liveness kill explains 137 instead of the grace period', async () => {
    const probeKill = event('app', 'Killing', 'Container app failed liveness probe, will be restarted', { type: 'Normal', secondsAgo: 100 });
    const found = await rules(incident({ statuses: [app({ state: crashLoop, lastState: terminated(137, 'Error'), restartCount: 4 })], events: [probeKill] }));
    expect(found[0]).toBe('liveness-probe-kill');
    expect(found).not.toContain('killed-after-grace-period');
    expect(found).not.toContain('unexplained-sigkill');
  });

  it('143 after a stop request is info; 143 with no stop request is a warning', async () => {
    expect((await findings(incident({ statuses: [app({ state: terminated(143, 'Error', 5) })], events: [stop] }))).map((f) => [f.rule, f.severity])).toEqual([
      ['sigterm-after-stop', 'info'],
    ]);
    const unasked = await findings(incident({ statuses: [app({ state: runningFor(30), lastState: terminated(143, 'Error', 31), ready: true, restartCount: 3 })] }));
    expect(unasked.map((f) => [f.rule, f.severity])).toEqual([['sigterm-exit', 'warning']]);
  });
});

describe('probes', () => {
  const liveness = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 };

  it('liveness failures without a kill are a warning; the kill makes it critical', async () => {
    const containers = [{ name: 'app', image: 'x:1', livenessProbe: liveness }];
    const failures = event('app', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', { count: 2 });
    const warning = await findings(incident({ containers, statuses: [app({ state: runningFor(600), ready: true })], events: [failures] }));
    expect(warning.map((f) => [f.rule, f.severity])).toEqual([['liveness-probe-failing', 'warning']]);
  });

  it('startup probe kills are explained with the probe budget', async () => {
    const containers = [{ name: 'app', image: 'x:1', startupProbe: { httpGet: { path: '/started', port: 9000 }, periodSeconds: 5, failureThreshold: 12 } }];
    const found = await findings(
      incident({
        containers,
        statuses: [app({ state: crashLoop, lastState: terminated(143, 'Error'), restartCount: 3 })],
        events: [
          event('app', 'Unhealthy', 'Startup probe failed: Get "http://10.0.0.5:9000/started": dial tcp 10.0.0.5:9000: connect: connection refused', { count: 36 }),
          event('app', 'Killing', 'Container app failed startup probe, will be restarted', { count: 3, type: 'Normal' }),
        ],
      }),
    );
    expect(found[0]).toMatchObject({ rule: 'startup-probe-kill', title: 'container app is killed because its startup probe does not pass within 60s' });
    expect(found.find((f) => f.rule === 'crashloop-backoff')).toMatchObject({ causedBy: 'startup-probe-kill/app' });
    expect(found.map((f) => f.rule)).not.toContain('sigterm-exit');
  });

  it('a running container failing readiness is a warning naming the Service that lost it; a ready one is not', async () => {
    const containers = [{ name: 'app', image: 'x:1', readinessProbe: { exec: { command: ['sh', '-c', 'exit 1'] }, periodSeconds: 5 } }];
    const failures = event('app', 'Unhealthy', 'Readiness probe failed: ', { count: 6 });
    const notReady = incident({ containers, statuses: [app({ state: runningFor(40), ready: false })], events: [failures] });
    const withService = { ...notReady, services: [{ name: 'search', namespace: 'default', selector: { app: 'search' }, endpointReady: false }] };
    const found = await findings(withService);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['readiness-probe-failing', 'warning']]);
    expect(found[0]!.explanation).toContain('Services losing it: search');
    expect(found[0]!.remediation.map((s) => s.command)).toContain("kubectl exec web-0 -n default -c app -- sh -c 'exit 1'; echo exit=$?");

    expect(await rules(incident({ containers, statuses: [app({ state: runningFor(40), ready: true })], events: [failures] }))).toEqual([]);
  });
});

describe('start failures', () => {
  const startError = (message: string) => ({ statuses: [app({ state: crashLoop, lastState: terminated(128, 'StartError', 60, message), restartCount: 2 })] });

  it('a program missing from the image is command-not-found, not a generic start failure', async () => {
    const found = await rules(incident(startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "serve": executable file not found in $PATH: unknown')));
    expect(found[0]).toBe('command-not-found');
    expect(found).not.toContain('container-start-failure');
  });

  it('a mount failure at start is a start failure, not a missing command', async () => {
    const found = await rules(incident(startError('unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/x/volume-subpaths/cfg/app/0" to rootfs at "/etc/app.yaml": not a directory: unknown')));
    expect(found[0]).toBe('container-start-failure');
    expect(found).not.toContain('command-not-found');
  });

  // Not shown is not "none of these": without the runtime's words the start failure's cause is unknown.
  it('a start failure whose message is not shown, retried, is an unknown cause that says where to read it', async () => {
    const retried = incident({ statuses: [app({ state: crashLoop, lastState: terminated(128, 'StartError'), restartCount: 2 })] });
    const found = await findings(retried);
    expect(found.map((f) => [f.rule, f.cause])).toEqual([
      ['start-failure-message-not-shown', 'crashloop-unknown'],
      ['crashloop-backoff', 'crashloop-unknown'],
    ]);
    expect(found[0]!.explanation).toContain('executable file not found');
    expect(found[0]!.remediation[0]!.command).toBe('kubectl describe pod web-0 -n default');
  });

  it('a start failure whose message is not shown and that is not retried stays a start failure that names a missing program too', async () => {
    const once = incident({ spec: { restartPolicy: 'Never' }, phase: 'Failed', statuses: [app({ state: terminated(128, 'ContainerCannotRun') })] });
    const found = await findings(once);
    expect(found[0]?.rule).toBe('container-start-failure');
    expect(found[0]?.explanation).toContain('Unless it is the program itself, not in the image or not executable');
  });

  it('exec format error in the log beats the exit code it came with', async () => {
    const found = await rules(
      incident({
        statuses: [app({ state: crashLoop, lastState: terminated(255, 'Error'), restartCount: 4 })],
        logs: [{ container: 'app', previous: 'exec /usr/local/bin/server: exec format error\n' }],
      }),
    );
    expect(found[0]).toBe('exec-format-error');
    expect(found).not.toContain('app-error-exit');
  });

  it('native crashes are app-crash, a Go panic (exit 2) is an application error', async () => {
    expect((await findings(incident({ statuses: [app({ state: crashLoop, lastState: terminated(134, 'Error'), restartCount: 2 })] })))[0]).toMatchObject({
      rule: 'signal-crash',
      cause: 'app-crash',
      title: 'container app crashed with SIGABRT (exit 134)',
    });
    const panic = await rules(
      incident({
        statuses: [app({ state: crashLoop, lastState: terminated(2, 'Error'), restartCount: 2 })],
        logs: [{ container: 'app', previous: 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]\n' }],
      }),
    );
    expect(panic[0]).toBe('app-error-exit');
    expect(panic).not.toContain('signal-crash');
  });
});

describe('successful exits', () => {
  const completed = (policy: string) =>
    incident({ spec: { restartPolicy: policy }, statuses: [app({ state: crashLoop, lastState: terminated(0, 'Completed', 20), restartCount: 5 })] });

  it('exit 0 restarted under Always is completed-restart', async () => {
    const found = await findings(completed('Always'));
    expect(found[0]).toMatchObject({ rule: 'completed-restart', cause: 'completed-restart' });
    expect(found.find((f) => f.rule === 'crashloop-backoff')).toMatchObject({ causedBy: 'completed-restart/app' });
  });

  it('a container that completed under Never, and a completed init container, are not failures', async () => {
    const never = incident({ spec: { restartPolicy: 'Never' }, phase: 'Succeeded', statuses: [app({ state: terminated(0, 'Completed', 20) })] });
    expect(await rules(never)).toEqual([]);
    const initDone = incident({
      initContainers: [{ name: 'wait-db', image: 'busybox:1.36' }],
      initStatuses: [app({ name: 'wait-db', state: terminated(0, 'Completed', 600), ready: true })],
      statuses: [app({ state: runningFor(590), ready: true })],
    });
    expect(await rules(initDone)).toEqual([]);
  });
});

describe('application errors: current versus long ago', () => {
  const exitedAgo = (seconds: number) => incident({ statuses: [app({ state: runningFor(seconds - 1), ready: true, lastState: terminated(1, 'Error', seconds), restartCount: 1 })] });

  it('exactly one of app-error-exit and recovered-app-error fires, switching at 10 minutes', async () => {
    expect((await findings(exitedAgo(599))).map((f) => [f.rule, f.severity])).toEqual([['app-error-exit', 'critical']]);
    expect((await findings(exitedAgo(601))).map((f) => [f.rule, f.severity])).toEqual([['recovered-app-error', 'info']]);
  });

  it('a container that is not ready counts as still failing, however long ago it exited', async () => {
    const i = incident({ statuses: [app({ state: runningFor(3000), ready: false, lastState: terminated(1, 'Error', 3001), restartCount: 1 })] });
    expect(await rules(i)).toEqual(['app-error-exit']);
  });

  it('names the error line of the log in the explanation', async () => {
    const i = incident({
      statuses: [app({ state: crashLoop, lastState: terminated(1, 'Error'), restartCount: 3 })],
      logs: [{ container: 'app', previous: 'Traceback (most recent call last):\n  File "/app/w.py", line 3, in <module>\nKeyError: \'STRIPE_API_KEY\'\n' }],
    });
    expect((await findings(i))[0]!.explanation).toContain("Last error line in the log: KeyError: 'STRIPE_API_KEY'");
  });
});

describe('images and configuration', () => {
  const pulling = { statuses: [app({ imageID: '', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/acme/api:1.0"' } } })] };
  const pullFailed = (message: string) => event('app', 'Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${message}`, { count: 4 });

  it('a specific pull problem supersedes the generic pull failure', async () => {
    expect(await rules(incident({ ...pulling, events: [pullFailed('failed to authorize: failed to fetch anonymous token: 401 Unauthorized')] }))).toEqual(['image-pull-unauthorized']);
    expect(await rules(incident({ ...pulling, events: [pullFailed('failed to pull and unpack image: unexpected EOF')] }))).toEqual(['image-pull-failure']);
  });

  it('a pull that failed once and then succeeded is not reported', async () => {
    const events = [pullFailed('i/o timeout'), event('app', 'Pulled', 'Successfully pulled image "ghcr.io/acme/api:1.0" in 2s', { type: 'Normal', secondsAgo: 20 })];
    expect(await rules(incident({ statuses: [app({ state: runningFor(15), ready: true })], events }))).toEqual([]);
  });

  it('a missing key names the object and the key; the generic config error stands back', async () => {
    const found = await findings(
      incident({
        statuses: [app({ state: { waiting: { reason: 'CreateContainerConfigError' } } })],
        events: [event('app', 'Failed', "Error: couldn't find key REDIS_URL in ConfigMap shop/cart-config", { count: 7 })],
      }),
    );
    expect(found.map((f) => f.rule)).toEqual(['missing-config-key']);
    expect(found[0]!.title).toBe('Key REDIS_URL is missing from ConfigMap shop/cart-config');
    expect(found[0]!.remediation.map((s) => s.command)).toContain('kubectl describe configmap cart-config -n default');
  });
});

describe('symptoms', () => {
  it('CrashLoopBackOff that no rule explains stands alone as crashloop-unknown', async () => {
    const found = await findings(incident({ statuses: [app({ state: crashLoop, restartCount: 6 })] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'crashloop-backoff', cause: 'crashloop-unknown', symptom: false });
  });

  it('a failing init container blocks the pod and the symptom points at its cause', async () => {
    const found = await findings(
      incident({
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False' }],
        initContainers: [{ name: 'migrate', image: 'flyway/flyway:10' }],
        initStatuses: [app({ name: 'migrate', state: crashLoop, lastState: terminated(1, 'Error'), restartCount: 4 })],
        statuses: [app({ imageID: '', state: { waiting: { reason: 'PodInitializing' } } })],
      }),
    );
    expect(found[0]).toMatchObject({ rule: 'app-error-exit', container: 'migrate', title: 'init container migrate exits with code 1 (generic application error)' });
    expect(found.find((f) => f.rule === 'init-container-blocking')).toMatchObject({ causedBy: 'app-error-exit/migrate', title: 'Pod is stuck in Init:CrashLoopBackOff: init container migrate has not completed' });
  });

  it('a started native sidecar does not block the pod, and a crashing app beside it is judged alone', async () => {
    const found = await rules(
      incident({
        initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32.2', restartPolicy: 'Always' }],
        initStatuses: [app({ name: 'proxy', state: runningFor(300), started: true, ready: true })],
        statuses: [app({ state: crashLoop, lastState: terminated(1, 'Error'), restartCount: 3 })],
      }),
    );
    expect(found).toEqual(['app-error-exit', 'crashloop-backoff']);
  });
});
