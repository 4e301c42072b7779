// What podmortem sends an API server from a kubeconfig, now that it reads kubeconfigs itself:
// TLS (CA, client certificate, server name, skip-verify), tokens, token files, basic auth,
// impersonation, exec credential plugins (v1 and v1beta1), an HTTP proxy, and the fallback to
// @kubernetes/client-node for what only it knows. Real servers on loopback see the requests.
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/sources/cluster/api-client.js';
import { loadClusterTarget } from '../src/sources/cluster/kubeconfig.js';
import { PODS } from '../src/sources/cluster/resources.js';
import { ROOT } from './helpers.js';

const TLS = join(ROOT, 'test/support/tls');
const pem = (name: string) => readFile(join(TLS, name), 'utf8');

interface Seen {
  readonly headers: IncomingHttpHeaders;
  readonly clientCertificate: string | null;
  readonly servername: string | null;
}

let dir: string;
let seen: Seen[] = [];
let tlsServer: https.Server;
let plainServer: http.Server;
let proxy: net.Server;
let proxied: string[] = [];
/** The proxy's client connections: kept-alive tunnels are cut when the tests end. */
const tunnels = new Set<net.Socket>();
let tlsUrl = '';
let plainUrl = '';
let proxyUrl = '';

function answer(req: http.IncomingMessage, res: http.ServerResponse) {
  const socket = req.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
  seen.push({ headers: req.headers, clientCertificate: peer?.subject?.CN ?? null, servername: (socket as { servername?: string | false }).servername || null });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podmortem-credentials-'));
  tlsServer = https.createServer({ key: await pem('server.key'), cert: await pem('server.crt'), ca: await pem('ca.crt'), requestCert: true, rejectUnauthorized: false }, answer);
  plainServer = http.createServer(answer);
  // A CONNECT proxy that records what it tunnels to.
  proxy = net.createServer((client) => {
    tunnels.add(client);
    client.once('close', () => tunnels.delete(client));
    client.once('data', (head) => {
      const request = head.toString();
      const [, target] = /^CONNECT (\S+)/.exec(request) ?? [];
      if (target) {
        proxied.push(`CONNECT ${target}${/Proxy-Authorization: Basic (\S+)/.test(request) ? ` as ${Buffer.from(/Proxy-Authorization: Basic (\S+)/.exec(request)![1]!, 'base64')}` : ''}`);
        const [host, port] = target.split(':');
        const upstream = net.connect(Number(port), host, () => {
          client.write('HTTP/1.1 200 Connection established\r\n\r\n');
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
      } else {
        // Absolute-form plain HTTP: forward as is.
        const [, url] = /^\w+ (\S+)/.exec(request) ?? [];
        proxied.push(`GET ${url}`);
        const target = new URL(url!);
        const upstream = net.connect(Number(target.port), target.hostname, () => {
          upstream.write(request.replace(url!, target.pathname + target.search));
          client.pipe(upstream).pipe(client);
        });
      }
    });
  });
  const listen = (server: net.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  tlsUrl = `https://127.0.0.1:${await listen(tlsServer)}`;
  plainUrl = `http://127.0.0.1:${await listen(plainServer)}`;
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});

afterAll(async () => {
  for (const socket of tunnels) socket.destroy();
  tlsServer.closeAllConnections();
  plainServer.closeAllConnections();
  for (const server of [tlsServer, plainServer, proxy]) await new Promise((resolve) => server.close(resolve));
});

/** Writes a kubeconfig whose one context uses `cluster` and `user` (YAML-ish objects written as JSON, which is YAML). */
async function kubeconfig(cluster: Record<string, unknown>, user: Record<string, unknown>, name = 'config'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify({ clusters: [{ name: 'c', cluster }], users: [{ name: 'u', user }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' }));
  return file;
}

/** One list request through podmortem's client; what the server saw. */
async function request(file: string): Promise<Seen> {
  seen = [];
  const client = new ClusterClient(loadClusterTarget({ kubeconfig: file, env: {} }), { timeoutMs: 5000 });
  await client.list({ type: PODS, verb: 'list', namespace: 'shop' });
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

async function failure(file: string, timeoutMs = 5000): Promise<string> {
  const client = new ClusterClient(loadClusterTarget({ kubeconfig: file, env: {} }), { timeoutMs });
  return client.list({ type: PODS, verb: 'list', namespace: 'shop' }).then(
    () => 'no error',
    (error: Error) => `${(error as { kind?: string }).kind ?? ''}: ${error.message}`,
  );
}

describe('TLS from the kubeconfig', () => {
  it('trusts the CA file (relative to the kubeconfig), sends the client certificate files, and reuses one connection', async () => {
    await writeFile(join(dir, 'ca.crt'), await pem('ca.crt'));
    const file = await kubeconfig({ server: tlsUrl, 'certificate-authority': 'ca.crt' }, { 'client-certificate': join(TLS, 'client.crt'), 'client-key': join(TLS, 'client.key') });
    const target = loadClusterTarget({ kubeconfig: file, env: {} });
    const client = new ClusterClient(target, { timeoutMs: 5000 });
    seen = [];
    const ports = new Set<number>();
    tlsServer.on('secureConnection', (s) => ports.add(s.remotePort ?? 0));
    for (let i = 0; i < 3; i++) await client.list({ type: PODS, verb: 'list', namespace: 'shop' });
    expect(seen.map((s) => s.clientCertificate)).toEqual(['podmortem-client', 'podmortem-client', 'podmortem-client']);
    expect(ports.size).toBe(1);
  });

  it('takes the CA and client certificate as base64 data too', async () => {
    const b64 = async (name: string) => Buffer.from(await pem(name)).toString('base64');
    const file = await kubeconfig({ server: tlsUrl, 'certificate-authority-data': await b64('ca.crt') }, { 'client-certificate-data': await b64('client.crt'), 'client-key-data': await b64('client.key'), token: 'abc' });
    const got = await request(file);
    expect(got.clientCertificate).toBe('podmortem-client');
    expect(got.headers.authorization).toBe('Bearer abc');
  });

  it('refuses a server its CA did not sign, unless insecure-skip-tls-verify', async () => {
    expect(await failure(await kubeconfig({ server: tlsUrl }, { token: 'abc' }))).toMatch(/^tls: /);
    expect((await request(await kubeconfig({ server: tlsUrl, 'insecure-skip-tls-verify': true }, { token: 'abc' }))).headers.authorization).toBe('Bearer abc');
  });

  it('checks the name in tls-server-name and sends it as SNI', async () => {
    const ca = Buffer.from(await pem('ca.crt')).toString('base64');
    expect((await request(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca, 'tls-server-name': 'api.podmortem.test' }, {}))).servername).toBe('api.podmortem.test');
    expect(await failure(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca, 'tls-server-name': 'other.example' }, {}))).toMatch(/^tls: .*other\.example/);
  });

  it('one line for a CA, certificate or key that is not PEM, or a certificate without its key, before any connection', async () => {
    const b64 = async (name: string) => Buffer.from(await pem(name)).toString('base64');
    const junk = Buffer.from('not a certificate').toString('base64');
    const ca = await b64('ca.crt');
    seen = [];
    expect(await failure(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca }, { 'client-certificate-data': junk, 'client-key-data': await b64('client.key') }))).toMatch(
      /^credentials: list pods in namespace shop: the client certificate or key is not usable \([^\n]+\): check client-certificate\(-data\) and client-key\(-data\) of the kubeconfig user$/,
    );
    expect(await failure(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca }, { 'client-certificate-data': await b64('client.crt'), 'client-key-data': junk }))).toMatch(/^credentials: .*the client certificate or key is not usable/);
    expect(await failure(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': junk }, { token: 't' }))).toMatch(/^credentials: .*the certificate-authority of the kubeconfig cluster is not a usable PEM certificate .*: check certificate-authority-data/);
    expect(await failure(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca }, { 'client-certificate-data': await b64('client.crt') }))).toMatch(/^credentials: .*a client certificate without its key: set both/);
    expect(await failure(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca }, { 'client-key': join(TLS, 'no-such.key') }))).toMatch(/^credentials: .*cannot read client-key file .*no-such\.key \(ENOENT\)$/);
    expect(seen).toEqual([]);
  });

  it('plain http only with insecure-skip-tls-verify, as before', async () => {
    expect(await failure(await kubeconfig({ server: plainUrl }, { token: 'abc' }))).toMatch(/^credentials: .*HTTP protocol is not allowed/);
  });
});

