import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';
import { ExecCredentials, type ExecStatus } from './exec-credential.js';
import type { KubeCluster, KubeUser } from './kubeconfig-file.js';
import { HttpsOverHttpProxyAgent, httpThroughProxy } from './proxy-agent.js';
import { importModule } from '../../engine/import-module.js';

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
  /** Bounds the user's exec plugin: killed after `timeoutMs` (0: no bound, as --request-timeout=0). */
  boundExecPlugin?(timeoutMs: number): void;
  /** Why the credentials could not be had, when the exec plugin was killed for its time; else null. */
  killedPluginMessage?(): string | null;
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

/**
 * The TLS material as one secure context, built and checked once: Node would otherwise take a
 * CA, certificate or key that is not PEM only when it connects, and report it as a handshake or
 * library error. The agent uses this context, so it is not built a second time.
 */
function secureContextOf(material: { ca?: Buffer | string; cert?: Buffer | string; key?: Buffer | string }, certificateFrom: string): SecureContext {
  const { ca, cert, key } = material;
  const badCa = (reason: string) => new Error(`the certificate-authority of the kubeconfig cluster is not a usable PEM certificate (${reason}): check certificate-authority-data or the certificate-authority file`);
  // Node skips what is not a certificate in `ca` without a word: say so, as kubectl does.
  if (ca && !/-----BEGIN CERTIFICATE-----/.test(String(ca))) throw badCa('no BEGIN CERTIFICATE block');
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error(`the kubeconfig user has a client ${cert ? 'certificate without its key' : 'key without its certificate'}: set both client-certificate and client-key (file or -data)`);
  }
  try {
    return createSecureContext({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    if (!cert) throw badCa(reason);
    try {
      createSecureContext(ca ? { ca } : {});
    } catch {
      throw badCa(reason);
    }
    throw new Error(`the client certificate or key is not usable (${reason}): check ${certificateFrom}`);
  }
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

  boundExecPlugin(timeoutMs: number): void {
    this.exec?.bound(timeoutMs);
  }

  killedPluginMessage(): string | null {
    return this.exec?.killedMessage() ?? null;
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
    // A plugin may hand out a new certificate: a new one gets its own agent. The files are read once per agent.
    const keyOfAgent = `https|${status?.clientCertificateData ?? ''}`;
    options.agent = this.agentFor(keyOfAgent, () => {
      const tlsOptions = this.tlsOptions(status);
      return proxy ? new HttpsOverHttpProxyAgent(proxy, tlsOptions) : new https.Agent(tlsOptions);
    });
  }

  private tlsOptions(status: ExecStatus | null): https.AgentOptions {
    const fromPlugin = Boolean(status?.clientCertificateData);
    const ca = readPem(this.cluster.caFile, this.cluster.caData, 'certificate-authority');
    const cert = fromPlugin ? status?.clientCertificateData : readPem(this.user?.certFile, this.user?.certData, 'client-certificate');
    const key = fromPlugin ? status?.clientKeyData : readPem(this.user?.keyFile, this.user?.keyData, 'client-key');
    const from = fromPlugin ? `what the exec plugin ${this.user?.exec?.command ?? ''} printed` : 'client-certificate(-data) and client-key(-data) of the kubeconfig user';
    return {
      keepAlive: true,
      secureContext: secureContextOf({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) }, from),
      ...(this.cluster.skipTLSVerify ? { rejectUnauthorized: false } : {}),
      ...(this.cluster.tlsServerName ? { servername: this.cluster.tlsServerName } : {}),
    };
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

/** The legacy auth providers @kubernetes/client-node implements. */
const CLIENT_NODE_AUTH_PROVIDERS = ['oidc', 'gcp', 'azure'];

/** What only @kubernetes/client-node implements, through it: the client is loaded on the first request. */
class ClientNodeCredentials implements RequestCredentials {
  private config: Promise<{ applyToHTTPSOptions(options: https.RequestOptions): Promise<void> }> | null = null;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly user: KubeUser | null,
  ) {}

  async applyToHTTPSOptions(options: https.RequestOptions): Promise<void> {
    const provider = this.user?.authProvider?.name;
    // The client would send such a user's requests without credentials, and the server's 401 would not say why.
    if (provider !== undefined && !CLIENT_NODE_AUTH_PROVIDERS.includes(provider)) {
      throw new Error(`user "${this.user?.name}" uses auth-provider "${provider}", which podmortem does not know (it knows ${CLIENT_NODE_AUTH_PROVIDERS.join(', ')}): switch the user to an exec credential plugin, as kubectl 1.26+ requires for most providers`);
    }
    this.config ??= importModule<typeof import('@kubernetes/client-node')>('@kubernetes/client-node').then(({ KubeConfig }) => {
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
