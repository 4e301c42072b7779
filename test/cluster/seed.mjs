// Seeds the test control plane with the failure modes podmortem diagnoses.
//
// There is no kubelet, scheduler or controller in this control plane, so this
// helper plays their parts: it creates the objects, then writes pod and node
// status through the status subresource and records core/v1 Events with the
// reasons and messages kubelet and the scheduler emit (see shared DOMAIN.md).
// What is seeded, and the cause expected for each pod, is in seeded.json.
//
// CLI:     node test/cluster/seed.mjs [--kubeconfig FILE] [--out FILE]
//          (kubeconfig defaults to $CLUSTER_ADMIN_KUBECONFIG, then .run/admin.kubeconfig)
// Library: import { seed, loadSeeded } from './seed.mjs'; await seed(kubeconfigPath)
//
// Run it once per fresh control plane: a second run fails on "already exists".

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { seedRollouts } from './seed-rollouts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The description of the seeded set (seeded.json). */
export function loadSeeded() {
  return JSON.parse(readFileSync(path.join(here, 'seeded.json'), 'utf8'));
}

// ---------------------------------------------------------------------------
// A minimal JSON client: exact bodies in, exact bodies out, status codes kept.

export class ApiError extends Error {
  constructor(method, urlPath, status, body) {
    super(`${method} ${urlPath} -> HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export class Api {
  /** @param {string} kubeconfigPath */
  constructor(kubeconfigPath) {
    this.kc = new KubeConfig();
    this.kc.loadFromFile(kubeconfigPath);
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error(`${kubeconfigPath}: no current cluster`);
    this.server = new URL(cluster.server);
    if (this.server.hostname !== '127.0.0.1' && this.server.hostname !== 'localhost') {
      // The test control plane is loopback only; never seed anything else.
      throw new Error(`refusing to seed ${cluster.server}: not a loopback address`);
    }
  }

  async request(method, urlPath, body, { ok = [] } = {}) {
    const opts = {
      method,
      hostname: this.server.hostname,
      port: this.server.port,
      path: urlPath,
      headers: { Accept: 'application/json' },
    };
    await this.kc.applyToHTTPSOptions(opts);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const { status, text } = await new Promise((resolve, reject) => {
      const req = https.request(opts, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    if ((status < 200 || status >= 300) && !ok.includes(status)) {
      throw new ApiError(method, urlPath, status, parsed);
    }
    return parsed;
  }

  get(p) {
    return this.request('GET', p);
  }
  create(p, body, opts) {
    return this.request('POST', p, body, opts);
  }
  replace(p, body) {
    return this.request('PUT', p, body);
  }
}

// ---------------------------------------------------------------------------
// Small builders.

const NOW = () => Date.now();
/** RFC 3339 at second precision, as the API server writes metav1.Time. */
function ago(seconds, now) {
  return new Date(now - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function hex(seed, n) {
  return createHash('sha256').update(seed).digest('hex').slice(0, n);
}
function containerId(seed) {
  return `containerd://${hex(`container:${seed}`, 64)}`;
}
function imageId(image) {
  return `${image.replace(/:[^:/]+$/, '')}@sha256:${hex(`image:${image}`, 64)}`;
}
function cond(type, status, at, reason, message) {
  const c = { type, status, lastProbeTime: null, lastTransitionTime: at };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}
function podIPFor(name) {
  const h = createHash('sha256').update(name).digest();
  return `10.244.${(h[0] % 3) + 1}.${(h[1] % 200) + 10}`;
}
function nodeIP(name) {
  return { 'node-a': '10.0.1.11', 'node-b': '10.0.1.12', 'node-c': '10.0.1.13' }[name] ?? '10.0.1.99';
}
/** "2m40s"-style back-off for a restart count, as kubelet prints it (10s doubling, 5m cap). */
function backoff(restarts) {
  const s = Math.min(10 * 2 ** Math.max(restarts - 1, 0), 300);
  const m = Math.floor(s / 60);
  return m ? `${m}m${s % 60 ? `${s % 60}s` : ''}` : `${s}s`;
}

function baseContainer(image, extra = {}) {
  return {
    name: 'app',
    image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    ...extra,
  };
}

function podManifest({ namespace, name, node, labels = {}, containers, ownerReferences }) {
  const metadata = { name, namespace, labels: { app: name, ...labels } };
  if (ownerReferences) metadata.ownerReferences = ownerReferences;
  const spec = {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    containers,
  };
  if (node) spec.nodeName = node;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** Status fields kubelet writes for a pod that was started on a node. */
function runningPodStatus(pod, now, { phase = 'Running', ready, startedAgo, containerStatuses, extraConditions = [], reason, message }) {
  const node = pod.spec.nodeName;
  const ip = podIPFor(pod.metadata.name);
  const start = ago(startedAgo, now);
  const notReady = ready ? undefined : 'ContainersNotReady';
  const notReadyMsg = ready ? undefined : 'containers with unready status: [app]';
  const failed = phase === 'Failed';
  const status = {
    ...pod.status,
    phase,
    conditions: [
      ...extraConditions,
      cond('PodReadyToStartContainers', failed ? 'False' : 'True', start),
      cond('Initialized', 'True', start),
      cond('Ready', ready ? 'True' : 'False', ago(Math.min(startedAgo, 60), now), failed ? 'PodFailed' : notReady, failed ? undefined : notReadyMsg),
      cond('ContainersReady', ready ? 'True' : 'False', ago(Math.min(startedAgo, 60), now), failed ? 'PodFailed' : notReady, failed ? undefined : notReadyMsg),
      cond('PodScheduled', 'True', start),
    ],
    hostIP: nodeIP(node),
    hostIPs: [{ ip: nodeIP(node) }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: start,
    containerStatuses,
  };
  if (reason) status.reason = reason;
  if (message) status.message = message;
  return status;
}

function terminated(seed, { exitCode, reason, startedAt, finishedAt, message }) {
  const t = { exitCode, reason, startedAt, finishedAt, containerID: containerId(seed) };
  if (message) t.message = message;
  return { terminated: t };
}

// ---------------------------------------------------------------------------
// Events, as kubelet / the scheduler / the controllers record them (core/v1).

function eventFor(obj, { reason, message, type = 'Normal', count = 1, firstAgo, lastAgo, component = 'kubelet', fieldPath, now, namespace }) {
  const isNode = obj.kind === 'Node';
  const involvedObject = {
    kind: obj.kind,
    name: obj.metadata.name,
    // kubelet records node events against the node *name* as uid.
    uid: isNode ? obj.metadata.name : obj.metadata.uid,
    apiVersion: obj.apiVersion,
  };
  if (!isNode) involvedObject.namespace = obj.metadata.namespace;
  if (!isNode && obj.metadata.resourceVersion) involvedObject.resourceVersion = obj.metadata.resourceVersion;
  if (fieldPath) involvedObject.fieldPath = fieldPath;
  const ns = namespace ?? (isNode ? 'default' : obj.metadata.namespace);
  const host = component === 'kubelet' ? (isNode ? obj.metadata.name : obj.spec?.nodeName) : undefined;
  const source = { component };
  if (host) source.host = host;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${obj.metadata.name}.${randomBytes(8).toString('hex')}`, namespace: ns },
    involvedObject,
    reason,
    message,
    type,
    count,
    firstTimestamp: ago(firstAgo, now),
    lastTimestamp: ago(lastAgo ?? firstAgo, now),
    source,
    reportingComponent: component,
    reportingInstance: host ?? (component === 'default-scheduler' ? 'default-scheduler-control-plane' : ''),
  };
}

const APP = 'spec.containers{app}';

function scheduled(pod, now, firstAgo) {
  return eventFor(pod, {
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${pod.spec.nodeName}`,
    component: 'default-scheduler',
    firstAgo,
    now,
  });
}

function startedEvents(pod, now, { image, count, firstAgo, lastAgo }) {
  const common = { fieldPath: APP, count, firstAgo, lastAgo, now };
  return [
    eventFor(pod, { reason: 'Pulled', message: `Container image "${image}" already present on machine`, ...common }),
    eventFor(pod, { reason: 'Created', message: 'Created container: app', ...common }),
    eventFor(pod, { reason: 'Started', message: 'Started container app', ...common }),
  ];
}

// ---------------------------------------------------------------------------
// One builder per cause: { manifest(entry), status(pod, now), events(pod, now) }.

const IMAGES = {
  api: 'registry.example.com/api:1.4.2',
  web: 'registry.example.com/web:2.0.1',
  missing: 'registry.example.com/app:v9',
  batch: 'registry.example.com/batch:0.9.0',
  cache: 'registry.example.com/cache:7.2',
  java: 'registry.example.com/report-java:3.1',
};

const memLimited = {
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
};
const httpProbe = (p, extra = {}) => ({
  httpGet: { path: p, port: 8080, scheme: 'HTTP' },
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
  ...extra,
});

const builders = {
  'oom-limit': {
    manifest: (e) => podManifest({ ...e, containers: [baseContainer(IMAGES.api, { ...memLimited, args: ['--cache-size=512Mi'] })] }),
    status(pod, now) {
      const restarts = 5;
      const id = `${pod.metadata.uid}:${restarts}`;
      return runningPodStatus(pod, now, {
        ready: false,
        startedAgo: 1800,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.api,
            imageID: imageId(IMAGES.api),
            containerID: containerId(id),
            ready: false,
            started: false,
            restartCount: restarts,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: `back-off ${backoff(restarts)} restarting failed container=app pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
              },
            },
            lastState: terminated(id, { exitCode: 137, reason: 'OOMKilled', startedAt: ago(95, now), finishedAt: ago(80, now) }),
          },
        ],
      });
    },
    events: (pod, now) => [
      scheduled(pod, now, 1800),
      ...startedEvents(pod, now, { image: IMAGES.api, count: 6, firstAgo: 1795, lastAgo: 95 }),
      eventFor(pod, {
        reason: 'BackOff',
        type: 'Warning',
        message: `Back-off restarting failed container app in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        fieldPath: APP,
        count: 23,
        firstAgo: 1500,
        lastAgo: 20,
        now,
      }),
    ],
  },

  'liveness-probe': {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [
          baseContainer(IMAGES.web, {
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
            livenessProbe: httpProbe('/healthz', { initialDelaySeconds: 5 }),
          }),
        ],
      }),
    status(pod, now) {
      const restarts = 4;
      return runningPodStatus(pod, now, {
        ready: true,
        startedAgo: 2400,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.web,
            imageID: imageId(IMAGES.web),
            containerID: containerId(`${pod.metadata.uid}:${restarts}`),
            ready: true,
            started: true,
            restartCount: restarts,
            state: { running: { startedAt: ago(40, now) } },
            lastState: terminated(`${pod.metadata.uid}:${restarts - 1}`, {
              exitCode: 137,
              reason: 'Error',
              startedAt: ago(420, now),
              finishedAt: ago(41, now),
            }),
          },
        ],
      });
    },
    events: (pod, now) => [
      scheduled(pod, now, 2400),
      ...startedEvents(pod, now, { image: IMAGES.web, count: 5, firstAgo: 2395, lastAgo: 40 }),
      eventFor(pod, {
        reason: 'Unhealthy',
        type: 'Warning',
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
        fieldPath: APP,
        count: 12,
        firstAgo: 1900,
        lastAgo: 71,
        now,
      }),
      eventFor(pod, {
        reason: 'Killing',
        message: 'Container app failed liveness probe, will be restarted',
        fieldPath: APP,
        count: 4,
        firstAgo: 1880,
        lastAgo: 71,
        now,
      }),
    ],
  },

  'readiness-probe': {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [
          baseContainer(IMAGES.web, {
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
            readinessProbe: httpProbe('/ready'),
          }),
        ],
      }),
    status: (pod, now) =>
      runningPodStatus(pod, now, {
        ready: false,
        startedAgo: 1200,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.web,
            imageID: imageId(IMAGES.web),
            containerID: containerId(`${pod.metadata.uid}:0`),
            ready: false,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: ago(1195, now) } },
            lastState: {},
          },
        ],
      }),
    events(pod, now) {
      const ip = podIPFor(pod.metadata.name);
      return [
        scheduled(pod, now, 1200),
        ...startedEvents(pod, now, { image: IMAGES.web, count: 1, firstAgo: 1196 }),
        eventFor(pod, {
          reason: 'Unhealthy',
          type: 'Warning',
          message: `Readiness probe failed: Get "http://${ip}:8080/ready": dial tcp ${ip}:8080: connect: connection refused`,
          fieldPath: APP,
          count: 87,
          firstAgo: 900,
          lastAgo: 5,
          now,
        }),
      ];
    },
  },

  'image-pull': {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [baseContainer(IMAGES.missing, { resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } } })],
      }),
    status: (pod, now) =>
      runningPodStatus(pod, now, {
        phase: 'Pending',
        ready: false,
        startedAgo: 600,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.missing,
            imageID: '',
            ready: false,
            started: false,
            restartCount: 0,
            state: {
              waiting: {
                reason: 'ImagePullBackOff',
                message: `Back-off pulling image "${IMAGES.missing}": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "${IMAGES.missing}": failed to resolve reference "${IMAGES.missing}": ${IMAGES.missing}: not found`,
              },
            },
            lastState: {},
          },
        ],
      }),
    events(pod, now) {
      const img = IMAGES.missing;
      const w = { type: 'Warning', fieldPath: APP, now };
      return [
        scheduled(pod, now, 600),
        eventFor(pod, { reason: 'Pulling', message: `Pulling image "${img}"`, fieldPath: APP, count: 4, firstAgo: 598, lastAgo: 150, now }),
        eventFor(pod, {
          reason: 'Failed',
          message: `Failed to pull image "${img}": rpc error: code = NotFound desc = failed to pull and unpack image "${img}": failed to resolve reference "${img}": ${img}: not found`,
          count: 4,
          firstAgo: 597,
          lastAgo: 149,
          ...w,
        }),
        eventFor(pod, { reason: 'Failed', message: 'Error: ErrImagePull', count: 4, firstAgo: 597, lastAgo: 149, ...w }),
        eventFor(pod, { reason: 'BackOff', message: `Back-off pulling image "${img}"`, fieldPath: APP, count: 15, firstAgo: 590, lastAgo: 10, now }),
        eventFor(pod, { reason: 'Failed', message: 'Error: ImagePullBackOff', count: 15, firstAgo: 590, lastAgo: 10, ...w }),
      ];
    },
  },

  'config-error': {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [
          baseContainer(IMAGES.api, {
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            envFrom: [{ configMapRef: { name: 'app-config' } }],
          }),
        ],
      }),
    status: (pod, now) =>
      runningPodStatus(pod, now, {
        phase: 'Pending',
        ready: false,
        startedAgo: 500,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.api,
            imageID: '',
            ready: false,
            started: false,
            restartCount: 0,
            state: { waiting: { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' } },
            lastState: {},
          },
        ],
      }),
    events: (pod, now) => [
      scheduled(pod, now, 500),
      eventFor(pod, {
        reason: 'Pulled',
        message: `Container image "${IMAGES.api}" already present on machine`,
        fieldPath: APP,
        count: 9,
        firstAgo: 498,
        lastAgo: 12,
        now,
      }),
      eventFor(pod, {
        reason: 'Failed',
        type: 'Warning',
        message: 'Error: configmap "app-config" not found',
        fieldPath: APP,
        count: 9,
        firstAgo: 498,
        lastAgo: 12,
        now,
      }),
    ],
  },

  unschedulable: {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [baseContainer(IMAGES.batch, { resources: { requests: { cpu: '500m', memory: '64Gi' }, limits: { memory: '64Gi' } } })],
      }),
    status: (pod, now) => ({
      ...pod.status,
      phase: 'Pending',
      conditions: [
        cond(
          'PodScheduled',
          'False',
          ago(900, now),
          'Unschedulable',
          '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ],
    }),
    events: (pod, now) => [
      eventFor(pod, {
        reason: 'FailedScheduling',
        type: 'Warning',
        message: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        component: 'default-scheduler',
        count: 6,
        firstAgo: 900,
        lastAgo: 60,
        now,
      }),
    ],
  },

  evicted: {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [baseContainer(IMAGES.cache, { resources: { requests: { cpu: '100m', memory: '256Mi' } } })],
      }),
    status(pod, now) {
      const msg =
        'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, request is 256Mi, has larger consumption of memory.';
      return runningPodStatus(pod, now, {
        phase: 'Failed',
        ready: false,
        startedAgo: 7200,
        reason: 'Evicted',
        message: msg,
        extraConditions: [cond('DisruptionTarget', 'True', ago(300, now), 'TerminationByKubelet', msg)],
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.cache,
            imageID: imageId(IMAGES.cache),
            containerID: containerId(`${pod.metadata.uid}:0`),
            ready: false,
            started: false,
            restartCount: 0,
            state: terminated(`${pod.metadata.uid}:0`, { exitCode: 137, reason: 'Error', startedAt: ago(7195, now), finishedAt: ago(299, now) }),
            lastState: {},
          },
        ],
      });
    },
    events: (pod, now) => [
      scheduled(pod, now, 7200),
      ...startedEvents(pod, now, { image: IMAGES.cache, count: 1, firstAgo: 7196 }),
      eventFor(pod, {
        reason: 'Evicted',
        type: 'Warning',
        message:
          'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, request is 256Mi, has larger consumption of memory.',
        count: 1,
        firstAgo: 300,
        now,
      }),
      eventFor(pod, { reason: 'Killing', message: 'Stopping container app', fieldPath: APP, count: 1, firstAgo: 300, now }),
    ],
  },

  'oom-node': {
    // No limits: BestEffort, the kernel's global OOM killer's first choice.
    manifest: (e) => podManifest({ ...e, containers: [baseContainer(IMAGES.java, { env: [{ name: 'JAVA_OPTS', value: '-Xmx6g' }] })] }),
    status(pod, now) {
      const restarts = 2;
      return runningPodStatus(pod, now, {
        ready: true,
        startedAgo: 3600,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.java,
            imageID: imageId(IMAGES.java),
            containerID: containerId(`${pod.metadata.uid}:${restarts}`),
            ready: true,
            started: true,
            restartCount: restarts,
            state: { running: { startedAt: ago(250, now) } },
            lastState: terminated(`${pod.metadata.uid}:${restarts - 1}`, {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: ago(1500, now),
              finishedAt: ago(252, now),
            }),
          },
        ],
      });
    },
    events: (pod, now) => [
      scheduled(pod, now, 3600),
      ...startedEvents(pod, now, { image: IMAGES.java, count: 3, firstAgo: 3595, lastAgo: 250 }),
    ],
  },

  healthy: {
    manifest: (e) =>
      podManifest({
        ...e,
        containers: [
          baseContainer(IMAGES.web, {
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
            livenessProbe: httpProbe('/healthz', { initialDelaySeconds: 5 }),
            readinessProbe: httpProbe('/ready'),
          }),
        ],
      }),
    status: (pod, now) =>
      runningPodStatus(pod, now, {
        ready: true,
        startedAgo: 5400,
        containerStatuses: [
          {
            name: 'app',
            image: IMAGES.web,
            imageID: imageId(IMAGES.web),
            containerID: containerId(`${pod.metadata.uid}:0`),
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: ago(5395, now) } },
            lastState: {},
          },
        ],
      }),
    events: (pod, now) => [scheduled(pod, now, 5400), ...startedEvents(pod, now, { image: IMAGES.web, count: 1, firstAgo: 5396 })],
  },
};