describe('who the requests say they are', () => {
  it('a token file (relative to the kubeconfig), its trailing newline dropped', async () => {
    await writeFile(join(dir, 'token'), 'from-file\n');
    expect((await request(await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { 'token-file': 'token' }))).headers.authorization).toBe('Bearer from-file');
  });

  it('basic auth, and a token winning over it', async () => {
    const basic = await request(await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { username: 'admin', password: 'p:w' }));
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('admin:p:w').toString('base64')}`);
    const both = await request(await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { username: 'admin', password: 'x', token: 't' }));
    expect(both.headers.authorization).toBe('Bearer t');
  });

  it('impersonation: user, uid, groups and extra', async () => {
    const got = await request(
      await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { token: 't', as: 'jane', 'as-uid': '42', 'as-groups': ['dev', 'ops'], 'as-user-extra': { 'reason/why': ['on-call'] } }),
    );
    expect(got.headers).toMatchObject({ 'impersonate-user': 'jane', 'impersonate-uid': '42', 'impersonate-group': 'dev, ops', 'impersonate-extra-reason%2fwhy': 'on-call' });
  });
});

describe('exec credential plugins', () => {
  /** A plugin (a node script) that records KUBERNETES_EXEC_INFO and how often it ran, then prints `output`. */
  async function plugin(name: string, output: unknown, { exit = 0, stderr = '' } = {}): Promise<string> {
    const file = join(dir, name);
    await writeFile(
      file,
      `#!${process.execPath}\nconst fs = require('node:fs');\nfs.appendFileSync(${JSON.stringify(`${file}.runs`)}, process.env.KUBERNETES_EXEC_INFO + '\\n' + (process.env.FROM_CONFIG ?? '') + '\\n');\nprocess.stderr.write(${JSON.stringify(stderr)});\nprocess.stdout.write(${JSON.stringify(JSON.stringify(output))});\nprocess.exit(${exit});\n`,
    );
    await chmod(file, 0o755);
    return file;
  }
  const runs = async (file: string) => (await readFile(`${file}.runs`, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  const credential = (apiVersion: string, status: Record<string, unknown>) => ({ apiVersion, kind: 'ExecCredential', status });
  const cluster = () => ({ server: plainUrl, 'insecure-skip-tls-verify': true });

  it('v1beta1: runs the plugin once with KUBERNETES_EXEC_INFO and its env, sends its token, and keeps it until it expires', async () => {
    const file = await plugin('aws', credential('client.authentication.k8s.io/v1beta1', { token: 'k8s-aws-v1.abc', expirationTimestamp: new Date(Date.now() + 600_000).toISOString() }));
    const config = await kubeconfig(cluster(), { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: file, args: ['eks', 'get-token'], env: [{ name: 'FROM_CONFIG', value: 'yes' }] } }, 'aws-config');
    const client = new ClusterClient(loadClusterTarget({ kubeconfig: config, env: {} }), { timeoutMs: 5000 });
    seen = [];
    for (let i = 0; i < 3; i++) await client.list({ type: PODS, verb: 'list', namespace: 'shop' });
    expect(seen.map((s) => s.headers.authorization)).toEqual(Array(3).fill('Bearer k8s-aws-v1.abc'));
    const [info, env, ...more] = await runs(file);
    expect(more).toEqual([]);
    expect(JSON.parse(info!)).toEqual({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', spec: { interactive: false } });
    expect(env).toBe('yes');
  });

  it('v1: needs interactiveMode, refuses Always, passes the cluster with provideClusterInfo, and takes a client certificate', async () => {
    const certificate = credential('client.authentication.k8s.io/v1', { clientCertificateData: await pem('client.crt'), clientKeyData: await pem('client.key') });
    const file = await plugin('cert-plugin', certificate);
    const ca = Buffer.from(await pem('ca.crt')).toString('base64');
    const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: file, provideClusterInfo: true };
    const tlsCluster = { server: tlsUrl, 'certificate-authority-data': ca, extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'podmortem' } }] };
    expect(await failure(await kubeconfig(tlsCluster, { exec }, 'v1-missing'))).toMatch(/^credentials: .*interactiveMode must be set/);
    expect(await failure(await kubeconfig(tlsCluster, { exec: { ...exec, interactiveMode: 'Always' } }, 'v1-always'))).toMatch(/needs interactiveMode Always .*without a terminal/);
    const got = await request(await kubeconfig(tlsCluster, { exec: { ...exec, interactiveMode: 'IfAvailable' } }, 'v1-ok'));
    expect(got.clientCertificate).toBe('podmortem-client');
    const [info] = await runs(file);
    expect(JSON.parse(info!).spec).toEqual({ interactive: false, cluster: { server: tlsUrl, 'certificate-authority-data': ca, config: { audience: 'podmortem' } } });
  });

  it('a relative command with a folder starts at the kubeconfig\'s folder', async () => {
    await plugin('relative-plugin', credential('client.authentication.k8s.io/v1beta1', { token: 'rel' }));
    expect((await request(await kubeconfig(cluster(), { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: './relative-plugin' } }, 'rel-config'))).headers.authorization).toBe('Bearer rel');
  });

  it('one line for each way a plugin fails', async () => {
    const exec = (command: string, extra: Record<string, unknown> = {}) => ({ exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command, ...extra } });
    expect(await failure(await kubeconfig(cluster(), exec('no-such-plugin-on-path', { installHint: 'Install it with\n  brew install no-such-plugin' }), 'e1'))).toBe(
      'credentials: list pods in namespace shop: exec plugin no-such-plugin-on-path is not installed or not on PATH: Install it with brew install no-such-plugin',
    );
    const failing = await plugin('failing', {}, { exit: 1, stderr: 'warming up\nerror: the SSO session has expired, run aws sso login\n' });
    expect(await failure(await kubeconfig(cluster(), exec(failing), 'e2'))).toMatch(/exec plugin .*failing failed \(exit 1\): error: the SSO session has expired, run aws sso login$/);
    const wrongVersion = await plugin('wrong-version', credential('client.authentication.k8s.io/v1', { token: 'x' }));
    expect(await failure(await kubeconfig(cluster(), exec(wrongVersion), 'e3'))).toMatch(/answered in client.authentication.k8s.io\/v1, but the kubeconfig asks for client.authentication.k8s.io\/v1beta1/);
    const empty = await plugin('empty', credential('client.authentication.k8s.io/v1beta1', {}));
    expect(await failure(await kubeconfig(cluster(), exec(empty), 'e4'))).toMatch(/gave neither a token nor a client certificate and key/);
    expect(await failure(await kubeconfig(cluster(), { exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: empty } }, 'e5'))).toMatch(/apiVersion "client.authentication.k8s.io\/v1alpha1" is not supported/);
  });
});

