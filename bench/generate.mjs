// Synthetic but realistic replay inputs: a `kubectl get pods -o json` List and a
// `kubectl get events -o json` List. Failing pods are clones of the bundled fixtures (every
// failure mode the rule pack covers), renamed and re-identified; the rest are healthy pods of
// a typical web workload. Deterministic from the seed.
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

function coreEvent(event, pod, random, index) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.${index.toString(16)}${Math.floor(random() * 1e8).toString(16)}`, namespace: pod.metadata.namespace, uid: uuid(random) },
    involvedObject: {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      uid: pod.metadata.uid,
      ...(event.involvedObject.fieldPath ? { fieldPath: event.involvedObject.fieldPath } : {}),
    },
    reason: event.reason,
    message: event.message,
    type: event.type,
    count: event.count,
    firstTimestamp: event.firstTimestamp,
    lastTimestamp: event.lastTimestamp,
    source: { component: event.source || 'kubelet' },
    reportingComponent: event.source || 'kubelet',
  };
}

const ROUTINE = [
  ['Scheduled', 'default-scheduler', (p) => `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${p.spec.nodeName ?? 'node-1'}`],
  ['Pulling', 'kubelet', (p) => `Pulling image "${p.spec.containers[0].image}"`],
  ['Pulled', 'kubelet', (p) => `Successfully pulled image "${p.spec.containers[0].image}" in 1.204s (1.204s including waiting). Image size: 48211907 bytes.`],
  ['Created', 'kubelet', (p) => `Created container: ${p.spec.containers[0].name}`],
  ['Started', 'kubelet', (p) => `Started container ${p.spec.containers[0].name}`],
];

function healthyPod(i, namespace, random, now) {
  const name = `web-${(i * 2654435761 >>> 0).toString(36).slice(0, 10)}-${Math.floor(random() * 1e6).toString(36)}`;
  const started = new Date(now - Math.floor(random() * 86400e3 * 7)).toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: uuid(random),
      creationTimestamp: started,
      labels: { app: 'web', 'pod-template-hash': '7c9d8f6b5' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c9d8f6b5', uid: uuid(random), controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: `node-${Math.floor(random() * 200)}`,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/shop/web:3.2.1',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
        },
      ],
    },
    status: {
      phase: 'Running',
      qosClass: 'Burstable',
      startTime: started,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: started })),
      containerStatuses: [
        { name: 'web', ready: true, started: true, restartCount: 0, image: 'registry.example.com/shop/web:3.2.1', imageID: 'registry.example.com/shop/web@sha256:9f2c', containerID: `containerd://${uuid(random).replace(/-/g, '')}`, state: { running: { startedAt: started } }, lastState: {} },
      ],
    },
  };
}

/** Generates `count` pods, about 30% failing with about ten events each. */
export function generate(count, templates, seed = 42) {
  const random = prng(seed);
  const now = Date.parse('2026-11-20T12:00:00Z');
  const namespaces = Array.from({ length: 20 }, (_, i) => `team-${i}`);
  const pods = [];
  const events = [];
  for (let i = 0; i < count; i++) {
    const namespace = namespaces[i % namespaces.length];
    if (random() >= 0.3 || templates.length === 0) {
      pods.push(healthyPod(i, namespace, random, now));
      continue;
    }
    const template = templates[Math.floor(random() * templates.length)].incident;
    const pod = structuredClone(template.pod);
    pod.metadata = { ...pod.metadata, name: `${pod.metadata.name}-${i.toString(36)}`, namespace, uid: uuid(random) };
    pods.push(pod);
    const own = template.events.map((e, j) => coreEvent(e, pod, random, j));
    // Pad to ten with the routine events of each (re)start: scheduling once, then pull, create, start.
    for (let j = 0; own.length < 10; j++) {
      const [reason, component, message] = ROUTINE[j === 0 ? 0 : 1 + ((j - 1) % (ROUTINE.length - 1))];
      const at = template.events[0]?.firstTimestamp ?? pod.metadata.creationTimestamp ?? new Date(now).toISOString();
      own.push(coreEvent({ reason, message: message(pod), type: 'Normal', count: 1, firstTimestamp: at, lastTimestamp: at, source: component, involvedObject: { kind: 'Pod', name: '' } }, pod, random, 100 + j));
    }
    events.push(...own);
  }
  return {
    pods: { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: pods },
    events: { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: events },
  };
}

/** `node bench/generate.mjs SIZE DIR`: writes DIR/pods.json and DIR/events.json, prints their sizes. */
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { writeFile, mkdir } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const [size, dir] = process.argv.slice(2);
  const templates = await loadTemplates(fileURLToPath(new URL('../fixtures', import.meta.url)));
  const { pods, events } = generate(Number(size), templates, Number(process.env.BENCH_SEED ?? 42));
  await mkdir(dir, { recursive: true });
  const podsText = JSON.stringify(pods);
  const eventsText = JSON.stringify(events);
  await writeFile(join(dir, 'pods.json'), podsText);
  await writeFile(join(dir, 'events.json'), eventsText);
  process.stdout.write(JSON.stringify({ events: events.items.length, bytes: podsText.length + eventsText.length, templates: templates.length }));
}