// ---------------------------------------------------------------------------
// Nodes.

function nodeManifest(n) {
  const spec = {};
  if (n.memoryPressure) spec.taints = [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'm5.xlarge',
      },
    },
    spec,
  };
}

function nodeStatus(node, n, now) {
  const at = ago(86_400, now);
  const pressure = Boolean(n.memoryPressure);
  return {
    ...node.status,
    capacity: { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '3800m', memory: '15Gi', pods: '110', 'ephemeral-storage': '95Gi' },
    conditions: [
      {
        type: 'MemoryPressure',
        status: pressure ? 'True' : 'False',
        lastHeartbeatTime: ago(10, now),
        lastTransitionTime: pressure ? ago(420, now) : at,
        reason: pressure ? 'KubeletHasInsufficientMemory' : 'KubeletHasSufficientMemory',
        message: pressure ? 'kubelet has insufficient memory available' : 'kubelet has sufficient memory available',
      },
      {
        type: 'DiskPressure',
        status: 'False',
        lastHeartbeatTime: ago(10, now),
        lastTransitionTime: at,
        reason: 'KubeletHasNoDiskPressure',
        message: 'kubelet has no disk pressure',
      },
      {
        type: 'PIDPressure',
        status: 'False',
        lastHeartbeatTime: ago(10, now),
        lastTransitionTime: at,
        reason: 'KubeletHasSufficientPID',
        message: 'kubelet has sufficient PID available',
      },
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: ago(10, now),
        lastTransitionTime: at,
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [
      { type: 'InternalIP', address: nodeIP(n.name) },
      { type: 'Hostname', address: n.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: hex(`machine:${n.name}`, 32),
      systemUUID: hex(`uuid:${n.name}`, 32),
      bootID: hex(`boot:${n.name}`, 32),
      kernelVersion: '6.1.0-28-cloud-amd64',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://1.7.24',
      kubeletVersion: 'v1.34.4',
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

function nodeEvents(node, n, now) {
  if (!n.memoryPressure) return [];
  const events = [
    eventFor(node, {
      reason: 'NodeHasInsufficientMemory',
      message: `Node ${n.name} status is now: NodeHasInsufficientMemory`,
      count: 1,
      firstAgo: 420,
      now,
    }),
    eventFor(node, {
      reason: 'EvictionThresholdMet',
      type: 'Warning',
      message: 'Attempting to reclaim memory',
      count: 3,
      firstAgo: 410,
      lastAgo: 300,
      now,
    }),
  ];
  if (n.systemOOM) {
    events.push(
      eventFor(node, {
        reason: 'SystemOOM',
        type: 'Warning',
        message: `System OOM encountered, victim process: ${n.systemOOM.victim}, pid: ${n.systemOOM.pid}`,
        count: 1,
        firstAgo: 252,
        now,
      }),
    );
  }
  return events;
}

// ---------------------------------------------------------------------------
// The seeding itself.

const ns = (n) => `/api/v1/namespaces/${n}`;

async function ensureNamespace(api, name) {
  await api.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { ok: [409] });
  // No controller-manager runs, so nobody creates the "default" ServiceAccount
  // that the ServiceAccount admission plugin requires for every pod.
  await api.create(`${ns(name)}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, { ok: [409] });
}

async function createEvents(api, events) {
  for (const ev of events) await api.create(`${ns(ev.metadata.namespace)}/events`, ev);
}

async function seedWorkload(api, w, entry, now) {
  const labels = { app: w.deployment };
  const hash = w.replicaSet.slice(w.deployment.length + 1);
  const template = builders[w.cause].manifest({ ...entry, labels });
  const podTemplate = { metadata: { labels }, spec: { ...template.spec } };
  delete podTemplate.spec.nodeName;
  const apps = `/apis/apps/v1/namespaces/${w.namespace}`;

  const deploy = await api.create(`${apps}/deployments`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.deployment, namespace: w.namespace, labels, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas: w.pods.length, selector: { matchLabels: labels }, template: podTemplate },
  });
  const rsLabels = { ...labels, 'pod-template-hash': hash };
  const owner = (o) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true }];
  const rs = await api.create(`${apps}/replicasets`, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: w.replicaSet,
      namespace: w.namespace,
      labels: rsLabels,
      annotations: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': String(w.pods.length), 'deployment.kubernetes.io/max-replicas': String(w.pods.length + 1) },
      ownerReferences: owner(deploy),
    },
    spec: { replicas: w.pods.length, selector: { matchLabels: rsLabels }, template: { metadata: { labels: rsLabels }, spec: podTemplate.spec } },
  });

  const n = w.pods.length;
  await api.replace(`${apps}/replicasets/${w.replicaSet}/status`, {
    ...rs,
    status: { replicas: n, fullyLabeledReplicas: n, readyReplicas: 0, availableReplicas: 0, observedGeneration: rs.metadata.generation },
  });
  await api.replace(`${apps}/deployments/${w.deployment}/status`, {
    ...deploy,
    status: {
      observedGeneration: deploy.metadata.generation,
      replicas: n,
      updatedReplicas: n,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: n,
      conditions: [
        { type: 'Available', status: 'False', lastUpdateTime: ago(1790, now), lastTransitionTime: ago(1790, now), reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
        { type: 'Progressing', status: 'False', lastUpdateTime: ago(1190, now), lastTransitionTime: ago(1190, now), reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${w.replicaSet}" has timed out progressing.` },
      ],
    },
  });
  await createEvents(api, [
    eventFor(deploy, { reason: 'ScalingReplicaSet', message: `Scaled up replica set ${w.replicaSet} from 0 to ${n}`, component: 'deployment-controller', firstAgo: 1800, now }),
    eventFor(rs, { reason: 'SuccessfulCreate', message: `Created pod: ${w.pods[0]}`, component: 'replicaset-controller', firstAgo: 1800, now }),
  ]);
  return { labels: rsLabels, ownerReferences: owner(rs) };
}

