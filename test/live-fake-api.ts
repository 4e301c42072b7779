// A local node:http server standing in for the API server in unit tests of the live path's
// error handling (timeouts, 403 on one resource, 401, 410 on a watch, refused connections).
// The happy path is tested against the real control plane in test/cluster/live-*.test.ts.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FIXTURES } from './helpers.js';

/** What a route answers: a status and a body (objects become JSON), `hang` (never answers) or a stream writer. */
export type FakeAnswer =
  | { status: number; body: unknown }
  | 'hang'
  | ((res: ServerResponse) => void);

export type Route = (url: URL, req: IncomingMessage) => FakeAnswer | undefined;

export interface FakeApi {
  readonly url: string;
  /** Every request received: method and path with query. */
  readonly received: { method: string; path: string }[];
  /** Routes tried in order; the first that answers wins; nothing answering is a 404 Status. */
  readonly routes: Route[];
  close(): Promise<void>;
}

export function status(code: number, reason: string, message: string): { status: number; body: unknown } {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message } };
}

export async function startFakeApi(routes: Route[] = []): Promise<FakeApi> {
  const received: { method: string; path: string }[] = [];
  const hanging = new Set<ServerResponse>();
  const server = http.createServer((req, res) => {
    received.push({ method: req.method ?? '', path: req.url ?? '' });
    const url = new URL(req.url ?? '/', 'http://fake');
    let answer: FakeAnswer | undefined;
    for (const route of routes) {
      answer = route(url, req);
      if (answer !== undefined) break;
    }
    answer ??= status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`);
    if (answer === 'hang') {
      hanging.add(res);
      return;
    }
    if (typeof answer === 'function') {
      answer(res);
      return;
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'Content-Type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A watch answer that stays open: `answer` is the route's reply, `send` writes one event line to it. */
export function heldWatch(): { answer: (res: ServerResponse) => void; send: (event: unknown) => void } {
  let response: ServerResponse | undefined;
  return {
    answer: (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      response = res;
    },
    send: (event) => response?.write(`${JSON.stringify(event)}\n`),
  };
}

/** A kubeconfig for `server` (http needs insecure-skip-tls-verify in the client), namespace `shop`. */
export async function writeKubeconfig(server: string, extra: { token?: string; caFile?: string; skipTls?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-live-'));
  const file = join(dir, 'config');
  const cluster = [`    server: ${server}`];
  if (extra.caFile) cluster.push(`    certificate-authority: ${extra.caFile}`);
  if (extra.skipTls ?? server.startsWith('http:')) cluster.push('    insecure-skip-tls-verify: true');
  await writeFile(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: fake',
      '  cluster:',
      ...cluster,
      'users:',
      '- name: tester',
      '  user:',
      `    token: ${extra.token ?? 'test-token-0123456789'}`,
      'contexts:',
      '- name: fake',
      '  context:',
      '    cluster: fake',
      '    user: tester',
      '    namespace: shop',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return file;
}

/** The OOMKilled JVM fixture as a cluster would serve it: the pod, its events, its previous log. */
export function oomFixture() {
  const dir = join(FIXTURES, 'oom-killed-jvm');
  const pod = parse(readFileSync(join(dir, 'pod.yaml'), 'utf8')) as { metadata: { name: string; namespace: string; uid: string }; spec: { nodeName: string } };
  const events = (parse(readFileSync(join(dir, 'events.yaml'), 'utf8')) as { items: unknown[] }).items;
  const log = readFileSync(join(dir, 'app.previous.log'), 'utf8');
  return { pod, events, log };
}

/** Routes serving the OOM fixture under its real paths, with a healthy node and no Services. */
export function fixtureRoutes(fixture = oomFixture()): Route[] {
  const { pod, events, log } = fixture;
  const base = `/api/v1/namespaces/${pod.metadata.namespace}`;
  return [
    (url) => (url.pathname === `${base}/pods/${pod.metadata.name}` ? { status: 200, body: pod } : undefined),
    (url) =>
      url.pathname === `${base}/pods/${pod.metadata.name}/log`
        ? { status: 200, body: url.searchParams.get('previous') === 'true' ? log : '' }
        : undefined,
    (url) =>
      url.pathname === `${base}/events` && url.searchParams.get('fieldSelector') === `involvedObject.uid=${pod.metadata.uid}`
        ? { status: 200, body: { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: '100' }, items: events } }
        : undefined,
    (url) =>
      url.pathname === `/api/v1/nodes/${pod.spec.nodeName}`
        ? { status: 200, body: { kind: 'Node', apiVersion: 'v1', metadata: { name: pod.spec.nodeName }, status: { conditions: [{ type: 'Ready', status: 'True' }] } } }
        : undefined,
    (url) => (url.pathname === `${base}/services` ? { status: 200, body: { kind: 'ServiceList', metadata: {}, items: [] } } : undefined),
    (url) => (url.pathname === '/api/v1/namespaces/default/events' ? { status: 200, body: { kind: 'EventList', metadata: {}, items: [] } } : undefined),
    ...workloadRoutes(pod),
  ];
}

/** deploy/orders-api and its ReplicaSet, by name and listed (whole namespace, or by the Deployment's selector). */
export function workloadRoutes(pod: { metadata: { namespace: string } }): Route[] {
  const pods = `/api/v1/namespaces/${pod.metadata.namespace}/pods`;
  const apps = `/apis/apps/v1/namespaces/${pod.metadata.namespace}`;
  const labels = { app: 'orders-api' };
  const deployment = {
    kind: 'Deployment',
    metadata: { name: 'orders-api', namespace: pod.metadata.namespace, uid: 'uid-deploy', annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [] } } },
    status: { replicas: 1, readyReplicas: 0, availableReplicas: 0 },
  };
  const replicaSet = {
    kind: 'ReplicaSet',
    metadata: {
      name: 'orders-api-6d8f7c9b54',
      namespace: pod.metadata.namespace,
      labels: { ...labels, 'pod-template-hash': '6d8f7c9b54' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ kind: 'Deployment', name: 'orders-api', uid: 'uid-deploy', controller: true }],
    },
    spec: { replicas: 1 },
  };
  const list = (items: unknown[]) => ({ status: 200, body: { kind: 'List', metadata: { resourceVersion: '9' }, items } });
  return [
    (url) => (url.pathname === `${apps}/replicasets/orders-api-6d8f7c9b54` ? { status: 200, body: replicaSet } : undefined),
    (url) => (url.pathname === `${apps}/deployments/orders-api` ? { status: 200, body: deployment } : undefined),
    (url) => (url.pathname === `${apps}/replicasets` ? list([replicaSet]) : undefined),
    (url) => (url.pathname === `${apps}/deployments` ? list([deployment]) : undefined),
    (url) => (url.pathname === pods && url.searchParams.get('labelSelector') === 'app=orders-api' ? list([pod]) : undefined),
  ];
}
