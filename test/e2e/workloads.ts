// The failing workloads the e2e suite runs on the real node, one per failure mode podmortem
// diagnoses. Each is made real by the node itself: the test app (podmortem.test/app:1, see
// test/cluster/node/app.sh) exits, allocates, serves HTTP statuses or sleeps, and kubelet,
// containerd, runc, the kernel, the scheduler and the controllers do the rest.
//
// Each workload names what to create, when its failure is visible (a predicate over the pod and
// its events, polled with a deadline) and what podmortem must say: the expected root cause and
// findings become the recorded fixture's podmortem-test.json, and `evidence` lists lines the
// root cause must cite.
import type { PodExpectation } from '../../src/engine/test-case.js';

export const NAMESPACE = 'podmortem-e2e';
export const APP_IMAGE = 'podmortem.test/app:1';
/** A credential the app-error workload hands its app (env and arguments); no recording may keep it. */
export const DATABASE_PASSWORD = 'Tr0ub4dor3-e2e';
const DATABASE_URL = `postgres://orders:${DATABASE_PASSWORD}@db.internal:5432/orders`;
/** A registry on a loopback port where nothing listens: the pull fails on this machine only. */
export const UNREACHABLE_IMAGE = '127.0.0.1:5/podmortem/app:1';

export interface ContainerStatus {
  name: string;
  restartCount: number;
  ready: boolean;
  state?: { waiting?: { reason?: string }; running?: object; terminated?: { exitCode: number; reason?: string } };
  lastState?: { terminated?: { exitCode: number; reason?: string } };
}

export interface PodView {
  metadata: { name: string; uid: string };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface EventView {
  reason?: string;
  message?: string;
  count?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** The taint the suite puts on the node (and takes off), so other taints are never touched. */
export const TEST_TAINT_KEY = 'podmortem.test/reserved';

export interface EndpointSliceView {
  metadata: { labels?: Record<string, string> };
  endpoints?: { targetRef?: { kind?: string; name?: string }; conditions?: { ready?: boolean } }[];
}

/** What the suite polls for each workload: its pod, the pod's events, the namespace's EndpointSlices. */
export interface Seen {
  pod: PodView;
  events: EventView[];
  endpointSlices: EndpointSliceView[];
}

export interface Workload {
  /** The fixture folder under fixtures/recorded/, and the pod's (or Job's) name. */
  name: string;
  /** What happened, for podmortem-test.json. */
  description: string;
  /** Objects to create in NAMESPACE (the pod or Job last). */
  objects: Record<string, unknown>[];
  /**
   * Created only after every other pod is placed and the node then carries this taint (NoSchedule
   * keeps new pods off, leaves placed ones alone); the suite takes it off again at the end.
   */
  nodeTaint?: Taint;
  /** Objects created only once `after` holds: a failure the pod then gets past. */
  later?: { after(seen: Seen): boolean; objects: Record<string, unknown>[] };
  /** What podmortem diagnoses and records: a pod name or `job/NAME`. */
  target: string;
  /** The failure is visible (and stable enough to diagnose) in the pod, its events and EndpointSlices. */
  visible(seen: Seen): boolean;
  /** What podmortem must find; becomes the fixture's expectation. */
  expect: PodExpectation;
  /** What the root cause's title must say (live and replayed); null for a healthy pod. */
  title: RegExp | null;
  /** What the root cause's explanation and next steps must not claim (live and replayed). */
  notSaid?: RegExp;
  /** `source: text` prefixes the root cause's evidence must include (live and replayed). */
  evidence: string[];
}

type Container = Record<string, unknown>;

function app(args: string[], extra: Container = {}): Container {
  return { name: 'app', image: APP_IMAGE, imagePullPolicy: 'Never', args, ...extra };
}

function pod(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NAMESPACE, labels: { app: name, ...labels } },
    spec: { terminationGracePeriodSeconds: 5, ...spec },
  };
}

const container = (p: PodView, name = 'app'): ContainerStatus | undefined =>
  [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].find((c) => c.name === name);
