import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { InputError } from '../input-error.js';
import { readKubeconfigFile, type KubeCluster, type KubeContext, type Kubeconfig, type KubeUser } from './kubeconfig-file.js';
import { requestCredentials, type RequestCredentials } from './request-credentials.js';

/** The cluster, user and namespace one run talks to, resolved the way kubectl resolves them. */
export interface ClusterTarget {
  /** Puts the context's TLS settings and credentials on each request. */
  readonly kubeConfig: RequestCredentials;
  readonly context: string;
  readonly user: string;
  readonly server: string;
  /** The context's namespace, else `default`: what `-n` falls back to. */
  readonly namespace: string;
  /** The kubeconfig files read, or `in-cluster`. */
  readonly origin: string;
  /** Everything those files define (merged), for switching to another context. */
  readonly config: Kubeconfig;
}

export interface KubeconfigOptions {
  /** `--kubeconfig FILE`: this one file, ignoring KUBECONFIG. */
  readonly kubeconfig?: string;
  /** `--context NAME`: instead of the current context. */
  readonly context?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** Prefix of the service-account files (tests point it at a folder); `''` in a real pod. */
  readonly serviceAccountRoot?: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** KUBECONFIG's files merged as kubectl does: the first file that names a cluster, user, context or current context wins. */
function mergeFiles(files: readonly string[]): Kubeconfig {
  const clusters = new Map<string, KubeCluster>();
  const users = new Map<string, KubeUser>();
  const contexts = new Map<string, KubeContext>();
  let currentContext = '';
  for (const file of files) {
    const config = readKubeconfigFile(file);
    for (const c of config.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of config.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of config.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= config.currentContext;
  }
  return { clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext };
}

function kubeconfigFiles(options: KubeconfigOptions): string[] | null {
  if (options.kubeconfig) return [options.kubeconfig];
  const env = options.env ?? process.env;
  if (env.KUBECONFIG) {
    const listed = env.KUBECONFIG.split(delimiter).filter(Boolean);
    // kubectl skips listed files that do not exist; all missing is an error worth naming.
    const existing = listed.filter((f) => existsSync(f));
    if (existing.length === 0) throw new InputError(`KUBECONFIG names no existing file (${listed.join(delimiter)}): fix KUBECONFIG or pass --kubeconfig`);
    return existing;
  }
  const home = options.home ?? env.HOME ?? homedir();
  const file = join(home, '.kube', 'config');
  return existsSync(file) ? [file] : null;
}

/** The pod's own service account, as client-go's in-cluster config reads it. */
function inClusterConfig(options: KubeconfigOptions): Kubeconfig | null {
  const env = options.env ?? process.env;
  const root = `${options.serviceAccountRoot ?? ''}${SERVICE_ACCOUNT}`;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port || !existsSync(`${root}/token`)) return null;
  const scheme = ['80', '8080', '8001'].includes(port) ? 'http' : 'https';
  let namespace: string | undefined;
  try {
    namespace = readFileSync(`${root}/namespace`, 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  return {
    clusters: [{ name: 'inCluster', server: `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`, caFile: `${root}/ca.crt`, skipTLSVerify: false }],
    users: [{ name: 'inClusterUser', tokenFile: `${root}/token` }],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser', ...(namespace ? { namespace } : {}) }],
    currentContext: 'inClusterContext',
  };
}

/**
 * Finds the kubeconfig like kubectl: `--kubeconfig`, else the files in KUBECONFIG merged, else
 * ~/.kube/config, else the pod's service account when running inside a cluster.
 */
export function loadClusterTarget(options: KubeconfigOptions = {}): ClusterTarget {
  const files = kubeconfigFiles(options);
  const config = files ? mergeFiles(files) : inClusterConfig(options);
  if (!config) {
    throw new InputError('no kubeconfig: ~/.kube/config does not exist and KUBECONFIG is not set; pass --kubeconfig FILE, set KUBECONFIG, or run inside a pod with a service account');
  }
  const origin = files ? files.join(delimiter) : 'in-cluster';
  return targetForContext(config, options.context ?? config.currentContext, origin);
}

/** The same kubeconfig pointed at another of its contexts (`:ctx NAME` in the UI). */
export function switchContext(target: ClusterTarget, context: string): ClusterTarget {
  return targetForContext(target.config, context, target.origin);
}

function targetForContext(config: Kubeconfig, contextName: string, origin: string): ClusterTarget {
  const names = config.contexts.map((c) => c.name);
  if (!contextName) {
    throw new InputError(`kubeconfig ${origin} has no current-context: pass --context NAME${names.length ? ` (one of ${names.join(', ')})` : ''}`);
  }
  const context = config.contexts.find((c) => c.name === contextName);
  if (!context) {
    throw new InputError(`context "${contextName}" is not in kubeconfig ${origin}${names.length ? `: use one of ${names.join(', ')}` : ': it defines no contexts'}`);
  }
  const cluster = config.clusters.find((c) => c.name === context.cluster);
  if (!cluster) throw new InputError(`context "${contextName}" names cluster "${context.cluster}", which kubeconfig ${origin} does not define`);
  const user = context.user ? config.users.find((u) => u.name === context.user) : undefined;
  if (context.user && !user) throw new InputError(`context "${contextName}" names user "${context.user}", which kubeconfig ${origin} does not define`);
  const namespace = context.namespace?.trim() || 'default';
  return { kubeConfig: requestCredentials(cluster, user ?? null), context: contextName, user: context.user ?? '', server: cluster.server, namespace, origin, config };
}
