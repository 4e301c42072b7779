// A hostile or broken API server, credential plugin or kubeconfig: one clear line naming what
// and where, exit 2, never a hang, a JavaScript message or 300 MB believed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers.js';
import { fixtureRoutes, oomFixture, startFakeApi, writeKubeconfig, type FakeApi } from './live-fake-api.js';

const fixture = oomFixture();
const { name, namespace } = fixture.pod.metadata;
const podPath = `/api/v1/namespaces/${namespace}/pods/${name}`;

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^podmortem: /);
  expect(lines[0]).not.toMatch(/unexpected error|\n\s+at /);
  expect(lines[0]).toMatch(pattern);
  expect(result.code).toBe(2);
}

describe('API answers', () => {
  let api: FakeApi;
  let kubeconfig: string;
  let bytesSent = 0;

  beforeAll(async () => {
    api = await startFakeApi();
    kubeconfig = await writeKubeconfig(api.url);
  });
  afterAll(() => api.close());

  it('an answer larger than the cap is stopped while it streams, naming the request (a 300 MB pod)', async () => {
    bytesSent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    api.routes.splice(0, api.routes.length, (url) =>
      url.pathname === podPath
        ? (res) => {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.write('{"kind":"Pod","metadata":{"name":"x"},"padding":"');
            let sent = 0;
            const more = () => {
              while (sent < 300 && !res.destroyed) {
                sent++;
                bytesSent += chunk.length;
                if (!res.write(chunk)) return void res.once('drain', more);
              }
              if (!res.destroyed) res.end('"}');
            };
            res.on('close', () => (sent = 300));
            more();
          }
        : undefined,
    );
    const result = await run(['diagnose', name, '--kubeconfig', kubeconfig]);
    expectOneLine(result, /^podmortem: get pods in namespace shop: the answer is larger than 128Mi, so podmortem stopped reading it; raise --max-response-size \(or PODMORTEM_MAX_RESPONSE_SIZE\) if objects this large are expected$/);
    expect(bytesSent).toBeLessThan(250 * 1024 * 1024);
  });

  it('the cap is configurable, and a declared Content-Length over it is refused before reading', async () => {
    api.routes.splice(0, api.routes.length, ...fixtureRoutes());
    expectOneLine(await run(['diagnose', name, '--kubeconfig', kubeconfig, '--max-response-size', '2Ki']), /^podmortem: get pods in namespace shop: the answer is larger than 2Ki/);
    expectOneLine(await run(['diagnose', name, '--kubeconfig', kubeconfig], { PODMORTEM_MAX_RESPONSE_SIZE: '2Ki' }), /the answer is larger than 2Ki/);
    const ok = await run(['diagnose', name, '--kubeconfig', kubeconfig, '-o', 'json', '--max-response-size', '1Mi']);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout).pods[0].findings[0].rule).toBe('oom-killed');
  });

  it('a server answering a pod with wrong types: the field and the pod, not a JavaScript error', async () => {
    api.routes.splice(0, api.routes.length, (url) => (url.pathname === podPath ? { status: 200, body: { kind: 'Pod', metadata: { name, namespace }, status: { containerStatuses: 'y' } } } : undefined), ...fixtureRoutes());
    expectOneLine(
      await run(['diagnose', name, '--kubeconfig', kubeconfig]),
      /did not answer like a Kubernetes API server \(get pods in namespace shop\): field status\.containerStatuses of pod shop\/orders-api-6d8f7c9b54-q7xkz is not a list$/,
    );
  });

  it('a list with a damaged item, and JSON nested 100,000 deep', async () => {
    api.routes.splice(0, api.routes.length, (url) => (url.pathname === `/api/v1/namespaces/${namespace}/pods` ? { status: 200, body: { kind: 'PodList', metadata: {}, items: [fixture.pod, null] } } : undefined));
    expectOneLine(await run(['scan', '--kubeconfig', kubeconfig, '-o', 'text']), /\(list pods in namespace shop\): field items\[1\] of the List is not an object$/);
    api.routes.splice(0, api.routes.length, (url) => (url.pathname === podPath ? { status: 200, body: `{"kind":"Pod","metadata":{"name":"a"},"spec":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}` } : undefined));
    expectOneLine(await run(['diagnose', name, '--kubeconfig', kubeconfig]), /\(get pods in namespace shop\): the answer nests deeper than 64 levels/);
  });
});

describe('credentials and kubeconfig', () => {
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApi(fixtureRoutes());
    dir = await mkdtemp(join(tmpdir(), 'podmortem-creds-'));
  });
  afterAll(() => api.close());

  async function kubeconfigWithUser(user: string): Promise<string> {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
    const base = await readFile(await writeKubeconfig(api.url), 'utf8');
    await writeFile(file, base.replace(/ {4}token: .*\n/, user));
    return file;
  }

  it('an exec credential plugin that never answers is killed at --request-timeout', async () => {
    const pidFile = join(dir, 'plugin.pid');
    const plugin = join(dir, 'slow-plugin.sh');
    await writeFile(plugin, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 60\n`);
    await chmod(plugin, 0o755);
    const kubeconfig = await kubeconfigWithUser(`    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${plugin}\n      interactiveMode: Never\n`);
    const result = await run(['diagnose', name, '--kubeconfig', kubeconfig, '--request-timeout', '1s']);
    expectOneLine(result, new RegExp(`cannot get credentials for user "tester" of context "fake": the exec credential plugin ".*slow-plugin\\.sh" gave no credentials within 1s \\(--request-timeout\\) and was stopped`));
    expect(result.ms).toBeLessThan(15_000);
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(existsSync(`/proc/${pid}`) && !(await readFile(`/proc/${pid}/stat`, 'utf8')).includes(') Z ')).toBe(false);
  });

  it('an exec plugin that answers in time still works', async () => {
    const plugin = join(dir, 'good-plugin.sh');
    await writeFile(plugin, `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t-123"}}'\n`);
    await chmod(plugin, 0o755);
    const kubeconfig = await kubeconfigWithUser(`    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${plugin}\n      interactiveMode: Never\n`);
    const result = await run(['diagnose', name, '--kubeconfig', kubeconfig, '-o', 'json', '--request-timeout', '5s']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).pods[0].findings[0].rule).toBe('oom-killed');
  });

  it('a client certificate that is not PEM', async () => {
    const kubeconfig = await kubeconfigWithUser(`    client-certificate-data: ${Buffer.from('not a certificate').toString('base64')}\n    client-key-data: ${Buffer.from('not a key').toString('base64')}\n`);
    const https = (await readFile(kubeconfig, 'utf8')).replace(api.url, 'https://127.0.0.1:1');
    await writeFile(kubeconfig, https);
    expectOneLine(await run(['diagnose', name, '--kubeconfig', kubeconfig]), /cannot get credentials for user "tester" of context "fake": the client certificate or key is not usable \(.*PEM.*\): check client-certificate(\(-data\))? and client-key(\(-data\))? of the kubeconfig user$/);
  });

  it('--kubeconfig naming a folder', async () => {
    expectOneLine(await run(['diagnose', name, '--kubeconfig', dir]), new RegExp(`--kubeconfig names ${dir}, which is a folder: give the kubeconfig file itself`));
    expectOneLine(await run(['scan'], { KUBECONFIG: dir }), new RegExp(`KUBECONFIG names ${dir}, which is a folder`));
  });
});
