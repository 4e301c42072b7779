import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { computeFacts, type FactValues } from '../src/facts/compute.js';
import { describeProbe } from '../src/facts/probe-facts.js';
import { classifyImagePull, pullErrorDetail } from '../src/facts/classify-image.js';
import { classifyMissingObject } from '../src/facts/classify-config.js';
import { classifyStartError } from '../src/facts/classify-start.js';
import type { PodEvent } from '../src/model/event.js';
import type { Incident } from '../src/model/incident.js';
import { ago, makeIncident, makePod, podEvent } from './build-incident.js';

/** An event about one container, with the fieldPath kubelet sets. */
function containerEvent(container: string, reason: string, message: string, options: { count?: number; secondsAgo?: number; type?: string; init?: boolean } = {}): PodEvent {
  const event = podEvent(reason, message, options);
  return { ...event, involvedObject: { ...event.involvedObject, fieldPath: `spec.${options.init ? 'initContainers' : 'containers'}{${container}}` } };
}

function status(name: string, fields: Partial<V1ContainerStatus>): V1ContainerStatus {
  return { name, image: 'registry.example.com/web:1.0', imageID: '', ready: false, restartCount: 0, ...fields };
}

/** Facts of the named container of a pod built from app and init containers. */
function factsOf(
  container: string,
  parts: {
    containers?: V1Container[];
    initContainers?: V1Container[];
    statuses?: V1ContainerStatus[];
    initStatuses?: V1ContainerStatus[];
    events?: PodEvent[];
    spec?: Partial<V1Pod['spec']>;
    podStatus?: Partial<NonNullable<V1Pod['status']>>;
    logs?: Incident['logs'];
  },
): FactValues {
  const pod = makePod({
    spec: {
      containers: parts.containers ?? [{ name: 'app', image: 'registry.example.com/web:1.0' }],
      ...(parts.initContainers ? { initContainers: parts.initContainers } : {}),
      ...parts.spec,
    },
    status: {
      phase: 'Running',
      containerStatuses: parts.statuses ?? [],
      ...(parts.initStatuses ? { initContainerStatuses: parts.initStatuses } : {}),
      ...parts.podStatus,
    },
  });
  const facts = computeFacts({ ...makeIncident({ pod, events: parts.events ?? [] }), logs: parts.logs ?? [] });
  const found = facts.containers.find((c) => c.context.name === container);
  if (!found) throw new Error(`no container ${container}`);
  return found.values;
}

const terminated = (exitCode: number, reason: string, extra: Record<string, unknown> = {}) => ({
  terminated: { exitCode, reason, startedAt: new Date(ago(400)), finishedAt: new Date(ago(300)), ...extra },
});

