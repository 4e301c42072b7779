import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ExecCredentials } from './exec-credential.js';
import type { KubeCluster, KubeUser } from './kubeconfig-file.js';
import { HttpsOverHttpProxyAgent, httpThroughProxy } from './proxy-agent.js';

/*
 * What a request to the API server carries, from one kubeconfig cluster and user: the TLS
 * settings (CA, client certificate, server name, skip-verify) on one keep-alive agent for the
 * run, so a scan's requests share a connection instead of a handshake each; the Authorization
 * header (token, token file, basic auth, an exec plugin's token) and impersonation headers; a
 * plain HTTP proxy. Legacy auth providers (oidc, gcp, azure) and SOCKS or HTTPS proxies are
 * handed to @kubernetes/client-node, loaded only then: everything else runs without it.
 */

/** Applies a cluster's credentials to the options of one request. */
export interface RequestCredentials {
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

/** kubectl and client-go re-read a token file this often (service-account tokens rotate). */
const TOKEN_FILE_TTL_MS = 60_000;

function readPem(file: string | undefined, data: string | undefined, what: string): Buffer | undefined {
  if (file) {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${what} file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return data ? Buffer.from(data, 'base64') : undefined;
}

function needsClientNode(cluster: KubeCluster, user: KubeUser | null): boolean {
  return Boolean(user?.authProvider) || Boolean(cluster.proxyUrl && !/^http:\/\//i.test(cluster.proxyUrl));
}

export function requestCredentials(cluster: KubeCluster, user: KubeUser | null): RequestCredentials {
  return needsClientNode(cluster, user) ? new ClientNodeCredentials(cluster, user) : new KubeconfigCredentials(cluster, user);
}

class KubeconfigCredentials implements RequestCredentials {
  private readonly exec: ExecCredentials | null;
  private token: { value: string; read: number } | null = null;
  private agent: { key: string; agent: http.Agent } | null = null;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly user: KubeUser | null,
  ) {
    this.exec = user?.exec ? new ExecCredentials(user as KubeUser & { exec: NonNullable<KubeUser['exec']> }, cluster) : null;
  }

  async applyToHTTPSOptions(options: https.RequestOptions): Promise<void> {
    const plainHttp = this.cluster.server.startsWith('http:');
    if (plainHttp && !this.cluster.skipTLSVerify) throw new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
    // A token or token file wins over an exec plugin (as @kubernetes/client-node had it); the plugin runs only when needed.
    const fixedToken = this.user?.token ?? this.tokenFromFile();
    const status = this.exec && !fixedToken ? await this.exec.status() : null;
    const headers: Record<string, string | string[]> = { ...(options.headers as Record<string, string>) };
    const bearer = fixedToken ?? status?.token;
    if (bearer) headers.Authorization = `Bearer ${bearer.trim()}`;
    else if (this.user?.username) headers.Authorization = `Basic ${Buffer.from(`${this.user.username}:${this.user.password ?? ''}`).toString('base64')}`;
    if (this.user?.impersonateUser) headers['Impersonate-User'] = this.user.impersonateUser;
    if (this.user?.impersonateUid) headers['Impersonate-Uid'] = this.user.impersonateUid;
    if (this.user?.impersonateGroups?.length) headers['Impersonate-Group'] = [...this.user.impersonateGroups];
    for (const [key, values] of Object.entries(this.user?.impersonateExtra ?? {})) headers[`Impersonate-Extra-${encodeURIComponent(key)}`] = [...values];
    options.headers = headers;
    const proxy = this.cluster.proxyUrl ? new URL(this.cluster.proxyUrl) : null;
    if (plainHttp) {
      if (proxy) Object.assign(options, httpThroughProxy(options, proxy));
      options.agent = this.agentFor('http', () => new http.Agent({ keepAlive: true }));
      return;
    }
    const tlsOptions: https.AgentOptions = {
      keepAlive: true,
      ...(this.cluster.skipTLSVerify ? { rejectUnauthorized: false } : {}),
      ...(this.cluster.tlsServerName ? { servername: this.cluster.tlsServerName } : {}),
    };
    const ca = readPem(this.cluster.caFile, this.cluster.caData, 'certificate-authority');
    const cert = status?.clientCertificateData ?? readPem(this.user?.certFile, this.user?.certData, 'client-certificate');
    const key = status?.clientKeyData ?? readPem(this.user?.keyFile, this.user?.keyData, 'client-key');
    if (ca) tlsOptions.ca = ca;
    if (cert) tlsOptions.cert = cert;
    if (key) tlsOptions.key = key;
    // A plugin may hand out a new certificate: a new one gets its own agent.
    const keyOfAgent = `https|${status?.clientCertificateData ?? ''}`;
    options.agent = this.agentFor(keyOfAgent, () => (proxy ? new HttpsOverHttpProxyAgent(proxy, tlsOptions) : new https.Agent(tlsOptions)));
  }

  private agentFor(key: string, create: () => http.Agent): http.Agent {
    if (this.agent?.key !== key) this.agent = { key, agent: create() };
    return this.agent.agent;
  }

  private tokenFromFile(): string | undefined {
    const file = this.user?.tokenFile;
    if (!file) return undefined;
    if (!this.token || Date.now() - this.token.read > TOKEN_FILE_TTL_MS) {
      try {
        this.token = { value: readFileSync(file, 'utf8'), read: Date.now() };
      } catch (error) {
        throw new Error(`cannot read token-file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    }
    return this.token.value;
  }
}

/** What only @kubernetes/client-node implements, through it: the client is loaded on the first request. */
class ClientNodeCredentials implements RequestCredentials {
  private config: Promise<{ applyToHTTPSOptions(options: https.RequestOptions): Promise<void> }> | null = null;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly user: KubeUser | null,
  ) {}

  async applyToHTTPSOptions(options: https.RequestOptions): Promise<void> {
    this.config ??= import('@kubernetes/client-node').then(({ KubeConfig }) => {
      const config = new KubeConfig();
      const user = this.user ?? { name: '' };
      config.loadFromOptions({
        clusters: [{ ...this.cluster }],
        users: [{ ...user, ...(this.user?.token === undefined && this.user?.tokenFile ? { token: readFileSync(this.user.tokenFile, 'utf8') } : {}) }],
        contexts: [{ name: 'podmortem', cluster: this.cluster.name, user: user.name }],
        currentContext: 'podmortem',
      });
      return config;
    });
    await (await this.config).applyToHTTPSOptions(options);
  }
}