describe('exec plugins that do not finish', () => {
  it('a plugin that hangs (a browser login) is killed after the request timeout, with a line that says so, and no request is sent', async () => {
    const file = join(dir, 'hangs');
    await writeFile(file, `#!${process.execPath}\nsetTimeout(() => {}, 600000);\n`);
    await chmod(file, 0o755);
    const config = await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: file } }, 'hang-config');
    seen = [];
    const started = Date.now();
    expect(await failure(config, 400)).toBe(
      `credentials: list pods in namespace shop: the exec credential plugin "${file}" gave no credentials within 400ms (--request-timeout) and was stopped: run it by hand to see what it waits for (a login?), or raise --request-timeout`,
    );
    expect(Date.now() - started).toBeLessThan(4000);
    expect(seen).toEqual([]);
  });

  it('a plugin that prints without end is stopped', async () => {
    const file = join(dir, 'floods');
    await writeFile(file, `#!${process.execPath}\nconst chunk = 'x'.repeat(65536); const write = () => process.stdout.write(chunk, write); write();\n`);
    await chmod(file, 0o755);
    const config = await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: file } }, 'flood-config');
    expect(await failure(config, 0)).toMatch(/^credentials: .*exec plugin .*floods printed more than 1 MiB, more than any credential holds, and was stopped$/);
  });
});