describe('termination facts', () => {
  it('reads the previous instance when the container waits, with signal and meaning', () => {
    const f = factsOf('app', {
      statuses: [status('app', { state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=app pod=web-0_default(uid-web-0)' } }, lastState: terminated(139, 'Error'), restartCount: 5 })],
    });
    expect(f).toMatchObject({
      terminationExitCode: 139,
      terminationSignalName: 'SIGSEGV',
      exitCodeMeaning: 'segmentation fault (SIGSEGV)',
      lastRunSeconds: 100,
      secondsSinceLastTermination: 300,
      backOffSeconds: 160,
    });
  });

  it('prefers the current terminated state over the previous one', () => {
    const f = factsOf('app', {
      statuses: [status('app', { state: terminated(0, 'Completed'), lastState: terminated(1, 'Error'), restartCount: 1 })],
    });
    expect(f.terminationExitCode).toBe(0);
    expect(f.terminationReason).toBe('Completed');
    expect(f.lastExitCode).toBe(1);
  });

  it('takes the signal from the signal field when the runtime reports one', () => {
    const f = factsOf('app', { statuses: [status('app', { state: terminated(1, 'Error', { signal: 6 }) })] });
    expect(f.terminationSignalName).toBe('SIGABRT');
  });

  it('explains the exit codes an on-call engineer meets', () => {
    const meaning = (code: number) => factsOf('app', { statuses: [status('app', { state: terminated(code, 'Error') })] }).exitCodeMeaning;
    expect(meaning(127)).toBe('command not found');
    expect(meaning(137)).toContain('SIGKILL');
    expect(meaning(143)).toBe('terminated by SIGTERM');
    // Exit 2 is not only bad usage: Go exits 2 on a panic nothing recovered.
    expect(meaning(2)).toMatch(/bad usage or arguments .*Go program's unrecovered panic/);
    expect(meaning(3)).toBe('application-defined error');
    // 128 + the signal number, each with the signal's name.
    expect([130, 132, 134, 135, 136, 139].map(meaning)).toEqual([
      'interrupted (SIGINT)',
      'illegal instruction (SIGILL), often a binary built for CPU features the node lacks',
      'aborted (SIGABRT)',
      'bus error (SIGBUS)',
      'arithmetic error (SIGFPE)',
      'segmentation fault (SIGSEGV)',
    ]);
  });
});

describe('container kinds and restart policy', () => {
  const pod = {
    initContainers: [
      { name: 'migrate', image: 'flyway/flyway:10' },
      { name: 'proxy', image: 'envoyproxy/envoy:v1.32.2', restartPolicy: 'Always' },
    ],
  };

  it('tells init containers, native sidecars and app containers apart', () => {
    expect(factsOf('migrate', pod)).toMatchObject({ containerKind: 'init', containerLabel: 'init container migrate', restartPolicy: 'OnFailure', containerSpecList: 'initContainers' });
    expect(factsOf('proxy', pod)).toMatchObject({ containerKind: 'sidecar', containerLabel: 'sidecar container proxy', restartPolicy: 'Always' });
    expect(factsOf('app', pod)).toMatchObject({ containerKind: 'app', containerLabel: 'container app', restartPolicy: 'Always', containerSpecList: 'containers' });
  });

  it('applies the pod restart policy to app containers and Never to init containers too', () => {
    expect(factsOf('app', { ...pod, spec: { restartPolicy: 'OnFailure' } }).restartPolicy).toBe('OnFailure');
    expect(factsOf('migrate', { ...pod, spec: { restartPolicy: 'Never' } }).restartPolicy).toBe('Never');
  });

  it('shows the command as a shell line, or says the image default runs', () => {
    expect(factsOf('app', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }] })).toMatchObject({
      command: "sh -c 'echo done'",
      effectiveCommand: "sh -c 'echo done'",
    });
    expect(factsOf('app', {})).toMatchObject({ command: null, effectiveCommand: "the image's own ENTRYPOINT/CMD" });
  });

  it('derives registry and the pull policy kubelet applies', () => {
    const image = (ref: string, policy?: string) =>
      factsOf('app', { containers: [{ name: 'app', image: ref, ...(policy ? { imagePullPolicy: policy } : {}) }] });
    expect(image('redis:7.2')).toMatchObject({ imageRegistry: 'docker.io', imagePullPolicy: 'IfNotPresent' });
    expect(image('bitnami/redis')).toMatchObject({ imageRegistry: 'docker.io', imagePullPolicy: 'Always' });
    expect(image('localhost:5000/app:latest')).toMatchObject({ imageRegistry: 'localhost:5000', imagePullPolicy: 'Always' });
    expect(image('ghcr.io/acme/api:1.0', 'Never')).toMatchObject({ imageRegistry: 'ghcr.io', imagePullPolicy: 'Never' });
  });
});

describe('probe facts', () => {
  const liveness = { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 };

  it('prints probes the way kubectl describe does', () => {
    expect(describeProbe({ httpGet: { path: '/healthz', port: 8080 } })).toBe('http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ exec: { command: ['sh', '-c', 'exit 1'] }, initialDelaySeconds: 5, periodSeconds: 5 })).toBe(
      'exec [sh -c exit 1] delay=5s timeout=1s period=5s #success=1 #failure=3',
    );
    expect(describeProbe({ tcpSocket: { port: 5432 }, timeoutSeconds: 2 })).toBe('tcp-socket :5432 delay=0s timeout=2s period=10s #success=1 #failure=3');
  });

  it('gives the time budget and a command that repeats the probe against the pod IP and resolved port', () => {
    const f = factsOf('app', {
      containers: [{ name: 'app', image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: liveness, readinessProbe: { exec: { command: ['sh', '-c', 'exit 1'] } } }],
      podStatus: { podIP: '10.0.3.7' },
    });
    expect(f.livenessBudgetSeconds).toBe(60);
    expect(f.livenessCheckCommand).toBe('wget -S -q -O- -T 1 http://10.0.3.7:8080/healthz');
    expect(f.readinessCheckCommand).toBe("sh -c 'exit 1'");
    expect(f.readinessLastFailure).toBeNull();
  });

  it('resolves a named port to the port of that name, not the first one the container lists', () => {
    const f = factsOf('app', {
      containers: [{ name: 'app', image: 'x:1', ports: [{ name: 'metrics', containerPort: 9090 }, { name: 'http', containerPort: 8080 }], livenessProbe: { ...liveness, httpGet: { path: '/healthz', port: 'http' } } }],
      podStatus: { podIP: '10.0.3.7' },
    });
    expect(f.livenessCheckCommand).toBe('wget -S -q -O- -T 1 http://10.0.3.7:8080/healthz');
  });

  it('counts failures and kills from events, summing aggregated counts', () => {
    const f = factsOf('app', {
      containers: [{ name: 'app', image: 'x:1', livenessProbe: liveness, readinessProbe: { exec: { command: ['check'] } } }],
      events: [
        containerEvent('app', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', { count: 6 }),
        containerEvent('app', 'Unhealthy', 'Readiness probe failed: ', { count: 4 }),
        containerEvent('app', 'Killing', 'Container app failed liveness probe, will be restarted', { count: 2, type: 'Normal' }),
      ],
    });
    expect(f).toMatchObject({
      livenessFailures: 6,
      livenessKills: 2,
      livenessLastFailure: 'HTTP probe failed with statuscode: 500',
      readinessFailures: 4,
      readinessLastFailure: 'the command exited non-zero without output',
      startupKills: 0,
    });
  });
});

describe('liveness kills during start-up', () => {
  const kill = containerEvent('app', 'Killing', 'Container app failed liveness probe, will be restarted', { type: 'Normal' });
  const probe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 };
  const unhealthy = (message: string) => containerEvent('app', 'Unhealthy', `Liveness probe failed: ${message}`, { count: 3 });
  const factsAfter = (seconds: number, failure?: string) =>
    factsOf('app', {
      containers: [{ name: 'app', image: 'x:1', livenessProbe: probe }],
      statuses: [status('app', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 143, reason: 'Error', startedAt: new Date(ago(400 + seconds)), finishedAt: new Date(ago(400)) } } })],
      events: failure ? [unhealthy(failure), kill] : [kill],
    });
  const ranFor = (seconds: number, failure?: string) => factsAfter(seconds, failure).livenessKilledWhileStarting;

  it('tells a kill before the probe could ever pass from one after the app had run', () => {
    expect(ranFor(61)).toBe(true);
    expect(ranFor(3600)).toBe(false);
    expect(ranFor(61, 'Get "http://10.88.77.9:8080/healthz": dial tcp 10.88.77.9:8080: connect: connection refused')).toBe(true);
    expect(ranFor(61, 'Get "http://10.0.0.7:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)')).toBe(true);
  });

  // A real v1.34 kubelet kills a probe that fails from the first try at exactly the probe's window,
  // so an app answering 500 from its first second looks, by run time alone, like a slow start.
  it('an app that answers the probe (HTTP status, gRPC NOT_SERVING) was not killed while starting', () => {
    expect(factsAfter(61, 'HTTP probe failed with statuscode: 500')).toMatchObject({ livenessProbeAnswered: 'HTTP 500', livenessKilledWhileStarting: false });
    expect(factsAfter(61, 'service unhealthy (responded with "NOT_SERVING")')).toMatchObject({ livenessProbeAnswered: 'NOT_SERVING', livenessKilledWhileStarting: false });
    expect(factsAfter(61, 'dial tcp 10.0.0.7:8080: connect: connection refused').livenessProbeAnswered).toBeNull();
    expect(factsAfter(61).livenessProbeAnswered).toBeNull();
  });
});

