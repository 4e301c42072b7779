// What the e2e suite needs from the API server beyond the CLI under test: create the
// workloads (as the admin; podmortem itself never writes) and poll a pod and its events until
// a failure is visible, always with a deadline.
import type * as k8s from '@kubernetes/client-node';
import { rawRequest } from '../cluster/helpers.js';
import type { EndpointSliceView, EventView, PodView, Taint, Workload } from './workloads.js';
import { NAMESPACE, TEST_TAINT_KEY } from './workloads.js';

async function request(kc: k8s.KubeConfig, method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await rawRequest(kc, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status}: ${res.text}`);
  return res.text ? res.json() : undefined;
}

/** The collection URL of an object by its apiVersion and kind (the kinds the workloads use). */
function collection(object: Record<string, unknown>): string {
  const kind = object.kind as string;
  const plural = { Pod: 'pods', Service: 'services', Job: 'jobs', ConfigMap: 'configmaps', Secret: 'secrets' }[kind];
  if (!plural) throw new Error(`e2e: no URL for kind ${kind}`);
  const apiVersion = object.apiVersion as string;
  const base = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
  return `${base}/namespaces/${NAMESPACE}/${plural}`;
}

export async function createObjects(kc: k8s.KubeConfig, objects: readonly Record<string, unknown>[]): Promise<void> {
  for (const object of objects) await request(kc, 'POST', collection(object), object);
}

/**
 * Waits until the root-ca-cert-publisher controller has put kube-root-ca.crt into the new
 * namespace. Every pod's token volume needs it; a pod created before it is there gets a
 * FailedMount ("failed to sync configmap cache") that is about the test setup, not the failure
 * under test.
 */
export async function waitForRootCA(kc: k8s.KubeConfig, timeoutMs: number): Promise<void> {
  const url = `/api/v1/namespaces/${NAMESPACE}/configmaps/kube-root-ca.crt`;
  const deadline = Date.now() + timeoutMs;
  while ((await rawRequest(kc, 'GET', url)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`no kube-root-ca.crt in ${NAMESPACE} after ${timeoutMs / 1000}s: is kube-controller-manager running?`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The pod a workload is about: its own name, or the (only) pod of `job/NAME`. */
async function findPod(kc: k8s.KubeConfig, target: string): Promise<PodView | undefined> {
  if (target.startsWith('job/')) {
    const selector = encodeURIComponent(`job-name=${target.slice(4)}`);
    const list = (await request(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${selector}`)) as { items: PodView[] };
    return list.items[0];
  }
  const res = await rawRequest(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods/${target}`);
  if (res.status === 404) return undefined;
  if (res.status >= 300) throw new Error(`GET pod ${target} -> ${res.status}: ${res.text}`);
  return res.json() as PodView;
}

async function podEvents(kc: k8s.KubeConfig, uid: string): Promise<EventView[]> {
  const selector = encodeURIComponent(`involvedObject.uid=${uid}`);
  const list = (await request(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/events?fieldSelector=${selector}`)) as { items: EventView[] };
  return list.items;
}

async function endpointSlices(kc: k8s.KubeConfig): Promise<EndpointSliceView[]> {
  const list = (await request(kc, 'GET', `/apis/discovery.k8s.io/v1/namespaces/${NAMESPACE}/endpointslices`)) as { items: EndpointSliceView[] };
  return list.items;
}

/**
 * Polls the workload's pod, its events and the namespace's EndpointSlices once a second until
 * `visible` (by default the workload's own predicate) holds; fails with what was last seen when
 * `timeoutMs` passes.
 */
export async function waitUntilVisible(kc: k8s.KubeConfig, workload: Workload, timeoutMs: number, visible = workload.visible): Promise<PodView> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no pod yet';
  for (;;) {
    const pod = await findPod(kc, workload.target);
    if (pod) {
      const events = await podEvents(kc, pod.metadata.uid);
      if (visible({ pod, events, endpointSlices: await endpointSlices(kc) })) return pod;
      last = JSON.stringify({ status: pod.status, events: events.map((e) => `${e.reason} x${e.count ?? 1}: ${e.message ?? ''}`) }, null, 1);
    }
    if (Date.now() > deadline) throw new Error(`${workload.name}: failure not visible within ${timeoutMs / 1000}s; last seen:\n${last}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Deletes the e2e namespace (kubelet then stops the pods) and waits until it is gone. */
export async function deleteNamespace(kc: k8s.KubeConfig, timeoutMs: number): Promise<void> {
  const res = await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${NAMESPACE}`);
  if (res.status >= 300 && res.status !== 404) throw new Error(`DELETE namespace ${NAMESPACE} -> ${res.status}: ${res.text}`);
  const deadline = Date.now() + timeoutMs;
  while ((await rawRequest(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}`)).status !== 404) {
    if (Date.now() > deadline) throw new Error(`namespace ${NAMESPACE} still there after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface NodeView {
  metadata: { name: string };
  spec?: { taints?: Taint[] };
}

/**
 * Puts `taint` on the (only) node, or with null takes the suite's test taint off. A read and an
 * update, tried again when kubelet's status writes made the update conflict.
 */
export async function setTestTaint(kc: k8s.KubeConfig, taint: Taint | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nodes = (await request(kc, 'GET', '/api/v1/nodes')) as { items: NodeView[] };
    const node = nodes.items[0];
    if (!node) throw new Error('e2e: the cluster has no node');
    const others = (node.spec?.taints ?? []).filter((t) => t.key !== TEST_TAINT_KEY);
    const wanted = taint ? [...others, taint] : others;
    if (JSON.stringify(wanted) === JSON.stringify(node.spec?.taints ?? [])) return;
    const res = await rawRequest(kc, 'PUT', `/api/v1/nodes/${node.metadata.name}`, { ...node, spec: { ...node.spec, taints: wanted } });
    if (res.status < 300) return;
    if (res.status !== 409 || Date.now() > deadline) throw new Error(`PUT node ${node.metadata.name} -> ${res.status}: ${res.text}`);
  }
}

/** Waits until every pod of the namespace is bound to the node or known unschedulable. */
export async function waitUntilPodsPlaced(kc: k8s.KubeConfig, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await request(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods`)) as { items: (PodView & { spec?: { nodeName?: string } })[] };
    const placed = list.items.filter(
      (p) => p.spec?.nodeName || (p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable'),
    );
    if (list.items.length >= count && placed.length === list.items.length) return;
    if (Date.now() > deadline) throw new Error(`e2e: ${placed.length} of ${count} pods placed after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
