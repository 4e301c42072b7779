// Proves the test control plane is real and seeded as seeded.json says: the
// API server answers, status written through the status subresource reads
// back, events are selectable by involvedObject.uid, RBAC restricts the
// restricted user, and the audit log records who did what.
import * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clusterAvailable,
  httpStatus,
  kubeConfig,
  listeningAddresses,
  loadSeeded,
  processArgs,
  rawRequest,
  readClusterEnv,
  waitForAudit,
  type ClusterEnv,
  type SeededCause,
  type SeededPod,
} from './helpers.js';

const seeded = loadSeeded();

async function rejectedWith(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (err) {
    return httpStatus(err);
  }
  return 200;
}

describe.skipIf(!clusterAvailable())('test control plane', () => {
  let env: ClusterEnv;
  let admin: k8s.KubeConfig;
  let core: k8s.CoreV1Api;

  beforeAll(() => {
    env = readClusterEnv();
    admin = kubeConfig(env.adminKubeconfig);
    core = admin.makeApiClient(k8s.CoreV1Api);
  });

  describe('processes', () => {
    it('answers /readyz with ok and reports the pinned version', async () => {
      const ready = await rawRequest(admin, 'GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.text).toBe('ok');
      const version = (await rawRequest(admin, 'GET', '/version')).json() as { gitVersion: string };
      expect(version.gitVersion).toBe(env.k8sVersion);
    });

    it('runs the built etcd and kube-apiserver under the recorded pids', () => {
      const etcd = processArgs(env.etcdPid);
      const apiserver = processArgs(env.apiserverPid);
      expect(etcd?.[0]).toMatch(/test\/cluster\/\.bin\/[^/]+\/etcd$/);
      expect(apiserver?.[0]).toMatch(/test\/cluster\/\.bin\/[^/]+\/kube-apiserver$/);
      expect(apiserver).toContain('--authorization-mode=RBAC');
    });

    it('listens on loopback only', () => {
      for (const pid of [env.etcdPid, env.apiserverPid]) {
        const addrs = listeningAddresses(pid);
        expect(addrs.length).toBeGreaterThan(0);
        for (const a of addrs) expect(a, `pid ${pid} listens on ${a}`).toMatch(/^127\.0\.0\.1:\d+$/);
      }
      expect(new URL(env.server).hostname).toBe('127.0.0.1');
      expect(new URL(env.etcdUrl).hostname).toBe('127.0.0.1');
    });
  });

  describe('seeded objects', () => {
    it('seeds one pod for every failure mode, plus a healthy one', () => {
      const causes = new Set(seeded.pods.map((p) => p.cause));
      const all: SeededCause[] = [
        'oom-limit',
        'liveness-probe',
        'readiness-probe',
        'image-pull',
        'config-error',
        'unschedulable',
        'evicted',
        'oom-node',
      ];
      for (const c of all) expect(causes, c).toContain(c);
      expect(causes).toContain(null);
    });

    it('has the nodes with the status written through nodes/status', async () => {
      for (const n of seeded.nodes) {
        const node = await core.readNode({ name: n.name });
        const conds = Object.fromEntries((node.status?.conditions ?? []).map((c) => [c.type, c]));
        expect(conds.Ready?.status, n.name).toBe('True');
        expect(conds.MemoryPressure?.status, n.name).toBe(n.memoryPressure ? 'True' : 'False');
        expect(node.status?.capacity?.memory).toBe('16Gi');
      }
    });

    // What the status subresource must have kept, per cause.
    const checks: Record<string, (pod: k8s.V1Pod, entry: SeededPod) => void> = {
      'oom-limit': (pod) => {
        const cs = pod.status?.containerStatuses?.[0];
        expect(pod.spec?.containers[0]?.resources?.limits?.memory).toBe('128Mi');
        expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
        expect(cs?.state?.waiting?.message).toContain(`pod=${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`);
        expect(cs?.lastState?.terminated?.exitCode).toBe(137);
        expect(cs?.lastState?.terminated?.reason).toBe('OOMKilled');
        expect(cs?.restartCount).toBeGreaterThan(0);
      },
      'liveness-probe': (pod) => {
        const cs = pod.status?.containerStatuses?.[0];
        expect(pod.spec?.containers[0]?.livenessProbe?.httpGet?.path).toBe('/healthz');
        expect(cs?.lastState?.terminated?.exitCode).toBe(137);
        expect(cs?.lastState?.terminated?.reason).toBe('Error');
        expect(cs?.state?.running).toBeDefined();
      },
      'readiness-probe': (pod) => {
        const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
        expect(ready?.status).toBe('False');
        expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(0);
        expect(pod.status?.phase).toBe('Running');
      },
      'image-pull': (pod) => {
        expect(pod.status?.phase).toBe('Pending');
        expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
      },
      'config-error': (pod) => {
        const w = pod.status?.containerStatuses?.[0]?.state?.waiting;
        expect(w?.reason).toBe('CreateContainerConfigError');
        expect(w?.message).toBe('configmap "app-config" not found');
      },
      unschedulable: (pod) => {
        const sched = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
        expect(pod.spec?.nodeName).toBeUndefined();
        expect(sched?.status).toBe('False');
        expect(sched?.reason).toBe('Unschedulable');
        expect(sched?.message).toContain('Insufficient memory');
      },
      evicted: (pod) => {
        expect(pod.status?.phase).toBe('Failed');
        expect(pod.status?.reason).toBe('Evicted');
        expect(pod.status?.message).toMatch(/^The node was low on resource: memory\./);
        expect(pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('TerminationByKubelet');
      },
      'oom-node': (pod) => {
        const cs = pod.status?.containerStatuses?.[0];
        expect(pod.spec?.containers[0]?.resources?.limits).toBeUndefined();
        expect(pod.status?.qosClass).toBe('BestEffort');
        expect(cs?.lastState?.terminated?.exitCode).toBe(137);
      },
      healthy: (pod) => {
        expect(pod.status?.phase).toBe('Running');
        expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
        expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(0);
      },
    };

    it.each(seeded.pods.map((p) => [`${p.namespace}/${p.name} (${p.cause ?? 'healthy'})`, p] as const))(
      'reads back %s with its seeded status',
      async (_label, entry) => {
        const pod = await core.readNamespacedPod({ name: entry.name, namespace: entry.namespace });
        expect(pod.spec?.nodeName ?? null).toBe(entry.node);
        const check = checks[entry.cause ?? 'healthy'];
        expect(check).toBeDefined();
        check?.(pod, entry);
      },
    );

    // Reasons the events of each cause must include (kubelet / scheduler wording).
    // Container-level events name the container in fieldPath; pod-level ones
    // (Evicted, FailedScheduling) do not.
    const expectedEvents: Record<string, { reason: string; message: RegExp; podLevel?: true }[]> = {
      'oom-limit': [{ reason: 'BackOff', message: /^Back-off restarting failed container app in pod / }],
      'liveness-probe': [
        { reason: 'Unhealthy', message: /^Liveness probe failed: HTTP probe failed with statuscode: 500$/ },
        { reason: 'Killing', message: /^Container app failed liveness probe, will be restarted$/ },
      ],
      'readiness-probe': [{ reason: 'Unhealthy', message: /^Readiness probe failed: Get "http:\/\/[\d.]+:8080\/ready": dial tcp/ }],
      'image-pull': [
        { reason: 'Failed', message: /^Failed to pull image "registry\.example\.com\/app:v9": .*not found$/ },
        { reason: 'BackOff', message: /^Back-off pulling image "registry\.example\.com\/app:v9"$/ },
      ],
      'config-error': [{ reason: 'Failed', message: /^Error: configmap "app-config" not found$/ }],
      unschedulable: [{ reason: 'FailedScheduling', message: /^0\/3 nodes are available: 3 Insufficient memory\. preemption: /, podLevel: true }],
      evicted: [{ reason: 'Evicted', message: /^The node was low on resource: memory\. /, podLevel: true }],
      'oom-node': [{ reason: 'Started', message: /^Started container app$/ }],
      healthy: [{ reason: 'Started', message: /^Started container app$/ }],
    };

    it.each(seeded.pods.map((p) => [`${p.namespace}/${p.name}`, p] as const))(
      'lists the events of %s by involvedObject.uid',
      async (_label, entry) => {
        const pod = await core.readNamespacedPod({ name: entry.name, namespace: entry.namespace });
        const uid = pod.metadata?.uid ?? '';
        const list = await core.listNamespacedEvent({ namespace: entry.namespace, fieldSelector: `involvedObject.uid=${uid}` });
        expect(list.items.length).toBeGreaterThan(0);
        for (const ev of list.items) {
          expect(ev.involvedObject.uid).toBe(uid);
          expect(ev.involvedObject.name).toBe(entry.name);
          expect(['kubelet', 'default-scheduler']).toContain(ev.source?.component);
        }
        for (const want of expectedEvents[entry.cause ?? 'healthy'] ?? []) {
          const hit = list.items.find((e) => e.reason === want.reason && want.message.test(e.message ?? ''));
          expect(hit, `${want.reason} ${want.message}`).toBeDefined();
          expect(hit?.involvedObject.fieldPath).toBe(want.podLevel ? undefined : 'spec.containers{app}');
          expect(hit?.count).toBeGreaterThan(0);
        }
        if (entry.cause === null) expect(list.items.filter((e) => e.type === 'Warning')).toEqual([]);
      },
    );

    it('records SystemOOM on the node under memory pressure', async () => {
      const oomNode = seeded.nodes.find((n) => n.systemOOM);
      expect(oomNode).toBeDefined();
      const list = await core.listNamespacedEvent({
        namespace: 'default',
        fieldSelector: `involvedObject.kind=Node,involvedObject.name=${oomNode?.name},reason=SystemOOM`,
      });
      expect(list.items).toHaveLength(1);
      expect(list.items[0]?.message).toBe(`System OOM encountered, victim process: ${oomNode?.systemOOM?.victim}, pid: ${oomNode?.systemOOM?.pid}`);
      const podOnIt = seeded.pods.find((p) => p.cause === 'oom-node');
      expect(podOnIt?.node).toBe(oomNode?.name);
    });

    it('links deploy/api -> ReplicaSet -> pod through ownerReferences', async () => {
      const apps = admin.makeApiClient(k8s.AppsV1Api);
      for (const w of seeded.workloads) {
        const deploy = await apps.readNamespacedDeployment({ name: w.deployment, namespace: w.namespace });
        const rs = await apps.readNamespacedReplicaSet({ name: w.replicaSet, namespace: w.namespace });
        expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: w.deployment, uid: deploy.metadata?.uid, controller: true });
        expect(deploy.status?.unavailableReplicas).toBe(w.pods.length);
        for (const name of w.pods) {
          const pod = await core.readNamespacedPod({ name, namespace: w.namespace });
          expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: w.replicaSet, uid: rs.metadata?.uid });
          for (const [k, v] of Object.entries(deploy.spec?.selector.matchLabels ?? {})) expect(pod.metadata?.labels?.[k]).toBe(v);
        }
      }
    });

    it('marks the not-ready pod not ready in its Service EndpointSlice', async () => {
      const discovery = admin.makeApiClient(k8s.DiscoveryV1Api);
      for (const s of seeded.services) {
        const svc = await core.readNamespacedService({ name: s.name, namespace: s.namespace });
        const pod = await core.readNamespacedPod({ name: s.pod, namespace: s.namespace });
        for (const [k, v] of Object.entries(svc.spec?.selector ?? {})) expect(pod.metadata?.labels?.[k]).toBe(v);
        const slices = await discovery.listNamespacedEndpointSlice({
          namespace: s.namespace,
          labelSelector: `kubernetes.io/service-name=${s.name}`,
        });
        expect(slices.items).toHaveLength(1);
        const ep = slices.items[0]?.endpoints.find((e) => e.targetRef?.uid === pod.metadata?.uid);
        expect(ep?.addresses).toEqual([pod.status?.podIP]);
        expect(ep?.conditions?.ready).toBe(s.endpointReady);
      }
    });
  });

  describe('permissions', () => {
    let restricted: k8s.CoreV1Api;
    beforeAll(() => {
      restricted = kubeConfig(env.restrictedKubeconfig).makeApiClient(k8s.CoreV1Api);
    });

    it('lets the restricted user get a pod in its namespace', async () => {
      const entry = seeded.pods.find((p) => p.namespace === env.restrictedNamespace);
      expect(entry).toBeDefined();
      const pod = await restricted.readNamespacedPod({ name: entry?.name ?? '', namespace: env.restrictedNamespace });
      expect(pod.metadata?.name).toBe(entry?.name);
    });

    it('forbids the restricted user anything else (403)', async () => {
      const ns = env.restrictedNamespace;
      expect(await rejectedWith(restricted.listNamespacedEvent({ namespace: ns }))).toBe(403);
      expect(await rejectedWith(restricted.readNode({ name: 'node-a' }))).toBe(403);
      expect(await rejectedWith(restricted.listNamespacedPod({ namespace: ns }))).toBe(403);
      expect(await rejectedWith(restricted.readNamespacedPod({ name: 'healthy-web', namespace: 'podmortem-e2e' }))).toBe(403);
    });
  });

  describe('audit log', () => {
    it('records verb, resource, user and code of each request', async () => {
      const restrictedKc = kubeConfig(env.restrictedKubeconfig);
      const entry = seeded.pods.find((p) => p.namespace === env.restrictedNamespace);
      const get = await rawRequest(restrictedKc, 'GET', `/api/v1/namespaces/${env.restrictedNamespace}/pods/${entry?.name}`);
      expect(get.status).toBe(200);
      const list = await rawRequest(restrictedKc, 'GET', `/api/v1/namespaces/${env.restrictedNamespace}/events`);
      expect(list.status).toBe(403);

      const gets = await waitForAudit(
        (r) => r.user === env.restrictedUser && r.verb === 'get' && r.resource === 'pods' && r.name === entry?.name,
        { file: env.auditLog },
      );
      expect(gets.some((r) => r.code === 200 && r.namespace === env.restrictedNamespace)).toBe(true);
      const lists = await waitForAudit((r) => r.user === env.restrictedUser && r.verb === 'list' && r.resource === 'events', {
        file: env.auditLog,
      });
      expect(lists.some((r) => r.code === 403)).toBe(true);

      // The seeding wrote pod status through the status subresource (PUT = update).
      const statusWrites = await waitForAudit(
        (r) => r.user === env.adminUser && r.verb === 'update' && r.resource === 'pods' && r.subresource === 'status',
        { file: env.auditLog },
      );
      expect(statusWrites.length).toBeGreaterThanOrEqual(seeded.pods.length);
    });
  });
});