async function seedPod(api, entry, extra, now) {
  const b = builders[entry.cause ?? 'healthy'];
  if (!b) throw new Error(`seeded.json: no builder for cause ${entry.cause}`);
  const manifest = b.manifest({ ...entry, ...extra });
  const created = await api.create(`${ns(entry.namespace)}/pods`, manifest);
  const status = b.status(created, now);
  const pod = await api.replace(`${ns(entry.namespace)}/pods/${entry.name}/status`, { ...created, status });
  await createEvents(api, b.events(pod, now));
  return pod;
}

async function seedService(api, s, pod) {
  const svc = await api.create(`${ns(s.namespace)}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.name, namespace: s.namespace, labels: { app: s.name } },
    spec: { selector: { app: pod.metadata.labels.app }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  });
  const ready = Boolean(s.endpointReady);
  await api.create(`/apis/discovery.k8s.io/v1/namespaces/${s.namespace}/endpointslices`, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${s.name}-${hex(`slice:${s.name}`, 5)}`,
      namespace: s.namespace,
      labels: { 'kubernetes.io/service-name': s.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: [pod.status.podIP],
        conditions: { ready, serving: ready, terminating: false },
        nodeName: pod.spec.nodeName,
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      },
    ],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  });
}

/**
 * Seeds everything in seeded.json into the cluster of `kubeconfigPath` (admin).
 * @returns {Promise<{pods: Record<string, {uid: string, cause: string|null, node: string|null}>, nodes: Record<string, string>}>}
 *   pods keyed "namespace/name"; nodes map name -> uid.
 */
