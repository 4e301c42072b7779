// Synthetic but realistic replay inputs, written as `kubectl get pods -A -o json` and
// `kubectl get events -A -o json` write them: a List with keys in alphabetical order (kubectl
// prints unstructured objects), so `kind` comes after `items`. kubectl indents by 4 spaces; the
// files are indented by 2 (BENCH_INDENT), which gives the ~7 KB per pod the independent fleet
// generator of issue 15 had (at 4 spaces the same pods are ~10 KB: whitespace only).
// Half the pods fail, each a clone (new name, uid, namespace) of one of the bundled fixture
// incidents with its events, so every failure mode the fixtures cover appears; the rest are
// healthy Deployment pods, some started recently (with their scheduling and start events).
// Every pod carries what the API server adds to a real one (service-account token volume,
// default tolerations, labels, annotations, owner), about 7 KB of input per pod with its
// events. Items are written one at a time, so any size can be generated. Deterministic from the seed.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadReplay } from '../dist/sources/load-replay.js';

/** mulberry32: small, fast, deterministic. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random) {
  const hex = () => Math.floor(random() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

const suffix = (random, n) => Array.from({ length: n }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(random() * 27)]).join('');

/** Failure templates: every single-pod fixture's pod and its events. */
export async function loadTemplates(fixturesDir) {
  const templates = [];
  for (const entry of (await readdir(fixturesDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    try {
      const { incidents } = await loadReplay([join(fixturesDir, entry.name)]);
      for (const incident of incidents) if (incident.events.length || incident.pod.status?.containerStatuses) templates.push({ name: entry.name, incident });
    } catch {
      // Fixtures the generator cannot use (e.g. pasted text it does not read) are skipped.
    }
  }
  return templates;
}

/** A copy with every object's keys in alphabetical order, as kubectl prints unstructured objects. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

const DEFAULT_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

function tokenVolume(name) {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

const tokenMount = (name) => ({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name, readOnly: true });

/** Adds what the API server and admission put on every real pod, where the fixture left it out. */
function withServerDefaults(pod, random) {
  const copy = structuredClone(pod);
  const spec = (copy.spec ??= {});
  const volume = `kube-api-access-${suffix(random, 5)}`;
  copy.metadata.resourceVersion ??= String(100000 + Math.floor(random() * 9e6));
  copy.metadata.annotations ??= { 'kubectl.kubernetes.io/restartedAt': '2026-11-19T08:00:00Z' };
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.serviceAccount ??= spec.serviceAccountName ?? 'default';
  spec.serviceAccountName ??= 'default';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.tolerations ??= DEFAULT_TOLERATIONS;
  if (!(spec.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-'))) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volume)];
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    container.imagePullPolicy ??= 'IfNotPresent';
    container.terminationMessagePath ??= '/dev/termination-log';
    container.terminationMessagePolicy ??= 'File';
    if (!(container.volumeMounts ?? []).some((m) => m.name.startsWith('kube-api-access-'))) container.volumeMounts = [...(container.volumeMounts ?? []), tokenMount(volume)];
  }
  return sortKeys(copy);
}

const WEB_IMAGE = 'registry.example.com/shop/web:3.2.1';
const PROXY_IMAGE = 'registry.example.com/platform/envoy:1.31.2';

/** A healthy pod of a typical web Deployment, keys sorted; names and times are filled in per pod. */
function healthyTemplate(withProxy) {
  const probe = (path) => ({ failureThreshold: 3, httpGet: { path, port: 8080, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 });
  const containers = [
    {
      env: [
        { name: 'APP_ENV', value: 'production' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'web-db' } } },
      ],
      image: WEB_IMAGE,
      imagePullPolicy: 'IfNotPresent',
      livenessProbe: { ...probe('/healthz'), initialDelaySeconds: 10 },
      name: 'web',
      ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
      readinessProbe: probe('/ready'),
      resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      volumeMounts: [{ mountPath: '/etc/web', name: 'config', readOnly: true }, tokenMount('TOKEN')],
    },
  ];
  if (withProxy) {
    containers.push({
      args: ['--config-path', '/etc/envoy/envoy.yaml', '--log-level', 'warn'],
      image: PROXY_IMAGE,
      imagePullPolicy: 'IfNotPresent',
      name: 'proxy',
      ports: [{ containerPort: 15001, name: 'proxy', protocol: 'TCP' }],
      resources: { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      volumeMounts: [tokenMount('TOKEN')],
    });
  }
  const status = (c) => ({
    containerID: 'containerd://ID',
    image: c.image,
    imageID: `${c.image.split(':')[0]}@sha256:9f2c4b7e1d0a8c6f3e5b2d4a6c8e0f1b3d5a7c9e2f4b6d8a0c2e4f6b8d0a2c4e`,
    lastState: {},
    name: c.name,
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: 'STARTED' } },
  });
  return sortKeys({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-19T08:00:00Z' },
      creationTimestamp: 'STARTED',
      generateName: 'web-7c9d8f6b5-',
      labels: { app: 'web', 'app.kubernetes.io/version': '3.2.1', 'pod-template-hash': '7c9d8f6b5' },
      name: 'NAME',
      namespace: 'NAMESPACE',
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: 'web-7c9d8f6b5', uid: 'OWNER' }],
      resourceVersion: 'RV',
      uid: 'UID',
    },
    spec: {
      containers,
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: 'NODE',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: { fsGroup: 10001, runAsNonRoot: true },
      serviceAccount: 'web',
      serviceAccountName: 'web',
      terminationGracePeriodSeconds: 30,
      tolerations: DEFAULT_TOLERATIONS,
      volumes: [{ configMap: { defaultMode: 420, name: 'web-config' }, name: 'config' }, tokenVolume('TOKEN')],
    },
    status: {
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: 'STARTED', status: 'True', type })),
      containerStatuses: containers.map(status),
      hostIP: 'HOSTIP',
      hostIPs: [{ ip: 'HOSTIP' }],
      phase: 'Running',
      podIP: 'PODIP',
      podIPs: [{ ip: 'PODIP' }],
      qosClass: 'Burstable',
      startTime: 'STARTED',
    },
  });
}