describe('image pull facts', () => {
  const failed = (message: string) => containerEvent('app', 'Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${message}`, { secondsAgo: 30 });
  const waitingPull = [status('app', { state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/acme/api:1.0"' } } })];

  it('classifies what the registry said', () => {
    expect(classifyImagePull('failed to resolve reference "x": pull access denied, repository does not exist or may require authorization')).toBe('unauthorized');
    expect(classifyImagePull('failed to pull and unpack image "x": no match for platform in manifest: not found')).toBe('platform');
    expect(classifyImagePull('429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.')).toBe('rate-limited');
    expect(classifyImagePull('dial tcp: lookup harbor.corp.example on 10.0.0.10:53: no such host')).toBe('unreachable');
    expect(classifyImagePull('failed to resolve reference "docker.io/acme/api:v9": docker.io/acme/api:v9: not found')).toBe('not-found');
  });

  // A real v1.34 node pulling from a loopback registry where nothing listens said "connect:
  // connection refused" over http://: the host answered, DNS had nothing to do with it.
  it('tells a refused connection from DNS, no answer and TLS, and points the checks at what the runtime tried', () => {
    const pull = (image: string, detail: string) =>
      factsOf('app', {
        containers: [{ name: 'app', image }],
        statuses: [status('app', { state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } })],
        events: [containerEvent('app', 'Failed', `Failed to pull image "${image}": failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${detail}`, { secondsAgo: 30 })],
      });
    expect(pull('127.0.0.1:5/podmortem/app:1', 'failed to do request: Head "http://127.0.0.1:5/v2/podmortem/app/manifests/1": dial tcp 127.0.0.1:5: connect: connection refused')).toMatchObject({
      registryConnectFailure: 'refused',
      registryHostName: null,
      registryUrl: 'http://127.0.0.1:5',
    });
    expect(pull('harbor.corp.example/a/b:1', 'failed to do request: Head "https://harbor.corp.example/v2/a/b/manifests/1": dial tcp: lookup harbor.corp.example on 10.0.0.10:53: no such host')).toMatchObject({
      registryConnectFailure: 'dns',
      registryHostName: 'harbor.corp.example',
      registryUrl: 'https://harbor.corp.example',
    });
    // The resolver refusing is still DNS.
    expect(pull('harbor.corp.example:8443/a/b:1', 'dial tcp: lookup harbor.corp.example on 10.0.0.10:53: read udp 10.0.3.4:41000->10.0.0.10:53: read: connection refused')).toMatchObject({
      registryConnectFailure: 'dns',
      registryHostName: 'harbor.corp.example',
      registryUrl: 'https://harbor.corp.example:8443',
    });
    expect(pull('quay.io/a/b:1', 'failed to do request: Head "https://quay.io/v2/a/b/manifests/1": dial tcp 52.1.2.3:443: i/o timeout').registryConnectFailure).toBe('timeout');
    expect(pull('registry.internal/a/b:1', 'failed to do request: Head "https://registry.internal/v2/a/b/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority').registryConnectFailure).toBe('tls');
    expect(pull('[fd00::5]:5000/a/b:1', 'dial tcp [fd00::5]:5000: connect: connection refused')).toMatchObject({ registryConnectFailure: 'refused', registryHostName: null });
    expect(pull('localhost:5000/a/b:1', 'dial tcp [::1]:5000: connect: connection refused').registryHostName).toBeNull();
    expect(pull('acme/api:1', 'failed to resolve reference "docker.io/acme/api:1": docker.io/acme/api:1: not found')).toMatchObject({ registryConnectFailure: null, registryUrl: 'https://registry-1.docker.io' });
  });

  it('keeps what the registry or network said and drops the runtime wrapping', () => {
    expect(
      pullErrorDetail('Failed to pull image "ghcr.io/a/b:1": failed to pull and unpack image "ghcr.io/a/b:1": failed to resolve reference "ghcr.io/a/b:1": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=x: 401 Unauthorized'),
    ).toBe('unexpected status from GET request to https://ghcr.io/token?scope=x: 401 Unauthorized');
    expect(pullErrorDetail('Container image "acme/api:dev" is not present with pull policy of Never')).toBe('Container image "acme/api:dev" is not present with pull policy of Never');
  });

  it('reads the failed pull from the events while the container waits for its image', () => {
    const f = factsOf('app', { statuses: waitingPull, events: [failed('failed to resolve reference "ghcr.io/acme/api:1.0": 401 Unauthorized')] });
    expect(f).toMatchObject({ imagePullProblem: 'unauthorized', pulledImage: 'ghcr.io/acme/api:1.0', imagePullError: '401 Unauthorized' });
  });

  it('forgets a pull failure that a later pull overcame', () => {
    const f = factsOf('app', {
      events: [failed('i/o timeout'), containerEvent('app', 'Pulled', 'Successfully pulled image "ghcr.io/acme/api:1.0" in 3.1s', { secondsAgo: 10, type: 'Normal' })],
    });
    expect(f.imagePullProblem).toBeNull();
  });

  it('ignores old pull failures once the status shows the container ran', () => {
    const f = factsOf('app', { statuses: [status('app', { state: { running: { startedAt: new Date(ago(20)) } }, ready: true })], events: [failed('i/o timeout')] });
    expect(f.imagePullProblem).toBeNull();
  });

  it('takes invalid names and never-pull from the waiting reason', () => {
    const waiting = (reason: string) => factsOf('app', { statuses: [status('app', { state: { waiting: { reason, message: 'x' } } })] }).imagePullProblem;
    expect(waiting('InvalidImageName')).toBe('invalid-name');
    expect(waiting('ErrImageNeverPull')).toBe('never-pull');
  });
});

describe('configuration error facts', () => {
  it('names the missing object and, for a key, the object lacking it', () => {
    expect(classifyMissingObject('configmap "app-config" not found')).toEqual({ kind: 'configmap', name: 'app-config' });
    expect(classifyMissingObject('secret "db" not found')).toEqual({ kind: 'secret', name: 'db' });
    expect(classifyMissingObject("couldn't find key REDIS_URL in ConfigMap shop/cart-config")).toEqual({
      kind: 'key',
      name: 'REDIS_URL',
      object: 'ConfigMap shop/cart-config',
      objectResource: 'configmap',
      objectName: 'cart-config',
    });
  });

  it('reads the missing key from kubelet\'s Failed event while the container cannot be created', () => {
    const f = factsOf('app', {
      statuses: [status('app', { state: { waiting: { reason: 'CreateContainerConfigError' } } })],
      events: [containerEvent('app', 'Failed', "Error: couldn't find key password in Secret shop/db-credentials", { count: 9 })],
    });
    expect(f).toMatchObject({
      configErrorMessage: "couldn't find key password in Secret shop/db-credentials",
      missingObjectKind: 'key',
      missingObjectName: 'password',
      missingKeyObjectResource: 'secret',
      missingKeyObjectName: 'db-credentials',
    });
  });

  it('falls back to the waiting message when the events are gone', () => {
    const f = factsOf('app', { statuses: [status('app', { state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "github-secrets" not found' } } })] });
    expect(f).toMatchObject({ missingObjectKind: 'secret', missingObjectName: 'github-secrets' });
  });

  it('does not take a runtime error for a configuration error', () => {
    const f = factsOf('app', {
      statuses: [status('app', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated(128, 'StartError') })],
      events: [containerEvent('app', 'Failed', 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: not found')],
    });
    expect(f.configErrorMessage).toBeNull();
  });
});

describe('start error facts', () => {
  it('tells a missing program from a permission problem, a wrong architecture and a mount failure', () => {
    expect(classifyStartError('exec: "gunicorn": executable file not found in $PATH: unknown')).toBe('not-found');
    expect(classifyStartError('unable to start container process: exec: "sh - -c x": stat sh - -c x: no such file or directory: unknown')).toBe('not-found');
    expect(classifyStartError('unable to start container process: exec: "/entrypoint.sh": permission denied: unknown')).toBe('permission-denied');
    expect(classifyStartError('exec /app/server: exec format error')).toBe('exec-format');
    // Go 1.19+ runc refuses a command PATH found only through a relative entry (exec.ErrDot).
    expect(classifyStartError('runc create failed: unable to start container process: exec: "serve": cannot run executable found relative to current directory: unknown')).toBe('not-found');
    expect(
      classifyStartError('error during container init: error mounting "/var/lib/kubelet/pods/x/volumes/cfg" to rootfs at "/etc/app.yaml": no such file or directory: unknown'),
    ).toBe('other');
  });

  it('reads the StartError message from lastState while the container backs off', () => {
    const message = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "serve": executable file not found in $PATH: unknown';
    const f = factsOf('app', {
      statuses: [status('app', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated(128, 'StartError', { message }), restartCount: 3 })],
    });
    expect(f).toMatchObject({ startProblem: 'not-found', startErrorMessage: message, terminationExitCode: 128 });
  });

  it('falls back to the log when a shell reports the failure itself', () => {
    const f = factsOf('app', {
      statuses: [status('app', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated(126, 'Error') })],
      logs: [{ container: 'app', previous: 'sh: /scripts/render-config.sh: Permission denied\n' }],
    });
    expect(f.startFailureDetail).toBe('sh: /scripts/render-config.sh: Permission denied');
  });

  it('does not blame an old start failure event on a container that runs', () => {
    const f = factsOf('app', {
      statuses: [status('app', { state: { running: { startedAt: new Date(ago(30)) } }, ready: true, lastState: terminated(1, 'Error') })],
      events: [containerEvent('app', 'Failed', 'Error: exec: "serve": executable file not found in $PATH', { secondsAgo: 900 })],
    });
    expect(f.startProblem).toBeNull();
  });
});

describe('log facts', () => {
  it('finds crash signatures and the line with the error, not the hint printed after it', () => {
    const previous = [
      'Flyway OSS Edition 10.17.3 by Redgate',
      'ERROR: Validate failed: Migrations have failed validation',
      'Need more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE',
    ].join('\n');
    const f = factsOf('app', { logs: [{ container: 'app', previous }] });
    expect(f.logErrorLine).toBe('ERROR: Validate failed: Migrations have failed validation');
    expect(f.logLastLine).toBe('Need more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE');
  });

  it('never quotes an INFO, DEBUG or WARN line as the error, whatever words it holds', () => {
    const lines = [
      '2026-11-22T09:51:00.912Z  INFO 1 --- [main] o.s.b.w.e.tomcat.GracefulShutdown : Commencing graceful shutdown',
      'time=2026-11-21T02:54:03Z level=INFO msg="retrying after error: connection reset" batch=2',
      '{"level":"info","msg":"resize","err":null}',
      '{"level":40,"msg":"payments gateway health check failed","error":"ETIMEDOUT"}',
      'I1124 06:49:18.502 server.go:42] recovered from panic: nothing to do',
      '[2026-11-18 08:25:02 +0000] [9] [INFO] Booting worker with pid: 9',
      'done',
    ].join('\n');
    const f = factsOf('app', { logs: [{ container: 'app', previous: lines }] });
    expect(f.logErrorLine).toBeNull();
    expect(f.logLastLine).toBe('done');
  });

  it('picks the exception a traceback ends with, the last Caused by of a Java trace, not a stack frame', () => {
    const python = ['Traceback (most recent call last):', '  File "/app/worker.py", line 31, in main', '    raise KeyError(key)', "KeyError: 'STRIPE_API_KEY'"].join('\n');
    expect(factsOf('app', { logs: [{ container: 'app', previous: python }] }).logErrorLine).toBe("KeyError: 'STRIPE_API_KEY'");
    const java = [
      'Exception in thread "main" java.lang.IllegalStateException: Failed to start',
      '\tat com.example.App.main(App.java:12)',
      'Caused by: java.net.UnknownHostException: db.shop.svc',
      '\tat java.base/java.net.InetAddress.getByName(InetAddress.java:1)',
      '\t... 3 more',
    ].join('\n');
    expect(factsOf('app', { logs: [{ container: 'app', previous: java }] }).logErrorLine).toBe('Caused by: java.net.UnknownHostException: db.shop.svc');
    const go = ['SIGSEGV: segmentation violation', 'signal arrived during cgo execution', '', 'goroutine 41 [syscall]:', 'main.(*Server).handleError(0xc000)', '\t/app/main.go:12 +0x4b'].join('\n');
    expect(factsOf('app', { logs: [{ container: 'app', previous: go }] }).logErrorLine).toBe('SIGSEGV: segmentation violation');
  });

  it('an error level in a field counts: logfmt, JSON, pino and glog', () => {
    for (const line of ['level=error msg="db down"', '{"level":"error","msg":"db down"}', '{"level":50,"msg":"db down"}', 'E1124 06:49:18.502 main.go:42] db down']) {
      expect(factsOf('app', { logs: [{ container: 'app', previous: `INFO starting\n${line}\nINFO bye` }] }).logErrorLine, line).toBe(line);
    }
  });

  it('recognises runtime crash signatures and the runtime', () => {
    const f = factsOf('app', {
      logs: [{ container: 'app', previous: 'Picked up JAVA_TOOL_OPTIONS: -Xmx512m\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n' }],
    });
    expect(f.logSignatures).toContain('java-heap-oom');
    expect(f.runtime).toBe('jvm');
    const go = factsOf('app', { logs: [{ container: 'app', previous: 'SIGSEGV: segmentation violation\nsignal arrived during cgo execution\n\ngoroutine 41 [syscall]:\n' }] });
    expect(go.logSignatures).toEqual(expect.arrayContaining(['segfault', 'cgo-crash']));
    expect(go.runtime).toBe('go');
  });

  it('trusts what the process printed over what its image is called', () => {
    const f = factsOf('app', {
      containers: [{ name: 'app', image: 'registry.example.com/streaming/kafka-bridge:0.22.1' }],
      logs: [{ container: 'app', previous: 'goroutine 41 gp=0xc000503340 m=7 mp=0xc000580008 [syscall]:\n' }],
    });
    expect(f.runtime).toBe('go');
    expect(factsOf('app', { containers: [{ name: 'app', image: 'confluentinc/cp-kafka:7.7.1' }] }).runtime).toBe('jvm');
  });
});

describe('pod facts from containers', () => {
  it('names the init container that blocks the pod, skipping completed ones and started sidecars', () => {
    const pod = makePod({
      spec: {
        initContainers: [
          { name: 'wait-db', image: 'busybox:1.36' },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.32.2', restartPolicy: 'Always' },
          { name: 'migrate', image: 'flyway/flyway:10' },
        ],
        containers: [{ name: 'app', image: 'x:1' }],
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [
          status('wait-db', { state: terminated(0, 'Completed'), ready: true }),
          status('proxy', { state: { running: { startedAt: new Date(ago(100)) } }, started: true, ready: true }),
          status('migrate', { state: { running: { startedAt: new Date(ago(900)) } } }),
        ],
      },
    });
    const facts = computeFacts(makeIncident({ pod }));
    expect(facts.values).toMatchObject({ blockingInitContainer: 'migrate', blockingInitContainerReason: 'Running', blockingInitContainerRunningSeconds: 900 });
  });

  it('names the workload a fix is applied to', () => {
    const workload = (metadata: Partial<V1Pod['metadata']>) => computeFacts(makeIncident({ pod: makePod({ metadata }) })).values.workload;
    expect(
      workload({ labels: { 'pod-template-hash': '6d8f7c9b54' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'orders-api-6d8f7c9b54', uid: 'u', controller: true }] }),
    ).toBe('deployment/orders-api');
    expect(workload({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'keycloak', uid: 'u', controller: true }] })).toBe('statefulset/keycloak');
    expect(workload({})).toBe('pod/web-0');
  });
});