export async function seed(kubeconfigPath) {
  const api = new Api(kubeconfigPath);
  const desc = loadSeeded();
  const now = NOW();
  const out = { pods: {}, nodes: {} };

  for (const name of desc.namespaces) await ensureNamespace(api, name);

  for (const n of desc.nodes) {
    const created = await api.create('/api/v1/nodes', nodeManifest(n));
    const node = await api.replace(`/api/v1/nodes/${n.name}/status`, { ...created, status: nodeStatus(created, n, now) });
    await createEvents(api, nodeEvents(node, n, now));
    out.nodes[n.name] = node.metadata.uid;
  }

  const owned = new Map();
  for (const w of desc.workloads) {
    const first = desc.pods.find((p) => p.namespace === w.namespace && p.name === w.pods[0]);
    if (!first) throw new Error(`seeded.json: workload ${w.ref} names unknown pod ${w.pods[0]}`);
    const extra = await seedWorkload(api, w, first, now);
    for (const p of w.pods) owned.set(`${w.namespace}/${p}`, extra);
  }

  const pods = new Map();
  for (const entry of desc.pods) {
    const key = `${entry.namespace}/${entry.name}`;
    const pod = await seedPod(api, entry, owned.get(key) ?? {}, now);
    pods.set(key, pod);
    out.pods[key] = { uid: pod.metadata.uid, cause: entry.cause, node: entry.node };
  }

  for (const s of desc.services) {
    const pod = pods.get(`${s.namespace}/${s.pod}`);
    if (!pod) throw new Error(`seeded.json: service ${s.name} names unknown pod ${s.pod}`);
    await seedService(api, s, pod);
  }
  for (const name of new Set(desc.rollouts.map((r) => r.namespace))) await ensureNamespace(api, name);
  Object.assign(out.pods, await seedRollouts(api, desc.rollouts, now));
  return out;
}

// The builders seed-rollouts.mjs shares.
export { ago, backoff, containerId, createEvents, eventFor, imageId, runningPodStatus, scheduled, startedEvents, terminated };

// ---------------------------------------------------------------------------
// CLI

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const kubeconfig = flag('--kubeconfig') ?? process.env.CLUSTER_ADMIN_KUBECONFIG ?? path.join(here, '.run', 'admin.kubeconfig');
  const outFile = flag('--out');
  const started = Date.now();
  seed(kubeconfig).then(
    (out) => {
      if (outFile) writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
      console.error(
        `cluster:seed: ${Object.keys(out.nodes).length} nodes, ${Object.keys(out.pods).length} pods seeded in ${Date.now() - started} ms`,
      );
    },
    (err) => {
      console.error(`cluster:seed: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
