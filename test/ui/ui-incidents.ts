import type { V1Pod } from '@kubernetes/client-node';
import type { PodEvent } from '../../src/model/event.js';
import type { Incident } from '../../src/model/incident.js';

export const CAPTURED_AT = '2026-11-20T10:44:02Z';

function at(secondsAgo: number): string {
  return new Date(Date.parse(CAPTURED_AT) - secondsAgo * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

function event(pod: { name: string; namespace: string }, type: string, reason: string, message: string, count: number, secondsAgo: number, container?: string): PodEvent {
  return {
    type,
    reason,
    message,
    count,
    firstTimestamp: at(secondsAgo + 3600),
    lastTimestamp: at(secondsAgo),
    involvedObject: { kind: 'Pod', name: pod.name, namespace: pod.namespace, ...(container ? { fieldPath: `spec.containers{${container}}` } : {}) },
    source: container ? 'kubelet' : 'default-scheduler',
  };
}

function incident(pod: V1Pod, events: PodEvent[], logs: Incident['logs'] = []): Incident {
  return { pod, events, logs, nodeEvents: [], source: { kind: 'file', capturedAt: CAPTURED_AT } };
}

const JVM_LOG = [
  '2026-11-20 10:39:58.118  INFO 1 --- [main] c.e.shop.OrdersApplication : Starting OrdersApplication',
  '2026-11-20 10:41:29.550  INFO 1 --- [exec-7] c.e.shop.ExportService : Building export for 412000 orders',
  'Exception in thread "exec-7" java.lang.OutOfMemoryError: Java heap space',
  '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
].join('\n');

/**
 * A JVM app OOMKilled at its 512Mi limit and now in CrashLoopBackOff, with a finished init
 * container and a running native sidecar, events naming their containers, and the crashed log.
 */
export function oomKilledPod(name = 'orders-api-6d8f7c9b54-q7xkz', namespace = 'shop'): Incident {
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${name}`, creationTimestamp: at(5400) as unknown as Date },
    spec: {
      restartPolicy: 'Always',
      nodeName: 'ip-10-0-3-17.eu-west-1.compute.internal',
      initContainers: [
        { name: 'init-schema', image: 'registry.example.com/shop/schema:2.14.1' },
        { name: 'log-shipper', image: 'fluent/fluent-bit:3.1', restartPolicy: 'Always' },
      ],
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/shop/orders-api:2.14.1',
          env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-Xms256m' }],
          resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '250m', memory: '512Mi' } },
          livenessProbe: { httpGet: { path: '/actuator/health/liveness', port: 8080 as never }, initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
      ],
      initContainerStatuses: [
        { name: 'init-schema', image: 'registry.example.com/shop/schema:2.14.1', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(5390) as never, finishedAt: at(5385) as never } } },
        { name: 'log-shipper', image: 'fluent/fluent-bit:3.1', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: at(5384) as never } } },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'registry.example.com/shop/orders-api:2.14.1',
          imageID: '',
          ready: false,
          started: false,
          restartCount: 7,
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: at(244) as never, finishedAt: at(146) as never } },
          state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=app pod=${name}_${namespace}(uid-${name})` } },
        },
      ],
    },
  };
  const ref = { name, namespace };
  return incident(
    pod,
    [
      event(ref, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ip-10-0-3-17.eu-west-1.compute.internal`, 1, 5400),
      event(ref, 'Normal', 'Pulled', 'Container image "registry.example.com/shop/orders-api:2.14.1" already present on machine', 8, 245, 'app'),
      event(ref, 'Normal', 'Started', 'Started container app', 8, 244, 'app'),
      event(ref, 'Warning', 'BackOff', `Back-off restarting failed container app in pod ${name}_${namespace}(uid-${name})`, 31, 5, 'app'),
    ],
    [{ container: 'app', previous: JVM_LOG }],
  );
}

/** A pod running fine. */
export function healthyPod(name: string, namespace = 'shop'): Incident {
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${name}`, creationTimestamp: at(86400 * 2) as unknown as Date },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { memory: '128Mi' } } }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'web', image: 'nginx:1.27', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: at(86000) as never } } }],
    },
  };
  return incident(pod, []);
}
