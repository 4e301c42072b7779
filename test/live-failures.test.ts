import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CLI } from './helpers.js';
import { fixtureRoutes, oomFixture, startFakeApi, status, writeKubeconfig, type FakeApi } from './live-fake-api.js';

const fixture = oomFixture();
const { name } = fixture.pod.metadata;

/** Runs the built CLI without blocking the event loop (the stand-in server lives in this process). */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one line a failure must print: `podmortem: ...`, no stack trace. */
function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^podmortem: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('cluster failures print one clear line and exit 2', () => {
  let api: FakeApi;
  let kubeconfig: string;

  beforeAll(async () => {
    api = await startFakeApi();
    kubeconfig = await writeKubeconfig(api.url);
  });
  afterAll(() => api.close());

  it('a request that never answers: the request timeout', async () => {
    api.routes.splice(0, api.routes.length, () => 'hang');
    const started = Date.now();
    const result = await run(['diagnose', name, '--kubeconfig', kubeconfig, '--request-timeout', '1s']);
    expectOneLine(result, /the API server at http:\/\/127\.0\.0\.1:\d+ did not answer in time \(get pods in namespace shop: no answer within 1s\): check the network, or raise --request-timeout/);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('missing or expired credentials (401)', async () => {
    api.routes.splice(0, api.routes.length, () => status(401, 'Unauthorized', 'Unauthorized'));
    const result = await run(['diagnose', name, '--kubeconfig', kubeconfig]);
    expectOneLine(result, /rejected the credentials of user "tester" in context "fake" \(401 Unauthorized\): they are missing, wrong or expired/);
  });

  it('an unreachable server: connection refused', async () => {
    const closed = await startFakeApi();
    const url = closed.url;
    await closed.close();
    const result = await run(['scan', '--kubeconfig', await writeKubeconfig(url)]);
    expectOneLine(result, new RegExp(`cannot connect to the API server at ${url.replace(/\./g, '\\.')} \\(connection refused\\): is the cluster running, and does context "fake" point at it\\?`));
  });

  it('a missing context and a kubeconfig that does not parse', async () => {
    expectOneLine(await run(['diagnose', name, '--kubeconfig', kubeconfig, '--context', 'prod']), /context "prod" is not in kubeconfig .*: use one of fake$/);
    const broken = join(await mkdtemp(join(tmpdir(), 'podmortem-broken-')), 'config');
    await writeFile(broken, 'clusters:\n  - name: [unclosed\n');
    expectOneLine(await run(['scan', '--kubeconfig', broken]), /kubeconfig .*config does not parse: /);
    expectOneLine(await run(['scan'], { HOME: join(tmpdir(), 'podmortem-no-home') }), /^podmortem: no kubeconfig: /);
  });

  it('a bad --request-timeout is a usage error', async () => {
    const result = await run(['scan', '--kubeconfig', kubeconfig, '--request-timeout', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--request-timeout takes a duration like 10s or 1m \(0 for none\), not "soon"/);
  });

  it('forbidden pods: the verb, resource and namespace, and a Role that grants what podmortem needs', async () => {
    api.routes.splice(0, api.routes.length, () =>
      status(403, 'Forbidden', `pods "${name}" is forbidden: User "system:serviceaccount:ops:oncall" cannot get resource "pods" in API group "" in the namespace "shop"`),
    );
    const result = await run(['diagnose', name, '--kubeconfig', kubeconfig]);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.stderr.split('\n');
    expect(first).toBe(
      'podmortem: forbidden: user "system:serviceaccount:ops:oncall" cannot get pods in namespace shop; an admin can grant what podmortem needs with this Role and RoleBinding (kubectl apply -f):',
    );
    const [role, binding] = parseAllDocuments(rest.join('\n')).map((d) => d.toJS());
    expect(role).toMatchObject({ kind: 'Role', metadata: { name: 'podmortem-reader', namespace: 'shop' } });
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] });
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] });
    const verbs = new Set(role.rules.flatMap((r: { verbs: string[] }) => r.verbs));
    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
    expect(binding).toMatchObject({
      kind: 'RoleBinding',
      metadata: { namespace: 'shop' },
      subjects: [{ kind: 'ServiceAccount', name: 'oncall', namespace: 'ops' }],
      roleRef: { kind: 'Role', name: 'podmortem-reader' },
    });
  });

  it('forbidden pods in all namespaces: a ClusterRole and ClusterRoleBinding instead', async () => {
    api.routes.splice(0, api.routes.length, () => status(403, 'Forbidden', 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" at the cluster scope'));
    const result = await run(['scan', '-A', '--kubeconfig', kubeconfig]);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.stderr.split('\n');
    expect(first).toBe(
      'podmortem: forbidden: user "alice" cannot list pods in all namespaces; an admin can grant what podmortem needs with this ClusterRole and ClusterRoleBinding (kubectl apply -f):',
    );
    const [role, binding] = parseAllDocuments(rest.join('\n')).map((d) => d.toJS());
    expect(role.kind).toBe('ClusterRole');
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['nodes'], verbs: ['get'] });
    expect(binding).toMatchObject({ kind: 'ClusterRoleBinding', subjects: [{ kind: 'User', name: 'alice' }], roleRef: { kind: 'ClusterRole' } });
  });

  it('a pod that does not exist: the closest names in its namespace', async () => {
    const pods = ['payments-0', 'order-api', 'orders-api-6d8f7c9b54-q7xkz', 'orders-worker-7f9c-abcde'].map((n) => ({ metadata: { name: n } }));
    api.routes.splice(
      0,
      api.routes.length,
      (url) => (url.pathname === '/api/v1/namespaces/shop/pods' ? { status: 200, body: { kind: 'PodList', metadata: {}, items: pods } } : undefined),
      () => status(404, 'NotFound', 'pods "orders-api" not found'),
    );
    const result = await run(['diagnose', 'orders-api', '--kubeconfig', kubeconfig]);
    expectOneLine(result, /^podmortem: pod "orders-api" not found in namespace shop; did you mean orders-api-6d8f7c9b54-q7xkz, order-api\?$/);
  });
});

describe('TLS failures print one clear line', () => {
  let dir: string;
  let server: https.Server;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podmortem-tls-'));
    // A certificate issued for another name, self-signed: wrong CA unless trusted, wrong name when trusted.
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=wrong.example',
      '-addext', 'subjectAltName=DNS:wrong.example', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    server = https.createServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a server certificate no trusted CA signed', async () => {
    const result = await run(['scan', '--kubeconfig', await writeKubeconfig(url)]);
    expectOneLine(result, /TLS: the certificate of https:\/\/127\.0\.0\.1:\d+ is not signed by a CA the kubeconfig trusts \(DEPTH_ZERO_SELF_SIGNED_CERT\): set certificate-authority/);
  });

  it('a trusted certificate issued for another name', async () => {
    const result = await run(['scan', '--kubeconfig', await writeKubeconfig(url, { caFile: join(dir, 'cert.pem') })]);
    expectOneLine(result, /TLS: the certificate of https:\/\/127\.0\.0\.1:\d+ is not issued for that address \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
  });
});