function healthyPod(template, namespace, node, random, now, recent) {
  const pod = structuredClone(template);
  const started = new Date(now - (recent ? Math.floor(random() * 3000e3) : 3600e3 + Math.floor(random() * 86400e3 * 7))).toISOString().replace(/\.\d+Z$/, 'Z');
  const token = `kube-api-access-${suffix(random, 5)}`;
  const hostIP = `10.0.${node >> 8}.${node & 255}`;
  const podIP = `10.${100 + (node >> 6)}.${node & 63}.${2 + Math.floor(random() * 250)}`;
  pod.metadata.creationTimestamp = started;
  pod.metadata.name = `web-7c9d8f6b5-${suffix(random, 5)}`;
  pod.metadata.namespace = namespace;
  pod.metadata.ownerReferences[0].uid = uuid(random);
  pod.metadata.resourceVersion = String(100000 + Math.floor(random() * 9e6));
  pod.metadata.uid = uuid(random);
  pod.spec.nodeName = `node-${node}`;
  pod.spec.volumes[1].name = token;
  for (const c of pod.spec.containers) c.volumeMounts[c.volumeMounts.length - 1].name = token;
  for (const c of pod.status.conditions) c.lastTransitionTime = started;
  for (const c of pod.status.containerStatuses) {
    c.containerID = `containerd://${uuid(random).replace(/-/g, '')}${uuid(random).replace(/-/g, '').slice(0, 32)}`;
    c.state.running.startedAt = started;
  }
  pod.status.hostIP = hostIP;
  pod.status.hostIPs[0].ip = hostIP;
  pod.status.podIP = podIP;
  pod.status.podIPs[0].ip = podIP;
  pod.status.startTime = started;
  return pod;
}

function coreEvent(event, pod, random, host) {
  const uid = uuid(random);
  const at = event.lastTimestamp ?? event.firstTimestamp;
  return sortKeys({
    apiVersion: 'v1',
    count: event.count,
    eventTime: null,
    firstTimestamp: event.firstTimestamp,
    involvedObject: {
      apiVersion: 'v1',
      ...(event.involvedObject.fieldPath ? { fieldPath: event.involvedObject.fieldPath } : {}),
      kind: 'Pod',
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      resourceVersion: pod.metadata.resourceVersion,
      uid: pod.metadata.uid,
    },
    kind: 'Event',
    lastTimestamp: event.lastTimestamp,
    message: event.message,
    metadata: { creationTimestamp: at, name: `${pod.metadata.name}.${uid.replace(/-/g, '').slice(0, 16)}`, namespace: pod.metadata.namespace, resourceVersion: String(100000 + Math.floor(random() * 9e6)), uid },
    reason: event.reason,
    reportingComponent: event.source || 'kubelet',
    reportingInstance: event.source === 'kubelet' || !event.source ? (host ?? '') : '',
    source: { component: event.source || 'kubelet', ...(host && (event.source === 'kubelet' || !event.source) ? { host } : {}) },
    type: event.type,
  });
}

