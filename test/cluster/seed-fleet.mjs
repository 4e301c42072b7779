// Seeds a fleet of pods into the test control plane for scale tests and the benchmark: half
// healthy, half failing the ways kubelet and the scheduler report (a crash loop after an OOM
// kill, an image pull back-off, an unschedulable pod), each with the status and Events they
// would write. Requests go over a few kept-alive connections, many at a time, so 10,000 pods
// take seconds, not minutes.
//
// CLI:     node test/cluster/seed-fleet.mjs --pods 10000 [--kubeconfig FILE] [--prefix fleet]
// Library: await seedFleet(kubeconfigPath, { pods, prefix }); await removeFleet(kubeconfigPath, { prefix })
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';

const here = path.dirname(fileURLToPath(import.meta.url));
const PODS_PER_NAMESPACE = 1000;
const CONCURRENCY = 24;

/** A JSON client over kept-alive TLS connections to the loopback API server. */
async function client(kubeconfigPath) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const cluster = kc.getCurrentCluster();
  const server = new URL(cluster?.server ?? '');
  if (server.hostname !== '127.0.0.1' && server.hostname !== 'localhost') throw new Error(`refusing to seed ${cluster?.server}: not a loopback address`);
  const tls = { headers: {} };
  await kc.applyToHTTPSOptions(tls);
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: tls.ca, cert: tls.cert, key: tls.key });
  const request = (method, urlPath, body, ok = []) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        { method, hostname: server.hostname, port: server.port, path: urlPath, agent, headers: { ...tls.headers, Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json' } : {}) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if ((status < 200 || status >= 300) && !ok.includes(status)) reject(new Error(`${method} ${urlPath} -> HTTP ${status}: ${text.slice(0, 300)}`));
            else resolve(text ? JSON.parse(text) : undefined);
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  return { request, close: () => agent.destroy() };
}

/** Runs `work(i)` for i in [0, count) with at most CONCURRENCY at a time. */
async function pool(count, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

const ago = (now, seconds) => new Date(now - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function fleetNamespaces(pods, prefix = 'fleet') {
  return Array.from({ length: Math.ceil(pods / PODS_PER_NAMESPACE) }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
}

/** What pod `i` is: healthy, or failing one of three ways. */
function variant(i) {
  return ['healthy', 'oom-crashloop', 'healthy', 'image-pull', 'healthy', 'unschedulable', 'healthy', 'oom-crashloop'][i % 8];
}

function manifest(namespace, name, kind) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'web', 'pod-template-hash': '7c9d8f6b5' } },
    spec: {
      ...(kind === 'unschedulable' ? {} : { nodeName: 'node-a' }),
      restartPolicy: 'Always',
      containers: [
        {
          name: 'app',
          image: kind === 'image-pull' ? 'registry.example.com/shop/web:9.9.9-missing' : 'registry.example.com/shop/web:3.2.1',
          resources: { limits: { memory: '256Mi', cpu: '500m' }, requests: { memory: '128Mi', cpu: '100m' } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
        },
      ],
    },
  };
}

function statusOf(pod, kind, now) {
  const started = ago(now, 7200);
  const image = pod.spec.containers[0].image;
  const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: started };
  if (kind === 'unschedulable') {
    return { phase: 'Pending', qosClass: 'Burstable', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: started, reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' }] };
  }
  const ready = kind === 'healthy';
  const conditions = [
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: started },
    { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started, ...(ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) },
    { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started, ...(ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) },
    scheduled,
  ];
  const base = { name: 'app', image, imageID: '', ready, started: ready };
  const containerStatus =
    kind === 'healthy'
      ? { ...base, imageID: `${image.split(':')[0]}@sha256:9f2c`, restartCount: 0, state: { running: { startedAt: started } } }
      : kind === 'image-pull'
        ? { ...base, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } }
        : {
            ...base,
            imageID: `${image.split(':')[0]}@sha256:9f2c`,
            restartCount: 12,
            state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=app pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } },
            lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(now, 400), finishedAt: ago(now, 320), containerID: 'containerd://0f3a' } },
          };
  return { phase: 'Running', qosClass: 'Burstable', hostIP: '10.0.1.11', startTime: started, conditions, containerStatuses: [containerStatus] };
}

