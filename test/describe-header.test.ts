import { describe, expect, it } from 'vitest';
import { readOnePod } from './support/read-paste.js';

const HEADER = `Name:                 checkout-7d9f8b6c5-x2vkq
Namespace:            shop
Priority:             1000
Priority Class Name:  shop-critical
Runtime Class Name:   gvisor
Service Account:      checkout
Node:                 ip-10-0-3-17.eu-west-1.compute.internal/10.0.3.17
Start Time:           Fri, 20 Nov 2026 09:12:03 +0100
Labels:               app=checkout
                      pod-template-hash=7d9f8b6c5
Annotations:          kubectl.kubernetes.io/restartedAt: 2026-11-20T08:00:00Z
                      prometheus.io/scrape: true
Status:               Failed
Reason:               Evicted
Message:              The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi.
IP:                   10.0.3.142
IPs:
  IP:           10.0.3.142
  IP:           fd00::8e
Controlled By:  ReplicaSet/checkout-7d9f8b6c5
Containers:
  app:
    Image:          registry.example.com/shop/checkout:3.2.0
    Port:           <none>
    Host Port:      <none>
    Environment:    <none>
    Mounts:         <none>
QoS Class:                   Burstable
Node-Selectors:              kubernetes.io/arch=amd64
                             pool=general
Tolerations:                 dedicated=shop:NoSchedule
                             node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             op=Exists
Events:                      <none>
`;

describe('the pod header of kubectl describe pod', () => {
  it('gives metadata: name, namespace, labels, annotations, controller', async () => {
    const { pod } = await readOnePod(HEADER);
    expect(pod.metadata).toMatchObject({
      name: 'checkout-7d9f8b6c5-x2vkq',
      namespace: 'shop',
      labels: { app: 'checkout', 'pod-template-hash': '7d9f8b6c5' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-20T08:00:00Z', 'prometheus.io/scrape': 'true' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'checkout-7d9f8b6c5', controller: true, apiVersion: 'apps/v1' }],
    });
  });

  it('gives the spec: node, priority, service account, node selectors and tolerations', async () => {
    const { pod } = await readOnePod(HEADER);
    expect(pod.spec).toMatchObject({
      nodeName: 'ip-10-0-3-17.eu-west-1.compute.internal',
      priority: 1000,
      priorityClassName: 'shop-critical',
      runtimeClassName: 'gvisor',
      serviceAccountName: 'checkout',
      nodeSelector: { 'kubernetes.io/arch': 'amd64', pool: 'general' },
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { operator: 'Exists' },
      ],
    });
  });

  it('gives the status: phase, reason, message, IPs, start time in UTC, QoS class', async () => {
    const { pod } = await readOnePod(HEADER);
    expect(pod.status).toMatchObject({
      phase: 'Failed',
      reason: 'Evicted',
      message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi.',
      hostIP: '10.0.3.17',
      podIP: '10.0.3.142',
      podIPs: [{ ip: '10.0.3.142' }, { ip: 'fd00::8e' }],
      startTime: '2026-11-20T08:12:03.000Z',
      qosClass: 'Burstable',
    });
  });

  it('knows Events: <none> means no events, not missing ones', async () => {
    const incident = await readOnePod(HEADER);
    expect(incident.events).toEqual([]);
    expect(incident.missing ?? []).not.toContainEqual(expect.stringMatching(/events/));
  });

  it('reads an unscheduled pod: Node <none>, no start time', async () => {
    const { pod } = await readOnePod('Name: web-0\nNamespace: default\nNode: <none>\nLabels: <none>\nAnnotations: <none>\nStatus: Pending\nIP:\nIPs: <none>\nEvents: <none>\n');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status).toEqual({ phase: 'Pending' });
    expect(pod.metadata?.labels).toBeUndefined();
  });

  it('reads a pod being deleted: Terminating (lasts 5m) sets the deletion time before the capture', async () => {
    const text = 'Name: web-0\nNamespace: shop\nStatus: Terminating (lasts 5m)\nTermination Grace Period: 30s\nEvents: <none>\n';
    const { pod } = await readOnePod(text, '2026-11-20T10:00:00Z');
    expect(pod.metadata?.deletionTimestamp).toBe('2026-11-20T09:55:00.000Z');
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(pod.status?.phase).toBeUndefined();
  });

  it('keeps a pod message that runs over several lines', async () => {
    const text = 'Name: web-0\nNamespace: shop\nStatus: Failed\nReason: UnexpectedAdmissionError\nMessage: Pod was rejected:\n  Allocate failed due to no healthy devices\nIP:\nEvents: <none>\n';
    const { pod } = await readOnePod(text);
    expect(pod.status?.message).toBe('Pod was rejected:\nAllocate failed due to no healthy devices');
  });

  it('reads 1.1x headers: Controllers, comma-separated labels, key=value annotations', async () => {
    const text = [
      'Name:           nginx-1006230814-6winp',
      'Namespace:      default',
      'Node:           node-1/10.240.0.9',
      'Start Time:     Thu, 24 Mar 2016 01:39:49 +0000',
      'Labels:         app=nginx,pod-template-hash=1006230814',
      'Annotations:    kubernetes.io/created-by={"kind":"SerializedReference"}',
      'Status:         Running',
      'IP:             10.244.0.6',
      'Controllers:    ReplicaSet/nginx-1006230814',
      'Events:         <none>',
    ].join('\n');
    const { pod } = await readOnePod(text);
    expect(pod.metadata?.labels).toEqual({ app: 'nginx', 'pod-template-hash': '1006230814' });
    expect(pod.metadata?.annotations).toEqual({ 'kubernetes.io/created-by': '{"kind":"SerializedReference"}' });
    expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'nginx-1006230814' });
  });
});