/** What kubelet and the scheduler record when a pod starts cleanly. */
function startEvents(pod) {
  const at = pod.metadata.creationTimestamp;
  const of = (reason, message, source = 'kubelet', fieldPath) => ({ reason, message, type: 'Normal', count: 1, firstTimestamp: at, lastTimestamp: at, source, involvedObject: fieldPath ? { fieldPath } : {} });
  const [web] = pod.spec.containers;
  return [
    of('Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${pod.spec.nodeName}`, 'default-scheduler'),
    of('Pulled', `Container image "${web.image}" already present on machine`, 'kubelet', 'spec.containers{web}'),
    of('Created', 'Created container: web', 'kubelet', 'spec.containers{web}'),
    of('Started', 'Started container web', 'kubelet', 'spec.containers{web}'),
  ];
}

/** Writes a kubectl List one item at a time, waiting whenever the file is behind. */
class ListWriter {
  constructor(path, indent) {
    this.out = createWriteStream(path);
    this.indent = indent;
    this.pad = ' '.repeat(indent);
    this.count = 0;
    this.bytes = 0;
    this.pending = '';
    this.write(`{\n${this.pad}"apiVersion": "v1",\n${this.pad}"items": [`);
  }

  write(text) {
    this.pending += text;
    this.bytes += Buffer.byteLength(text);
  }

  async item(object) {
    const pad = this.pad + this.pad;
    this.write(`${this.count++ ? ',' : ''}\n${pad}${JSON.stringify(object, null, this.indent).replace(/\n/g, `\n${pad}`)}`);
    if (this.pending.length > 1 << 20) await this.flush();
  }

  async flush() {
    if (!this.out.write(this.pending)) await once(this.out, 'drain');
    this.pending = '';
  }

  async close() {
    const p = this.pad;
    this.write(`${this.count ? `\n${p}` : ''}],\n${p}"kind": "List",\n${p}"metadata": {\n${p}${p}"resourceVersion": ""\n${p}}\n}\n`);
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** Share of healthy pods started within the last hour, whose start events have not expired yet. */
const RECENT_HEALTHY = 0.3;
const NODES = 400;

/** Writes `count` pods to PODS_FILE and their events to EVENTS_FILE, half failing; returns what it wrote. */
export async function generate(count, templates, podsFile, eventsFile, { seed = 42, indent = 2 } = {}) {
  const random = prng(seed);
  const now = Date.parse('2026-11-20T12:00:00Z');
  const namespaces = Array.from({ length: 40 }, (_, i) => `team-${i}`);
  const failures = templates.map((t) => ({ pod: withServerDefaults(t.incident.pod, random), events: t.incident.events }));
  const healthy = [healthyTemplate(false), healthyTemplate(true)];
  const pods = new ListWriter(podsFile, indent);
  const events = new ListWriter(eventsFile, indent);
  let failing = 0;
  for (let i = 0; i < count; i++) {
    const namespace = namespaces[i % namespaces.length];
    if (random() < 0.5 && failures.length) {
      const template = failures[Math.floor(random() * failures.length)];
      const pod = structuredClone(template.pod);
      pod.metadata.name = `${pod.metadata.name}-${i.toString(36)}`;
      pod.metadata.namespace = namespace;
      pod.metadata.uid = uuid(random);
      await pods.item(pod);
      for (const event of template.events) await events.item(coreEvent(event, pod, random, pod.spec?.nodeName));
      failing++;
      continue;
    }
    const recent = random() < RECENT_HEALTHY;
    const pod = healthyPod(healthy[random() < 0.15 ? 1 : 0], namespace, Math.floor(random() * NODES), random, now, recent);
    await pods.item(pod);
    if (recent) for (const event of startEvents(pod)) await events.item(coreEvent(event, pod, random, pod.spec.nodeName));
  }
  await pods.close();
  await events.close();
  return { pods: pods.count, failing, events: events.count, bytes: pods.bytes + events.bytes, podsBytes: pods.bytes, eventsBytes: events.bytes, templates: templates.length };
}

/** `node bench/generate.mjs SIZE DIR`: writes DIR/pods.json and DIR/events.json, prints what it wrote as JSON. */
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { mkdir } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const [size, dir] = process.argv.slice(2);
  const templates = await loadTemplates(fileURLToPath(new URL('../fixtures', import.meta.url)));
  await mkdir(dir, { recursive: true });
  const written = await generate(Number(size), templates, join(dir, 'pods.json'), join(dir, 'events.json'), {
    seed: Number(process.env.BENCH_SEED ?? 42),
    indent: Number(process.env.BENCH_INDENT ?? 2),
  });
  process.stdout.write(JSON.stringify(written));
}