function eventsOf(pod, kind, now) {
  const event = (reason, message, type, component, count, fieldPath) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.${reason.toLowerCase()}`, namespace: pod.metadata.namespace },
    involvedObject: { kind: 'Pod', apiVersion: 'v1', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, ...(fieldPath ? { fieldPath } : {}) },
    reason,
    message,
    type,
    count,
    firstTimestamp: ago(now, 3000),
    lastTimestamp: ago(now, 60),
    source: { component, ...(component === 'kubelet' ? { host: 'node-a' } : {}) },
  });
  const image = pod.spec.containers[0].image;
  if (kind === 'oom-crashloop') return [event('BackOff', 'Back-off restarting failed container app in pod', 'Warning', 'kubelet', 40, 'spec.containers{app}')];
  if (kind === 'image-pull') {
    return [
      event('Failed', `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`, 'Warning', 'kubelet', 8, 'spec.containers{app}'),
      event('BackOff', `Back-off pulling image "${image}"`, 'Normal', 'kubelet', 30, 'spec.containers{app}'),
    ];
  }
  if (kind === 'unschedulable') return [event('FailedScheduling', '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 'Warning', 'default-scheduler', 14)];
  return [];
}

/** Creates `pods` pods (names `web-N`) in namespaces PREFIX-00, PREFIX-01, ..., with their status and events. */
export async function seedFleet(kubeconfigPath, { pods, prefix = 'fleet' }) {
  const api = await client(kubeconfigPath);
  const now = Date.now();
  try {
    const namespaces = fleetNamespaces(pods, prefix);
    for (const name of namespaces) {
      await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, [409]);
      // No controller-manager runs: the ServiceAccount admission plugin needs the default account.
      await api.request('POST', `/api/v1/namespaces/${name}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, [409]);
    }
    await pool(pods, async (i) => {
      const namespace = namespaces[Math.floor(i / PODS_PER_NAMESPACE)];
      const kind = variant(i);
      const created = await api.request('POST', `/api/v1/namespaces/${namespace}/pods`, manifest(namespace, `web-${i}`, kind));
      await api.request('PUT', `/api/v1/namespaces/${namespace}/pods/${created.metadata.name}/status`, { ...created, status: statusOf(created, kind, now) });
      for (const event of eventsOf(created, kind, now)) await api.request('POST', `/api/v1/namespaces/${namespace}/events`, event);
    });
    return { namespaces, pods, failing: Array.from({ length: pods }, (_, i) => variant(i)).filter((k) => k !== 'healthy').length };
  } finally {
    api.close();
  }
}

/** Deletes the fleet's pods and events (namespaces stay: without a controller-manager, deleting one never finishes). */
export async function removeFleet(kubeconfigPath, { pods, prefix = 'fleet' }) {
  const api = await client(kubeconfigPath);
  try {
    for (const namespace of fleetNamespaces(pods, prefix)) {
      await api.request('DELETE', `/api/v1/namespaces/${namespace}/pods?gracePeriodSeconds=0`, undefined, [404]);
      await api.request('DELETE', `/api/v1/namespaces/${namespace}/events`, undefined, [404]);
    }
  } finally {
    api.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const kubeconfig = flag('--kubeconfig') ?? process.env.CLUSTER_ADMIN_KUBECONFIG ?? path.join(here, '.run', 'admin.kubeconfig');
  const started = Date.now();
  seedFleet(kubeconfig, { pods: Number(flag('--pods') ?? 10000), prefix: flag('--prefix') ?? 'fleet' }).then(
    (out) => console.error(`cluster:seed-fleet: ${out.pods} pods (${out.failing} failing) in ${out.namespaces.length} namespaces in ${Date.now() - started} ms`),
    (error) => {
      console.error(`cluster:seed-fleet: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