describe('auth providers', () => {
  it('oidc goes through @kubernetes/client-node: its id-token is sent while it is valid', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const idToken = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://issuer.example', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
    const got = await request(await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { 'auth-provider': { name: 'oidc', config: { 'id-token': idToken, 'client-id': 'k' } } }, 'oidc-config'));
    expect(got.headers.authorization).toBe(`Bearer ${idToken}`);
  });

  it('an auth provider nobody knows is one line, not an anonymous request', async () => {
    seen = [];
    expect(await failure(await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true }, { 'auth-provider': { name: 'keystone', config: {} } }, 'keystone-config'))).toBe(
      'credentials: list pods in namespace shop: user "u" uses auth-provider "keystone", which podmortem does not know (it knows oidc, gcp, azure): switch the user to an exec credential plugin, as kubectl 1.26+ requires for most providers',
    );
    expect(seen).toEqual([]);
  });
});

describe('proxies', () => {
  it('https through an http proxy-url: a CONNECT tunnel with the proxy credentials, TLS checked end to end', async () => {
    proxied = [];
    const ca = Buffer.from(await pem('ca.crt')).toString('base64');
    const withAuth = proxyUrl.replace('http://', 'http://ops:s3cret@');
    const got = await request(await kubeconfig({ server: tlsUrl, 'certificate-authority-data': ca, 'proxy-url': withAuth }, { token: 'via-proxy' }));
    expect(got.headers.authorization).toBe('Bearer via-proxy');
    expect(proxied).toEqual([`CONNECT ${new URL(tlsUrl).host} as ops:s3cret`]);
  });

  it('plain http through it in absolute form', async () => {
    proxied = [];
    await request(await kubeconfig({ server: plainUrl, 'insecure-skip-tls-verify': true, 'proxy-url': proxyUrl }, { token: 't' }));
    expect(proxied[0]).toMatch(new RegExp(`^GET ${plainUrl}/api/v1/namespaces/shop/pods`));
  });

  it('a SOCKS proxy is left to @kubernetes/client-node (loaded only then)', async () => {
    const target = loadClusterTarget({ kubeconfig: await kubeconfig({ server: tlsUrl, 'proxy-url': 'socks5://127.0.0.1:1' }, { token: 't' }), env: {} });
    const options: https.RequestOptions = {};
    await target.kubeConfig.applyToHTTPSOptions(options);
    expect(options.agent?.constructor.name).toBe('SocksProxyAgent');
    expect((options.headers as Record<string, string>).Authorization).toBe('Bearer t');
  });
});

describe('the kubeconfig is read without @kubernetes/client-node or a YAML library', () => {
  it('the live commands do not load them (a start-up cost of about half a second)', async () => {
    const { readFileSync } = await import('node:fs');
    const { dirname, resolve } = await import('node:path');
    for (const command of ['scan', 'diagnose', 'record']) {
      const seenFiles = new Set<string>();
      const external = new Set<string>();
      const queue = [join(ROOT, `src/cli/commands/${command}.ts`)];
      while (queue.length) {
        const file = queue.shift()!;
        if (seenFiles.has(file)) continue;
        seenFiles.add(file);
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/^(?:import|export) (?!type\b)[^;]*?from '([^']+)'|^import '([^']+)'/gm)) {
          const spec = (m[1] ?? m[2])!;
          if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
          else external.add(spec);
        }
      }
      expect(seenFiles.size, command).toBeGreaterThan(20);
      expect([...external].filter((e) => ['@kubernetes/client-node', 'yaml', 'js-yaml'].includes(e)), command).toEqual([]);
    }
  });
});