const waiting = (p: PodView, name = 'app'): string | undefined => container(p, name)?.state?.waiting?.reason;
const restarts = (p: PodView, name = 'app'): number => container(p, name)?.restartCount ?? 0;
const hasEvent = (events: EventView[], reason: string, message: RegExp = /./): boolean =>
  events.some((e) => e.reason === reason && message.test(e.message ?? ''));

const httpProbe = (path: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  httpGet: { path, port: 8080 },
  periodSeconds: 2,
  timeoutSeconds: 1,
  failureThreshold: 2,
  ...extra,
});

export const WORKLOADS: Workload[] = [
  {
    name: 'mount-recovered-app-error',
    description:
      'Real node: the pod mounts ConfigMap app-settings, which is created only after kubelet reported FailedMount for it; the next mount succeeds and the app then exits 1 on every start. The old FailedMount is not the cause.',
    objects: [
      pod('mount-recovered-app-error', {
        containers: [app(['exit', '1', 'app: fatal: /etc/app/settings.yaml: invalid value "eighty" for port'], { volumeMounts: [{ name: 'settings', mountPath: '/etc/app' }] })],
        volumes: [{ name: 'settings', configMap: { name: 'app-settings' } }],
      }),
    ],
    later: {
      after: ({ events }) => hasEvent(events, 'FailedMount', /configmap "app-settings" not found/),
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-settings', namespace: NAMESPACE }, data: { 'settings.yaml': 'port: eighty\n' } }],
    },
    target: 'mount-recovered-app-error',
    visible: ({ pod: p, events }) => restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff' && hasEvent(events, 'FailedMount'),
    expect: {
      rootCause: { rule: 'app-error-exit', cause: 'app-error', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'app-error-exit/app' }],
      absent: ['mount-missing-object', 'volume-mount-failure'],
    },
    title: /^container app exits with code 1\b/,
    evidence: ['logs app --previous: app: fatal: /etc/app/settings.yaml: invalid value "eighty" for port'],
  },
  {
    name: 'mount-recovered-missing-secret',
    description:
      'Real node: ConfigMap app-settings is created only after kubelet reported FailedMount for it; the next mount succeeds, and then the container cannot be created because Secret app-credentials (envFrom) does not exist. No container ever starts, yet the old FailedMount is not the cause.',
    objects: [
      pod('mount-recovered-missing-secret', {
        containers: [app(['sleep'], { envFrom: [{ secretRef: { name: 'app-credentials' } }], volumeMounts: [{ name: 'settings', mountPath: '/etc/app' }] })],
        volumes: [{ name: 'settings', configMap: { name: 'app-settings-2' } }],
      }),
    ],
    later: {
      after: ({ events }) => hasEvent(events, 'FailedMount', /configmap "app-settings-2" not found/),
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-settings-2', namespace: NAMESPACE }, data: { 'settings.yaml': 'port: 8080\n' } }],
    },
    target: 'mount-recovered-missing-secret',
    visible: ({ pod: p, events }) => waiting(p) === 'CreateContainerConfigError' && hasEvent(events, 'FailedMount') && hasEvent(events, 'Failed', /secret "app-credentials" not found/),
    expect: {
      rootCause: { rule: 'missing-secret', cause: 'config-error', container: 'app' },
      absent: ['mount-missing-object', 'volume-mount-failure'],
    },
    title: /Secret app-credentials/,
    evidence: ['status.containerStatuses[app].state.waiting.reason: CreateContainerConfigError', 'event kubelet: Warning Failed'],
  },
  {
    name: 'app-error-crashloop',
    description:
      'Real node: the app cannot reach its database and exits 1 on every start; kubelet restarts it into CrashLoopBackOff. Its database URL (password included) is in env DATABASE_URL and in the error it prints: the recording keeps neither password.',
    objects: [
      pod('app-error-crashloop', {
        containers: [
          app(['exit', '1', `app: fatal: cannot connect to ${DATABASE_URL}: connection refused`], { env: [{ name: 'DATABASE_URL', value: DATABASE_URL }] }),
        ],
      }),
    ],
    target: 'app-error-crashloop',
    visible: ({ pod: p }) => restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff',
    expect: {
      rootCause: { rule: 'app-error-exit', cause: 'app-error', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'app-error-exit/app' }],
    },
    title: /^container app exits with code 1\b/,
    evidence: [
      'status.containerStatuses[app].lastState.terminated.exitCode: 1',
      'logs app --previous: app: fatal: cannot connect to postgres://orders:[REDACTED]@db.internal:5432/orders: connection refused',
    ],
  },
  {
    name: 'oom-killed-limit',
    description: 'Real node: a container limited to 20Mi allocates 200 MiB; the kernel memory-cgroup OOM killer kills it (OOMKilled, 137) and it crash-loops.',
    objects: [
      pod('oom-killed-limit', {
        containers: [app(['alloc', '200'], { resources: { requests: { cpu: '50m', memory: '20Mi' }, limits: { memory: '20Mi' } } })],
      }),
    ],
    target: 'oom-killed-limit',
    visible: ({ pod: p }) => restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff',
    expect: {
      rootCause: { rule: 'oom-killed', cause: 'oom-limit', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'oom-killed/app' }],
    },
    title: /^container app was OOMKilled at its 20Mi memory limit$/,
    evidence: ['status.containerStatuses[app].lastState.terminated.reason: OOMKilled', 'status.containerStatuses[app].lastState.terminated.exitCode: 137'],
  },
  {
    name: 'completed-restart-always',
    description: 'Real node: a one-shot command (exit 0) runs in a pod with restartPolicy Always, so kubelet restarts the finished container into CrashLoopBackOff.',
    objects: [pod('completed-restart-always', { containers: [app(['exit', '0', 'app: report written, done'])] })],
    target: 'completed-restart-always',
    visible: ({ pod: p }) => restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff',
    expect: {
      rootCause: { rule: 'completed-restart', cause: 'completed-restart', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'completed-restart/app' }],
      absent: ['app-error-exit'],
    },
    title: /^container app finishes successfully but is restarted forever/,
    evidence: ['status.containerStatuses[app].lastState.terminated.exitCode: 0'],
  },
  {
    name: 'command-not-found-exec',
    description: 'Real node: the container command names a binary the image does not have; runc cannot exec it (StartError, exit 128) and the pod crash-loops.',
    objects: [pod('command-not-found-exec', { containers: [app([], { command: ['/usr/local/bin/server'] })] })],
    target: 'command-not-found-exec',
    visible: ({ pod: p }) => restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff',
    expect: {
      rootCause: { rule: 'command-not-found', cause: 'command-not-found', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'command-not-found/app' }],
      absent: ['app-error-exit'],
    },
    title: /^container app: the command to run does not exist in the image$/,
    evidence: [
      'status.containerStatuses[app].lastState.terminated.reason: StartError',
      'status.containerStatuses[app].lastState.terminated.exitCode: 128',
      'event kubelet: Warning Failed',
    ],
  },
  {
    name: 'command-not-found-shell',
    description: 'Real node: a shell command calls a program that is not installed; sh prints "not found" and exits 127 on every start.',
    objects: [pod('command-not-found-shell', { containers: [app([], { command: ['sh', '-c', 'migrate-db --up && exec app sleep'] })] })],
    target: 'command-not-found-shell',
    visible: ({ pod: p }) => restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff',
    expect: {
      rootCause: { rule: 'command-not-found', cause: 'command-not-found', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'command-not-found/app' }],
      absent: ['app-error-exit'],
    },
    title: /^container app: the command to run does not exist in the image$/,
    evidence: ['status.containerStatuses[app].lastState.terminated.exitCode: 127', 'logs app --previous: sh: migrate-db: not found'],
  },
  {
    name: 'liveness-probe-http-500',
    description: 'Real node: the liveness endpoint answers HTTP 500; after two failures kubelet kills the container (Killing, SIGTERM, exit 143) and restarts it.',
    objects: [
      pod('liveness-probe-http-500', {
        containers: [app(['serve', '8080', 'healthz=500'], { ports: [{ containerPort: 8080 }], livenessProbe: httpProbe('/cgi-bin/healthz') })],
      }),
    ],
    target: 'liveness-probe-http-500',
    // Killed twice, so kubelet is backing off: the crash loop is part of what is recorded.
    visible: ({ pod: p, events }) => restarts(p) >= 2 && waiting(p) === 'CrashLoopBackOff' && hasEvent(events, 'Killing', /failed liveness probe/),
    expect: {
      rootCause: { rule: 'liveness-probe-kill', cause: 'liveness-probe', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'liveness-probe-kill/app' }],
      absent: ['app-error-exit', 'sigterm-exit'],
    },
    title: /^container app is restarted by its failing liveness probe$/,
    // The app answers 500 from its first second: the kill at the probe's window is not a slow start.
    notSaid: /killed while still starting|before it can ever answer/,
    evidence: [
      'event kubelet: Warning Unhealthy',
      'event kubelet: Normal Killing',
      'status.containerStatuses[app].lastState.terminated.exitCode: 143',
    ],
  },
  {
    name: 'readiness-probe-service',
    description: 'Real node: the readiness endpoint answers HTTP 503; the pod runs but is never Ready, and the EndpointSlice of Service readiness-probe-service marks its endpoint not ready.',
    objects: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'readiness-probe-service', namespace: NAMESPACE },
        spec: { selector: { app: 'readiness-probe-service' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
      pod('readiness-probe-service', {
        containers: [app(['serve', '8080', 'ready=503'], { ports: [{ containerPort: 8080 }], readinessProbe: httpProbe('/cgi-bin/ready', { failureThreshold: 3 }) })],
      }),
    ],
    target: 'readiness-probe-service',
    visible: ({ pod: p, events, endpointSlices }) =>
      container(p)?.state?.running !== undefined &&
      hasEvent(events, 'Unhealthy', /^Readiness probe failed/) &&
      endpointSlices.some(
        (slice) =>
          slice.metadata.labels?.['kubernetes.io/service-name'] === 'readiness-probe-service' &&
          (slice.endpoints ?? []).some((e) => e.targetRef?.name === 'readiness-probe-service' && e.conditions?.ready === false),
      ),
    expect: {
      rootCause: { rule: 'readiness-probe-failing', cause: 'readiness-probe', container: 'app', severity: 'warning' },
      absent: ['liveness-probe-kill', 'crashloop-backoff'],
    },
    title: /^container app is running but not ready: its readiness probe fails$/,
    evidence: [
      'event kubelet: Warning Unhealthy',
      'EndpointSlices: pod endpoint not ready in Service readiness-probe-service',
      'status.containerStatuses[app].ready: false',
    ],
  },
  {
    name: 'startup-probe-never-succeeds',
    description: 'Real node: nothing ever listens on the startup probe port; after three failures kubelet kills the container (failed startup probe) and restarts it.',
    objects: [
      pod('startup-probe-never-succeeds', {
        containers: [app(['sleep'], { startupProbe: httpProbe('/cgi-bin/started', { failureThreshold: 3 }) })],
      }),
    ],
    target: 'startup-probe-never-succeeds',
    visible: ({ pod: p, events }) => restarts(p) >= 2 && waiting(p) === 'CrashLoopBackOff' && hasEvent(events, 'Killing', /failed startup probe/),
    expect: {
      rootCause: { rule: 'startup-probe-kill', cause: 'startup-probe', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'startup-probe-kill/app' }],
      absent: ['liveness-probe-kill', 'app-error-exit'],
    },
    title: /^container app is killed because its startup probe does not pass within 6s$/,
    evidence: ['event kubelet: Warning Unhealthy', 'event kubelet: Normal Killing'],
  },
  {
    name: 'poststart-hook-fails',
    description: 'Real node: the postStart hook exits 7 (the service it registers with is not there), so kubelet kills the container right after starting it (FailedPostStartHook) and restarts it.',
    objects: [
      pod('poststart-hook-fails', {
        containers: [
          app(['sleep'], {
            lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo cannot register with registry.internal:8500 >&2; exit 7'] } } },
          }),
        ],
      }),
    ],
    target: 'poststart-hook-fails',
    // kubelet 1.34 writes `PostStartHook failed`, keeping the hook's output out of the event.
    visible: ({ pod: p, events }) =>
      restarts(p) >= 1 && waiting(p) === 'CrashLoopBackOff' && hasEvent(events, 'FailedPostStartHook') && hasEvent(events, 'Killing', /^FailedPostStartHook$/),
    expect: {
      rootCause: { rule: 'poststart-hook-failed', cause: 'other', container: 'app' },
      findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'poststart-hook-failed/app' }],
      // The kill ends the app with 143 (it exits on SIGTERM): the hook explains it, not an unknown sender.
      absent: ['sigterm-exit', 'unexplained-sigkill', 'app-error-exit', 'lifecycle-hook-failed'],
    },
    title: /^container app's postStart hook fails, so kubelet kills the container$/,
    evidence: ['event kubelet: Warning FailedPostStartHook', 'event kubelet: Normal Killing'],
  },
  {
    name: 'image-never-pull-missing',
    description: 'Real node: the image was never imported on the node and imagePullPolicy is Never, so kubelet refuses to pull it (ErrImageNeverPull).',
    objects: [pod('image-never-pull-missing', { containers: [{ name: 'app', image: 'podmortem.test/not-built:1', imagePullPolicy: 'Never' }] })],
    target: 'image-never-pull-missing',
    visible: ({ pod: p }) => waiting(p) === 'ErrImageNeverPull',
    expect: {
      rootCause: { rule: 'image-never-pull', cause: 'image-pull', container: 'app' },
      absent: ['image-pull-failure'],
    },
    title: /imagePullPolicy Never and its image podmortem\.test\/not-built:1 is not on the node podmortem-node$/,
    evidence: [
      'status.containerStatuses[app].state.waiting.reason: ErrImageNeverPull',
      'event kubelet: Warning ErrImageNeverPull',
    ],
  },
  {
    name: 'image-registry-unreachable',
    description: 'Real node: the image points at a registry where nothing listens (connection refused), so every pull fails: ErrImagePull, then ImagePullBackOff.',
    objects: [pod('image-registry-unreachable', { containers: [{ name: 'app', image: UNREACHABLE_IMAGE, imagePullPolicy: 'IfNotPresent' }] })],
    target: 'image-registry-unreachable',
    visible: ({ pod: p, events }) => waiting(p) === 'ImagePullBackOff' && hasEvent(events, 'Failed', /^Failed to pull image/),
    expect: {
      rootCause: { rule: 'image-registry-unreachable', cause: 'image-pull', container: 'app' },
      absent: ['image-not-found'],
    },
    title: /cannot reach registry 127\.0\.0\.1:5$/,
    // Refused on an IP address: nothing to look up, and the host did answer.
    notSaid: /nslookup|never answered|https:\/\/127/,
    evidence: [
      'status.containerStatuses[app].state.waiting.reason: ImagePullBackOff',
      'event kubelet: Warning Failed',
    ],
  },
  {
    name: 'missing-configmap-env',
    description: 'Real node: the container takes its environment from ConfigMap app-config, which does not exist: CreateContainerConfigError.',
    objects: [pod('missing-configmap-env', { containers: [app(['sleep'], { envFrom: [{ configMapRef: { name: 'app-config' } }] })] })],
    target: 'missing-configmap-env',
    visible: ({ pod: p }) => waiting(p) === 'CreateContainerConfigError',
    expect: { rootCause: { rule: 'missing-configmap', cause: 'config-error', container: 'app' } },
    title: /^ConfigMap app-config is missing: container app cannot be created$/,
    evidence: [
      'status.containerStatuses[app].state.waiting.reason: CreateContainerConfigError',
      'event kubelet: Warning Failed',
    ],
  },
  {
    name: 'missing-secret-volume',
    description: 'Real node: the pod mounts Secret app-tls, which does not exist: the volume cannot be set up (FailedMount) and the pod stays ContainerCreating.',
    objects: [
      pod('missing-secret-volume', {
        containers: [app(['sleep'], { volumeMounts: [{ name: 'tls', mountPath: '/etc/tls', readOnly: true }] })],
        volumes: [{ name: 'tls', secret: { secretName: 'app-tls' } }],
      }),
    ],
    target: 'missing-secret-volume',
    visible: ({ events }) => hasEvent(events, 'FailedMount', /not found/),
    expect: { rootCause: { rule: 'mount-missing-object', cause: 'mount-failure' } },
    title: /^Volume tls cannot mount: secret\/app-tls does not exist$/,
    evidence: ['event kubelet: Warning FailedMount'],
  },
  {
    name: 'init-container-fails',
    description: 'Real node: the init container exits 1 on every try, so the pod stays Init:CrashLoopBackOff and the app container never starts.',
    objects: [
      pod('init-container-fails', {
        initContainers: [{ ...app(['exit', '1', 'migrate: ERROR: schema version 12 is newer than this release (11)']), name: 'migrate' }],
        containers: [app(['sleep'])],
      }),
    ],
    target: 'init-container-fails',
    visible: ({ pod: p }) => restarts(p, 'migrate') >= 1 && waiting(p, 'migrate') === 'CrashLoopBackOff',
    expect: {
      rootCause: { rule: 'app-error-exit', cause: 'app-error', container: 'migrate' },
      findings: [
        { rule: 'crashloop-backoff', container: 'migrate', causedBy: 'app-error-exit/migrate' },
        { rule: 'init-container-blocking', container: null, causedBy: 'app-error-exit/migrate' },
      ],
    },
    title: /^init container migrate exits with code 1\b/,
    evidence: [
      'status.initContainerStatuses[migrate].lastState.terminated.exitCode: 1',
      'logs migrate --previous: migrate: ERROR: schema version 12 is newer than this release (11)',
    ],
  },
  {
    name: 'unschedulable-cpu',
    description: 'Real node: the pod requests 64 CPUs, more than the node has; the scheduler cannot place it (FailedScheduling, Insufficient cpu).',
    objects: [
      pod('unschedulable-cpu', {
        containers: [app(['sleep'], { resources: { requests: { cpu: '64', memory: '64Mi' } } })],
        // The scheduler keeps retrying this pod: without the toleration, the test taint that
        // unschedulable-taint puts on the node would become its newest reason.
        tolerations: [{ key: TEST_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }],
      }),
    ],
    target: 'unschedulable-cpu',
    visible: ({ pod: p, events }) =>
      (p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable') && hasEvent(events, 'FailedScheduling'),
    expect: { rootCause: { rule: 'unschedulable-insufficient-resources', cause: 'unschedulable' } },
    title: /insufficient cpu$/,
    evidence: [
      'event default-scheduler: Warning FailedScheduling',
      'status.conditions[PodScheduled]: False (Unschedulable)',
    ],
  },
  {
    name: 'unschedulable-taint',
    description:
      'Real node: the only node carries the NoSchedule taint podmortem.test/reserved=db, which the pod does not tolerate; kube-scheduler v1.34 reports "1 node(s) had untolerated taint(s)" without naming it.',
    objects: [pod('unschedulable-taint', { containers: [app(['sleep'])] })],
    nodeTaint: { key: TEST_TAINT_KEY, value: 'db', effect: 'NoSchedule' },
    target: 'unschedulable-taint',
    visible: ({ pod: p, events }) =>
      (p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable') && hasEvent(events, 'FailedScheduling', /taint/),
    expect: { rootCause: { rule: 'unschedulable-taint', cause: 'unschedulable' }, absent: ['unschedulable-insufficient-resources'] },
    title: /untolerated taint/,
    // The message does not name the taint, so nothing says it is the control plane's.
    notSaid: /control-plane|control plane/,
    evidence: ['event default-scheduler: Warning FailedScheduling: 0/1 nodes are available: 1 node(s) had untolerated taint(s)'],
  },
  {
    name: 'job-completes',
    description: 'Real node: a Job whose pod runs to completion (exit 0, restartPolicy Never): phase Succeeded, nothing is wrong.',
    objects: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'job-completes', namespace: NAMESPACE },
        spec: {
          backoffLimit: 0,
          template: { metadata: { labels: { app: 'job-completes' } }, spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 5, containers: [app(['exit', '0', 'report: 42 rows exported'])] } },
        },
      },
    ],
    target: 'job/job-completes',
    visible: ({ pod: p }) => p.status?.phase === 'Succeeded',
    expect: { rootCause: null },
    title: null,
    evidence: [],
  },
];
